/** Sign in with a provider: the configured providers, connected accounts, connect, disconnect, link. */
import { graphql } from "../gql";

export const AuthProvidersDocument = graphql(`
  query AuthProviders { authProviders { name label } }
`);

export const ConnectedAccountsDocument = graphql(`
  query ConnectedAccounts {
    authProviders { name label }
    viewer { id hasPassword connectedAccounts { id provider providerLabel email emailVerified createdAt } }
  }
`);

export const IdentityConnectDocument = graphql(`
  mutation IdentityConnect($input: IdentityConnectInput!) { identityConnect(input: $input) { url errors { ...FieldErrorFields } } }
`);

export const IdentityDisconnectDocument = graphql(`
  mutation IdentityDisconnect($input: IdentityDisconnectInput!) {
    identityDisconnect(input: $input) { disconnected { id } errors { ...FieldErrorFields } }
  }
`);

export const IdentityLinkConfirmDocument = graphql(`
  mutation IdentityLinkConfirm($input: IdentityLinkConfirmInput!) { identityLinkConfirm(input: $input) { ...TokenFields } }
`);
