/**
 * GraphQL operations of AI assistance: résumé uploads, documents (with the live stream), mock
 * interviews, model status and usage. `npm run codegen` turns these into typed documents (src/gql).
 */
import { graphql } from "../gql";

/* ---------- résumé ---------- */

export const ResumeUploadFields = graphql(`
  fragment ResumeUploadFields on ResumeUpload {
    id
    filename
    size
    status
    error
    errorCode
    createdAt
    parsed {
      name
      email
      totalYears
      experienceLevel
      pages
      skills {
        name
        mentions
        evidence
      }
    }
    suggestions {
      id
      kind
      value
      reason
      accepted
      dismissed
    }
  }
`);

export const ResumeUploadsDocument = graphql(`
  query ResumeUploads { resumeUploads(first: 1) { edges { node { ...ResumeUploadFields } } } }
`);

export const ResumeUploadDocument = graphql(`
  query ResumeUpload($id: ID!) { node(id: $id) { ... on ResumeUpload { ...ResumeUploadFields } } }
`);

export const ResumeSuggestionAcceptDocument = graphql(`
  mutation ResumeSuggestionAccept($input: ResumeSuggestionAcceptInput!) { resumeSuggestionAccept(input: $input) { upload { ...ResumeUploadFields } user { ...ViewerFields } errors { ...FieldErrorFields } } }
`);

export const ResumeSuggestionsAcceptDocument = graphql(`
  mutation ResumeSuggestionsAccept($input: ResumeSuggestionsInput!) { resumeSuggestionsAccept(input: $input) { upload { ...ResumeUploadFields } user { ...ViewerFields } errors { ...FieldErrorFields } } }
`);

export const ResumeSuggestionsDismissDocument = graphql(`
  mutation ResumeSuggestionsDismiss($input: ResumeSuggestionsInput!) { resumeSuggestionsDismiss(input: $input) { upload { ...ResumeUploadFields } errors { ...FieldErrorFields } } }
`);

/* ---------- documents ---------- */

export const DocumentSummaryFields = graphql(`
  fragment DocumentSummaryFields on Document { id kind tone title status offline createdAt updatedAt }
`);

export const DocumentFields = graphql(`
  fragment DocumentFields on Document {
    ...DocumentSummaryFields
    error
    errorCode
    text
    exportPath
    job {
      id
      title
      company
    }
    versions {
      number
      source
      model
      totalTokens
      createdAt
    }
    ratings {
      rating
      comment
      createdAt
    }
    tailoring {
      summary
      missingKeywords
      sections {
        section
        keywordsToSurface
        rewrites {
          original
          suggested
          reason
          decision
        }
      }
    }
  }
`);

export const DocumentsDocument = graphql(`
  query Documents($first: Int!) { documents(first: $first) { totalCount edges { node { ...DocumentSummaryFields } } } }
`);

export const DocumentDocument = graphql(`
  query Document($id: ID!) { node(id: $id) { ... on Document { ...DocumentFields } } }
`);

export const DocumentJobsDocument = graphql(`
  query DocumentJobs { jobs(first: 100, orderBy: NEWEST) { edges { node { id title company } } } }
`);

export const CoverLetterGenerateDocument = graphql(`
  mutation CoverLetterGenerate($input: CoverLetterGenerateInput!) { coverLetterGenerate(input: $input) { document { ...DocumentFields } errors { ...FieldErrorFields } } }
`);

export const ResumeTailorDocument = graphql(`
  mutation ResumeTailor($input: ResumeTailorInput!) { resumeTailor(input: $input) { document { ...DocumentFields } errors { ...FieldErrorFields } } }
`);

export const EmailDraftDocument = graphql(`
  mutation EmailDraft($input: EmailDraftInput!) { emailDraft(input: $input) { document { ...DocumentFields } errors { ...FieldErrorFields } } }
`);

export const DocumentImproveDocument = graphql(`
  mutation DocumentImprove($input: DocumentImproveInput!) { documentImprove(input: $input) { document { ...DocumentFields } errors { ...FieldErrorFields } } }
`);

export const DocumentUpdateDocument = graphql(`
  mutation DocumentUpdate($input: DocumentUpdateInput!) { documentUpdate(input: $input) { document { ...DocumentFields } errors { ...FieldErrorFields } } }
`);

export const DocumentRateDocument = graphql(`
  mutation DocumentRate($input: DocumentRateInput!) { documentRate(input: $input) { document { ...DocumentFields } errors { ...FieldErrorFields } } }
`);

export const TailoringRewriteDecideDocument = graphql(`
  mutation TailoringRewriteDecide($input: TailoringRewriteDecideInput!) { tailoringRewriteDecide(input: $input) { document { ...DocumentFields } errors { ...FieldErrorFields } } }
`);

export const DocumentStreamDocument = graphql(`
  subscription DocumentStream($id: ID!) { documentStream(id: $id) { offset chunk status done error document { ...DocumentFields } } }
`);

/* ---------- mock interviews ---------- */

export const InterviewQuestionFields = graphql(`
  fragment InterviewQuestionFields on InterviewQuestion { id text kind skill reason generated hint }
`);

export const InterviewAnswerFields = graphql(`
  fragment InterviewAnswerFields on InterviewAnswer {
    number
    score
    answer
    question {
      ...InterviewQuestionFields
    }
    feedback {
      score
      structureNotes
      strengths
      improvements
      strongerAnswerOutline
      coveredConcepts
      missingConcepts
    }
    modelNotes {
      strengths
      improvements
      strongerAnswerOutline
      error
    }
  }
`);

export const InterviewSessionFields = graphql(`
  fragment InterviewSessionFields on InterviewSession {
    id
    kind
    status
    offline
    engineNote
    questionCount
    overallScore
    modelNotice
    startedAt
    endedAt
    job {
      id
      title
      company
    }
    currentQuestion {
      ...InterviewQuestionFields
    }
    answers {
      ...InterviewAnswerFields
    }
    summary {
      overallScore
      answered
      strengths
      improvementAreas
      skillScores {
        skill
        score
      }
    }
  }
`);

export const InterviewStartDocument = graphql(`
  mutation InterviewStart($input: InterviewStartInput!) { interviewStart(input: $input) { session { ...InterviewSessionFields } errors { ...FieldErrorFields } } }
`);

export const InterviewAnswerDocument = graphql(`
  mutation InterviewAnswer($input: InterviewAnswerInput!) { interviewAnswer(input: $input) { answer { ...InterviewAnswerFields } session { ...InterviewSessionFields } errors { ...FieldErrorFields } } }
`);

export const InterviewEndDocument = graphql(`
  mutation InterviewEnd($input: InterviewEndInput!) { interviewEnd(input: $input) { session { ...InterviewSessionFields } errors { ...FieldErrorFields } } }
`);

export const InterviewHistoryDocument = graphql(`
  query InterviewHistory { viewer { id interviewHistory(last: 50) { id kind overallScore endedAt } } }
`);

/* ---------- settings ---------- */

export const ModelStatusDocument = graphql(`
  query ModelStatus($refresh: Boolean!) { modelStatus(refresh: $refresh) { configured ok model message code latencyMs } }
`);

export const AiUsageDocument = graphql(`
  query AiUsage { viewer { id aiUsage { tokensToday requestsToday dailyTokenBudget remainingTokens requestsPerMinute } } }
`);
