/**
 * GraphQL operations of the companion that speaks first: insights, guidance rules and settings,
 * the first-run checklist, career recommendations, the career health report, visits.
 * Errors are selected field by field (each payload has its own error type).
 */
import { graphql } from "../gql";

/* ---------- insights ---------- */

export const InsightFields = graphql(`
  fragment InsightFields on Insight {
    id
    kind
    priority
    title
    message
    evidence {
      label
      value
    }
    actions {
      index
      label
      kind
      href
      arguments
    }
    ruleKey
    ruleName
    state
    createdAt
    validUntil
    readAt
    actedAt
    actedAction
    dismissedAt
    verdict
    rephrased
  }
`);

export const TodayDocument = graphql(`
  query Today($limit: Int!) {
    viewer {
      id
      topInsights(limit: $limit) {
        ...InsightFields
      }
      firstRunChecklist {
        complete
        items {
          key
          label
          done
          href
        }
      }
    }
  }
`);

/** The setup's own read of the first-run checklist (what is done decides which steps show a tick). */
export const FirstRunChecklistDocument = graphql(`
  query FirstRunChecklist {
    viewer {
      id
      firstRunChecklist {
        complete
        items {
          key
          done
        }
      }
    }
  }
`);

export const InsightsDocument = graphql(`
  query Insights($first: Int!, $after: String, $filter: InsightFilter) {
    viewer {
      id
      insights(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...InsightFields
          }
        }
      }
    }
  }
`);

export const InsightReadDocument = graphql(`
  mutation InsightRead($input: InsightReadInput!) { insightRead(input: $input) { insights { id state readAt } errors { field message code } } }
`);

export const InsightActDocument = graphql(`
  mutation InsightAct($input: InsightActInput!) {
    insightAct(input: $input) {
      insight {
        ...InsightFields
      }
      goal {
        id
        title
        targetDate
        status
      }
      document {
        id
        title
      }
      href
      errors {
        field
        message
        code
      }
    }
  }
`);

export const InsightDismissDocument = graphql(`
  mutation InsightDismiss($input: InsightDismissInput!) { insightDismiss(input: $input) { insight { ...InsightFields } errors { field message code } } }
`);

export const InsightFeedbackDocument = graphql(`
  mutation InsightFeedback($input: InsightFeedbackInput!) { insightFeedback(input: $input) { insight { ...InsightFields } errors { field message code } } }
`);

export const VisitRecordDocument = graphql(`
  mutation VisitRecord($input: VisitRecordInput!) { visitRecord(input: $input) { welcomeBack { awayDays insight { ...InsightFields } } errors { field message code } } }
`);

/* ---------- guidance settings and rules ---------- */

export const GuidanceSettingsFields = graphql(`
  fragment GuidanceSettingsFields on GuidanceSettings { level dailyCap wellbeing timezone nextEvaluationAt }
`);

export const GuidanceRuleFields = graphql(`
  fragment GuidanceRuleFields on GuidanceRule {
    key
    name
    description
    triggerType
    insightKind
    priority
    effectivePriority
    conditions
    defaults
    active
    muted
    cooldownDays
    learning
  }
`);

export const GuidanceDocument = graphql(`
  query Guidance {
    viewer {
      id
      guidanceSettings {
        ...GuidanceSettingsFields
      }
      guidanceRules {
        ...GuidanceRuleFields
      }
    }
  }
`);

export const GuidanceSettingsUpdateDocument = graphql(`
  mutation GuidanceSettingsUpdate($input: GuidanceSettingsUpdateInput!) {
    guidanceSettingsUpdate(input: $input) { settings { ...GuidanceSettingsFields } errors { field message code } }
  }
`);

export const GuidanceRuleUpdateDocument = graphql(`
  mutation GuidanceRuleUpdate($input: GuidanceRuleUpdateInput!) { guidanceRuleUpdate(input: $input) { rule { ...GuidanceRuleFields } errors { field message code } } }
`);

/* ---------- career recommendations ---------- */

export const CareerRecommendationFields = graphql(`
  fragment CareerRecommendationFields on CareerRecommendation {
    id
    type
    title
    description
    reasoning
    expectedImpact
    timeToCompleteDays
    effort
    confidence
    marketRelevance
    personalFit
    scoring {
      name
      value
      explanation
    }
    goalSteps
    state
    declineReason
    decidedAt
    createdAt
    goal {
      id
      title
      status
    }
  }
`);

export const CareerRecommendationsDocument = graphql(`
  query CareerRecommendations($states: [RecommendationState!]) { viewer { id careerRecommendations(states: $states) { ...CareerRecommendationFields } } }
`);

export const CareerRecommendationsGenerateDocument = graphql(`
  mutation CareerRecommendationsGenerate($input: CareerRecommendationsGenerateInput!) {
    careerRecommendationsGenerate(input: $input) { recommendations { ...CareerRecommendationFields } errors { field message code } }
  }
`);

export const CareerRecommendationAcceptDocument = graphql(`
  mutation CareerRecommendationAccept($input: CareerRecommendationAcceptInput!) {
    careerRecommendationAccept(input: $input) { recommendation { ...CareerRecommendationFields } goal { id title targetDate } errors { field message code } }
  }
`);

export const CareerRecommendationDeclineDocument = graphql(`
  mutation CareerRecommendationDecline($input: CareerRecommendationDeclineInput!) {
    careerRecommendationDecline(input: $input) { recommendation { ...CareerRecommendationFields } errors { field message code } }
  }
`);

/* ---------- career health ---------- */

export const CareerHealthReportFields = graphql(`
  fragment CareerHealthReportFields on CareerHealthReport {
    id
    month
    overall
    skillCurrency
    marketPosition
    growth
    computedAt
  }
`);

export const CareerHealthDocument = graphql(`
  query CareerHealth {
    viewer {
      id
      careerHealth {
        latest {
          ...CareerHealthReportFields
          skills {
            skill
            proficiency
            lastActiveOn
            daysSinceActive
            marketTrendPercent
            currency
            note
          }
          market {
            coveredPostings
            totalPostings
            share
            previousShare
            trend
          }
          trajectory {
            skillGrowthPerQuarter
            pastSkillGrowthPerQuarter
            typicalForRole
            trend
            note
          }
          risks {
            title
            detail
            actionLabel
            actionHref
          }
        }
        history {
          ...CareerHealthReportFields
        }
      }
    }
  }
`);

export const CareerHealthRefreshDocument = graphql(`
  mutation CareerHealthRefresh($input: CareerHealthRefreshInput!) { careerHealthRefresh(input: $input) { report { id } errors { field message code } } }
`);
