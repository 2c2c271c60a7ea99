/** Own your data: password, sign-in sessions, account deletion (export and import are plain HTTP: lib/files). */
import { graphql } from "../gql";

export const SessionsDocument = graphql(`
  query Sessions { viewer { id hasPassword username email sessions { id current startedAt lastUsedAt userAgent ip } } }
`);

export const PasswordChangeDocument = graphql(`
  mutation PasswordChange($input: PasswordChangeInput!) { passwordChange(input: $input) { changed errors { ...FieldErrorFields } } }
`);

export const SessionRevokeDocument = graphql(`
  mutation SessionRevoke($input: SessionRevokeInput!) { sessionRevoke(input: $input) { revoked errors { ...FieldErrorFields } } }
`);

export const SessionRevokeAllDocument = graphql(`
  mutation SessionRevokeAll { sessionRevokeAll(input: {}) { revoked errors { ...FieldErrorFields } } }
`);

export const AccountDeleteDocument = graphql(`
  mutation AccountDelete($input: AccountDeleteInput!) { accountDelete(input: $input) { deleted errors { ...FieldErrorFields } } }
`);

export const EmailChangeDocument = graphql(`
  mutation EmailChange($input: EmailChangeInput!) { emailChange(input: $input) { sent errors { ...FieldErrorFields } } }
`);
