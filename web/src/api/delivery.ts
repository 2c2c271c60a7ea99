/**
 * GraphQL operations of delivery (issue 10): notification preferences and channels, the delivery
 * log, digests (archive, one digest, "send me a test now"), follow-ups and interview appointments,
 * the calendar feed, and live application updates.
 */
import { graphql } from "../gql";

/* ---------- preferences and channels ---------- */

export const NotificationPreferencesFields = graphql(`
  fragment NotificationPreferencesFields on NotificationPreferences {
    topics {
      topic
      channels
    }
    quietHoursStart
    quietHoursEnd
    morningEnabled
    morningTime
    eveningEnabled
    eveningTime
    sendWhenQuiet
    vacationUntil
    jobAlertMode
    timezone
    email
    emailVerified
    ntfyUrl
    ntfyTokenSet
    webhookUrl
    webhookSecret
    channels {
      channel
      configured
      ready
      detail
    }
    nextMorningAt
    nextEveningAt
  }
`);

export const NotificationPreferencesDocument = graphql(`
  query NotificationPreferences { viewer { id notificationPreferences { ...NotificationPreferencesFields } } }
`);

export const NotificationPreferencesUpdateDocument = graphql(`
  mutation NotificationPreferencesUpdate($input: NotificationPreferencesUpdateInput!) {
    notificationPreferencesUpdate(input: $input) { preferences { ...NotificationPreferencesFields } errors { field message code } }
  }
`);

export const EmailVerificationSendDocument = graphql(`
  mutation EmailVerificationSend($input: EmailVerificationSendInput!) { emailVerificationSend(input: $input) { sent errors { field message code } } }
`);

export const WebhookSecretRotateDocument = graphql(`
  mutation WebhookSecretRotate($input: WebhookSecretRotateInput!) {
    webhookSecretRotate(input: $input) { preferences { ...NotificationPreferencesFields } errors { field message code } }
  }
`);

export const DeliveryFields = graphql(`
  fragment DeliveryFields on Delivery { id channel topic subject status attempts lastError createdAt sentAt digest { id } }
`);

export const ChannelTestDocument = graphql(`
  mutation ChannelTest($input: ChannelTestInput!) { channelTest(input: $input) { delivery { ...DeliveryFields } errors { field message code } } }
`);

export const DeliveryDocument = graphql(`
  query Delivery($id: ID!) { node(id: $id) { ... on Delivery { ...DeliveryFields } } }
`);

export const DeliveriesDocument = graphql(`
  query Deliveries($first: Int!, $after: String, $status: DeliveryStatus, $channel: Channel) {
    viewer {
      id
      deliveries(first: $first, after: $after, status: $status, channel: $channel) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...DeliveryFields
          }
        }
      }
    }
  }
`);

/* ---------- digests ---------- */

export const DigestSummaryFields = graphql(`
  fragment DigestSummaryFields on Digest { id kind localDate isTest subject createdAt }
`);

export const DigestsDocument = graphql(`
  query Digests($first: Int!, $after: String, $kind: DigestKind, $includeTests: Boolean) {
    viewer {
      id
      digests(first: $first, after: $after, kind: $kind, includeTests: $includeTests) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...DigestSummaryFields
          }
        }
      }
    }
  }
`);

export const DigestFields = graphql(`
  fragment DigestFields on Digest {
    ...DigestSummaryFields
    text
    sections {
      key
      title
      items {
        text
        detail
        href
      }
    }
    deliveries {
      ...DeliveryFields
    }
  }
`);

export const DigestDocument = graphql(`
  query Digest($id: ID!) { node(id: $id) { ... on Digest { ...DigestFields } } }
`);

export const DigestPreviewDocument = graphql(`
  mutation DigestPreview($input: DigestPreviewInput!) { digestPreview(input: $input) { digest { ...DigestFields } errors { field message code } } }
`);

/* ---------- follow-ups and interviews ---------- */

export const InterviewFields = graphql(`
  fragment InterviewFields on InterviewAppointment { id startsAt timezone durationMinutes kind location link notes }
`);

export const InterviewAppointmentCreateDocument = graphql(`
  mutation InterviewAppointmentCreate($input: InterviewAppointmentCreateInput!) {
    interviewAppointmentCreate(input: $input) { interview { ...InterviewFields } errors { field message code } }
  }
`);

export const InterviewAppointmentUpdateDocument = graphql(`
  mutation InterviewAppointmentUpdate($input: InterviewAppointmentUpdateInput!) {
    interviewAppointmentUpdate(input: $input) { interview { ...InterviewFields } errors { field message code } }
  }
`);

export const InterviewAppointmentDeleteDocument = graphql(`
  mutation InterviewAppointmentDelete($input: InterviewAppointmentDeleteInput!) { interviewAppointmentDelete(input: $input) { deletedId errors { field message code } } }
`);

export const TodayScheduleDocument = graphql(`
  query TodaySchedule($first: Int!) {
    viewer {
      id
      followUpsDue {
        id
        status
        appliedAt
        followUpOn
        job {
          id
          title
          company
        }
      }
      upcomingInterviews(first: $first) {
        totalCount
        edges {
          node {
            ...InterviewFields
            application {
              id
              job {
                id
                title
                company
              }
            }
          }
        }
      }
    }
  }
`);

/* ---------- the calendar feed ---------- */

export const CalendarFeedDocument = graphql(`
  query CalendarFeed { viewer { id calendarFeed { active createdAt } } }
`);

export const CalendarFeedCreateDocument = graphql(`
  mutation CalendarFeedCreate($input: CalendarFeedCreateInput!) { calendarFeedCreate(input: $input) { feed { active createdAt } url errors { field message code } } }
`);

export const CalendarFeedRevokeDocument = graphql(`
  mutation CalendarFeedRevoke($input: CalendarFeedRevokeInput!) { calendarFeedRevoke(input: $input) { feed { active createdAt } errors { field message code } } }
`);

/* ---------- live application updates ---------- */

export const ApplicationUpdatedDocument = graphql(`
  subscription ApplicationUpdated { applicationUpdated { ...ApplicationFields } }
`);
