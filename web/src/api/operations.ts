/**
 * Every GraphQL operation of the app. `npm run codegen` turns these into typed documents
 * (src/gql) from the API contract in ../schema.graphql.
 */
import { graphql } from "../gql";

export const FieldErrorFields = graphql(`
  fragment FieldErrorFields on FieldError { field message code }
`);

export const ViewerFields = graphql(`
  fragment ViewerFields on User {
    id username email skills preferredLocations experienceLevel timezone
    languages { language level } skillYears { skill years } yearsExperience
  }
`);

/* ---------- auth: src/api/auth.ts (the sign-in page loads nothing else) ---------- */

/* ---------- viewer / profile ---------- */

export const ViewerDocument = graphql(`
  query Viewer { viewer { ...ViewerFields } }
`);

export const ProfileUpdateDocument = graphql(`
  mutation ProfileUpdate($input: ProfileUpdateInput!) { profileUpdate(input: $input) { user { ...ViewerFields } errors { ...FieldErrorFields } } }
`);

/* ---------- jobs ---------- */

/** What a job's card in a list shows (the Jobs page, Today's strong matches). */
export const JobCardFields = graphql(`
  fragment JobCardFields on Job {
    id
    company
    title
    location
    description
    salary {
      min
      max
      currency
    }
    jobType
    remoteOption
    techStack
    sourceUrl
    matchScore
    createdAt
    applications {
      id
      status
    }
  }
`);

/** A whole job: what the edit dialog and the mutations need besides the card. */
export const JobFields = graphql(`
  fragment JobFields on Job {
    ...JobCardFields
    requirements
  }
`);

export const JobsDocument = graphql(`
  query Jobs($first: Int!, $after: String, $filter: JobFilter, $orderBy: JobOrder!) {
    jobs(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      totalCountIsEstimate
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...JobCardFields
        }
      }
    }
  }
`);

export const JobDocument = graphql(`
  query Job($id: ID!) { node(id: $id) { ... on Job { ...JobFields } } }
`);

/** A job's own page: the posting, its score explained, its application with the history, the
 * documents written for it and the mock interviews practising for it. */
export const JobPageDocument = graphql(`
  query JobPage($id: ID!) {
    node(id: $id) {
      ... on Job {
        ...JobFields
        origin
        closedAt
        scoreBreakdown {
          ...BreakdownFields
        }
        applications {
          ...ApplicationFields
        }
        documents {
          ...DocumentSummaryFields
        }
        interviewSessions {
          id
          kind
          status
          overallScore
          startedAt
          endedAt
        }
      }
    }
  }
`);

export const JobScoreDocument = graphql(`
  query JobScore($id: ID!) {
    node(id: $id) { ... on Job { id matchScore scoreBreakdown { total band matched missingMustHave explanation whatWouldRaiseIt } } }
  }
`);

export const JobCreateDocument = graphql(`
  mutation JobCreate($input: JobCreateInput!) { jobCreate(input: $input) { job { ...JobFields } errors { ...FieldErrorFields } } }
`);

export const JobUpdateDocument = graphql(`
  mutation JobUpdate($input: JobUpdateInput!) { jobUpdate(input: $input) { job { ...JobFields } errors { ...FieldErrorFields } } }
`);

export const JobDeleteDocument = graphql(`
  mutation JobDelete($input: JobDeleteInput!) { jobDelete(input: $input) { deletedId errors { ...FieldErrorFields } } }
`);

/* ---------- applications (board) ---------- */

export const ApplicationFields = graphql(`
  fragment ApplicationFields on Application {
    id
    status
    notes
    appliedAt
    interviewAt
    offerAt
    decidedAt
    createdAt
    updatedAt
    followUpOn
    allowedTransitions
    interviews {
      ...InterviewFields
    }
    job {
      id
      company
      title
      location
      matchScore
    }
    history {
      fromStatus
      toStatus
      changedAt
    }
  }
`);

export const ApplicationsDocument = graphql(`
  query Applications($first: Int!) { applications(first: $first) { totalCount edges { node { ...ApplicationFields } } } }
`);

export const ApplicationDocument = graphql(`
  query Application($id: ID!) { node(id: $id) { ... on Application { ...ApplicationFields } } }
`);

export const JobFreshnessDocument = graphql(`
  query JobFreshness($id: ID!) { node(id: $id) { ... on Job { id freshness { possiblyStale evidence expiresAt } } } }
`);

export const ApplicationCreateDocument = graphql(`
  mutation ApplicationCreate($input: ApplicationCreateInput!) { applicationCreate(input: $input) { application { id status } errors { ...FieldErrorFields } } }
`);

export const ApplicationStatusUpdateDocument = graphql(`
  mutation ApplicationStatusUpdate($input: ApplicationStatusUpdateInput!) { applicationStatusUpdate(input: $input) { application { ...ApplicationFields } errors { ...FieldErrorFields } } }
`);

export const ApplicationUpdateDocument = graphql(`
  mutation ApplicationUpdate($input: ApplicationUpdateInput!) { applicationUpdate(input: $input) { application { ...ApplicationFields } errors { ...FieldErrorFields } } }
`);

/* ---------- notifications ---------- */

export const NotificationFields = graphql(`
  fragment NotificationFields on Notification { id kind title body jobId read createdAt href insight { id kind } }
`);

export const NotificationsDocument = graphql(`
  query Notifications($first: Int!) { notifications(first: $first) { unreadCount totalCount edges { node { ...NotificationFields } } } }
`);

export const NotificationMarkReadDocument = graphql(`
  mutation NotificationMarkRead($input: NotificationMarkReadInput!) { notificationMarkRead(input: $input) { marked unreadCount errors { ...FieldErrorFields } } }
`);

export const NotificationReceivedDocument = graphql(`
  subscription NotificationReceived($after: ID) { notificationReceived(after: $after) { ...NotificationFields } }
`);
