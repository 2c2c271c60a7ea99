/**
 * GraphQL over HTTP with plain fetch. Typed by the generated documents (src/gql).
 *
 * Auth: the in-memory access token goes in `Authorization: Bearer …`. When the API answers with
 * a top-level "Access token expired" / "Invalid access token" error, the client refreshes it once
 * with the session cookie (./auth) and retries; if that fails the session ends and the app shows sign in.
 *
 * Queries go as GET (mutations as POST): the API gives a query's answer an ETag and
 * `Cache-Control: private, no-cache`, so the browser keeps it and asks again with If-None-Match;
 * an unchanged answer comes back as an empty 304 and fetch resolves with the kept body. The
 * ETag changes with every write to the person's data (api/graphql/answers.py).
 */
import type { TypedDocumentString } from "../gql/graphql";
import { accessTokenStale, clearSession, getSession, refreshSession } from "./auth";

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** A request-level failure: network, HTTP or top-level GraphQL errors. */
export class RequestError extends Error {
  readonly errors: GraphQLErrorShape[];
  constructor(message: string, errors: GraphQLErrorShape[] = []) {
    super(message);
    this.name = "RequestError";
    this.errors = errors;
  }
}

/** The session is gone (refresh refused); the app routes to sign in. */
export class SignedOutError extends RequestError {
  constructor(message = "Your session has ended. Please sign in again.") {
    super(message);
    this.name = "SignedOutError";
  }
}

const ENDPOINT = "/graphql";
const MAX_GET_URL = 6000; // longer queries (rare: big variables) go as POST, which no proxy truncates
const QUERY = /^\s*(query\b|\{)/;
const TOKEN_ERRORS = new Set(["Access token expired", "Invalid access token"]);

interface Body<R> {
  data?: R | null;
  errors?: GraphQLErrorShape[];
}

async function send<R>(query: string, variables: unknown, accessToken: string | null): Promise<Body<R>> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const url = QUERY.test(query)
    ? `${ENDPOINT}?${new URLSearchParams({ query, variables: JSON.stringify(variables) }).toString()}`
    : null;
  let response: Response;
  try {
    if (url !== null && url.length <= MAX_GET_URL) {
      delete headers["content-type"];
      response = await fetch(url, { method: "GET", headers });
    } else {
      response = await fetch(ENDPOINT, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    }
  } catch {
    throw new RequestError("Cannot reach the server. Check your connection and try again.");
  }
  let body: Body<R>;
  try {
    body = (await response.json()) as Body<R>;
  } catch {
    throw new RequestError(httpProblem(response.status, response.statusText));
  }
  if (response.status === 413 && !body.errors?.length) throw new RequestError(httpProblem(413, response.statusText));
  return body;
}

/** A status without a readable body, in words a person can act on. */
export function httpProblem(status: number, statusText = ""): string {
  if (status === 413) return "This is too large to send: it is over the size the server accepts at a time. Shorten the text and try again.";
  if (status === 429) return "Too many requests at once. Wait a moment and try again.";
  if (status >= 500) return "The server had a problem answering. Try again in a moment.";
  return `The server answered ${status} ${statusText}`.trim();
}

function tokenProblem(errors: GraphQLErrorShape[] | undefined): boolean {
  return !!errors?.some((e) => TOKEN_ERRORS.has(e.message));
}

/** Run a query or mutation; resolves the data, rejects with RequestError. */
export async function request<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  const query = document.toString();
  const session = getSession();
  if (session && accessTokenStale(session)) {
    // Known to be expired: refresh first rather than be refused (network errors surface below).
    await refreshSession(session.accessToken).catch(() => undefined);
  }
  let token = getSession()?.accessToken ?? null;
  let body = await send<R>(query, variables ?? {}, token);
  if (token && tokenProblem(body.errors)) {
    if (!(await refreshSession(token))) throw new SignedOutError();
    token = getSession()?.accessToken ?? null;
    body = await send<R>(query, variables ?? {}, token);
    if (tokenProblem(body.errors)) {
      clearSession();
      throw new SignedOutError();
    }
  }
  if (body.errors?.length) {
    if (body.errors.some((e) => e.message === "Authentication required") && !getSession()) throw new SignedOutError();
    throw new RequestError(body.errors.map((e) => e.message).join("; "), body.errors);
  }
  if (body.data == null) throw new RequestError("The server sent no data");
  return body.data;
}

/** Payload `errors { field message code }` split by input field (camelCase) and the rest. */
export interface FieldErrorLike {
  field: string | null;
  message: string;
  code: string;
}

export interface SplitErrors {
  byField: Record<string, string>;
  general: string[];
}

export function splitErrors(errors: readonly FieldErrorLike[], knownFields: readonly string[]): SplitErrors {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const error of errors) {
    if (error.field && knownFields.includes(error.field)) {
      byField[error.field] = byField[error.field] ? `${byField[error.field]} ${error.message}` : error.message;
    } else {
      general.push(error.message);
    }
  }
  return { byField, general };
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
