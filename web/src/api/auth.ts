/**
 * The operations of signing up and in: their own module, so the sign-in page's chunk carries these
 * documents and no other (see vite.config.ts, inlineDocuments).
 */
import { graphql } from "../gql";

export const UserRegisterDocument = graphql(`
  mutation UserRegister($input: UserRegisterInput!) { userRegister(input: $input) { accepted message errors { ...FieldErrorFields } } }
`);

export const TokenFields = graphql(`
  fragment TokenFields on TokenPayload { accessToken accessTokenExpiresAt refreshToken user { id username } errors { ...FieldErrorFields } }
`);

export const TokenCreateDocument = graphql(`
  mutation TokenCreate($input: TokenCreateInput!) { tokenCreate(input: $input) { ...TokenFields } }
`);
