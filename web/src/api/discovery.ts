/**
 * GraphQL operations of discovery, matching and market intelligence: sources and runs, URL and
 * text import, recommendations with score breakdowns, feedback, skill gaps, trends, analytics.
 */
import { graphql } from "../gql";

export const SourceRunFields = graphql(`
  fragment SourceRunFields on SourceRun {
    id
    label
    status
    trigger
    sourcesTotal
    sourcesDone
    found
    new
    duplicates
    closed
    matched
    error
    startedAt
    finishedAt
    createdAt
    outcomes {
      source
      status
      message
      found
      new
      duplicates
      closed
    }
  }
`);

export const SourcesDocument = graphql(`
  query Sources {
    watchedCompanies(first: 100) {
      edges {
        node {
          id
          source
          boardToken
          name
          intervalHours
          nextRunAt
          lastRun {
            ...SourceRunFields
          }
        }
      }
    }
    savedSearches(first: 100) {
      edges {
        node {
          id
          name
          keywords
          locations
          remote
          sources
          intervalHours
          nextRunAt
          lastRun {
            ...SourceRunFields
          }
        }
      }
    }
  }
`);

export const WatchedCompanyAddDocument = graphql(`
  mutation WatchedCompanyAdd($input: WatchedCompanyAddInput!) { watchedCompanyAdd(input: $input) { watchedCompany { id name } errors { ...FieldErrorFields } } }
`);

export const WatchedCompanyRemoveDocument = graphql(`
  mutation WatchedCompanyRemove($input: WatchedCompanyRemoveInput!) { watchedCompanyRemove(input: $input) { deletedId errors { ...FieldErrorFields } } }
`);

export const SavedSearchCreateDocument = graphql(`
  mutation SavedSearchCreate($input: SavedSearchCreateInput!) { savedSearchCreate(input: $input) { savedSearch { id name } errors { ...FieldErrorFields } } }
`);

export const SavedSearchDeleteDocument = graphql(`
  mutation SavedSearchDelete($input: SavedSearchDeleteInput!) { savedSearchDelete(input: $input) { deletedId errors { ...FieldErrorFields } } }
`);

export const SourceRefreshDocument = graphql(`
  mutation SourceRefresh($input: SourceRefreshInput!) { sourceRefresh(input: $input) { sourceRun { ...SourceRunFields } errors { ...FieldErrorFields } } }
`);

export const SourceRunProgressDocument = graphql(`
  subscription SourceRunProgress($id: ID!) { sourceRunProgress(id: $id) { ...SourceRunFields } }
`);

export const BreakdownFields = graphql(`
  fragment BreakdownFields on ScoreBreakdown {
    total
    band
    provisional
    parts {
      name
      score
      weight
      detail
    }
    matched
    missingMustHave
    missingNiceToHave
    explanation
    whatWouldRaiseIt
  }
`);

export const RecommendationsDocument = graphql(`
  query Recommendations($first: Int!, $after: String) {
    recommendations(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          company
          location
          remoteOption
          sourceUrl
          origin
          isRepost
          matchScore
          salary {
            min
            max
            currency
          }
          sources {
            source
            url
          }
          scoreBreakdown {
            ...BreakdownFields
          }
        }
      }
    }
    viewer {
      id
      matchWeights {
        ...MatchWeightsFields
      }
    }
  }
`);

export const MatchWeightsFields = graphql(`
  fragment MatchWeightsFields on MatchWeights { skills location experience reason customised }
`);

export const MatchFeedbackGiveDocument = graphql(`
  mutation MatchFeedbackGive($input: MatchFeedbackGiveInput!) { matchFeedbackGive(input: $input) { weights { ...MatchWeightsFields } errors { ...FieldErrorFields } } }
`);

export const JobPreviewFields = graphql(`
  fragment JobPreviewFields on JobPreview { title company locations remoteOption jobType salary { min max currency period } description skills url extraction }
`);

export const JobImportFromUrlDocument = graphql(`
  mutation JobImportFromUrl($input: JobImportFromUrlInput!) { jobImportFromUrl(input: $input) { jobImport { id status } errors { ...FieldErrorFields } } }
`);

export const JobImportUpdatedDocument = graphql(`
  subscription JobImportUpdated($id: ID!) { jobImportUpdated(id: $id) { id status error preview { ...JobPreviewFields } } }
`);

export const JobImportSaveDocument = graphql(`
  mutation JobImportSave($input: JobImportSaveInput!) { jobImportSave(input: $input) { job { id title company } errors { ...FieldErrorFields } } }
`);

export const JobParseTextDocument = graphql(`
  query JobParseText($text: String!) { jobParseText(text: $text) { ...JobPreviewFields } }
`);

export const JobCreateFromTextDocument = graphql(`
  mutation JobCreateFromText($input: JobCreateFromTextInput!) { jobCreateFromText(input: $input) { job { id title company } errors { ...FieldErrorFields } } }
`);

export const SkillGapsDocument = graphql(`
  query SkillGaps {
    viewer {
      id
      skills
      skillGaps(limit: 8) {
        coveragePercent
        jobsConsidered
        skillsYouHave
        gaps {
          skill
          category
          frequency
          coveragePercent
          trendPercent
          rankScore
          nextStep
        }
      }
    }
  }
`);

export const MarketSkillDemandDocument = graphql(`
  query MarketSkillDemand($skills: [String!], $windowDays: Int!) {
    marketSkillDemand(skills: $skills, windowDays: $windowDays) {
      windowDays
      asOf
      skills
      postings
      weeks {
        week
        weekStart
        postings
        skills {
          skill
          count
          share
        }
      }
      trends {
        skill
        previousCount
        currentCount
        percentChange
        status
        lowConfidence
        sentence
      }
    }
  }
`);

export const SalaryTrendDocument = graphql(`
  query SalaryTrend($roleKeyword: String!) { salaryTrend(roleKeyword: $roleKeyword) { month currency median count } }
`);

export const AnalyticsDocument = graphql(`
  query Analytics {
    viewer {
      id
      analytics {
        totals {
          jobs
          applications
          interviews
          offers
        }
        byStatus {
          status
          count
        }
        funnel {
          stage
          count
          conversionFromPrevious
        }
        responseBySource {
          source
          applied
          responses
          responseRate
        }
        overallResponseRate
        applicationsPerWeek {
          week
          weekStart
          count
        }
        averageDaysInStage {
          stage
          days
        }
      }
    }
  }
`);
