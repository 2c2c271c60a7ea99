/** GraphQL operations of personal access tokens (issue 14): list, create (shown once), revoke. */
import { graphql } from "../gql";

export const PersonalAccessTokenFields = graphql(`
  fragment PersonalAccessTokenFields on PersonalAccessToken {
    id name prefix scopes createdAt expiresAt lastUsedAt lastUsedIp revokedAt
  }
`);

export const PersonalAccessTokensDocument = graphql(`
  query PersonalAccessTokens { viewer { id personalAccessTokens { ...PersonalAccessTokenFields } } }
`);

export const PersonalAccessTokenCreateDocument = graphql(`
  mutation PersonalAccessTokenCreate($input: PersonalAccessTokenCreateInput!) {
    personalAccessTokenCreate(input: $input) { token personalAccessToken { ...PersonalAccessTokenFields } errors { field message code } }
  }
`);

export const PersonalAccessTokenRevokeDocument = graphql(`
  mutation PersonalAccessTokenRevoke($input: PersonalAccessTokenRevokeInput!) {
    personalAccessTokenRevoke(input: $input) { personalAccessToken { ...PersonalAccessTokenFields } errors { field message code } }
  }
`);
