/**
 * Follow one object live over graphql-ws until the server completes the subscription
 * (a source run's progress, a URL import). The server sends the current state first, so a
 * late subscriber misses nothing; one short-lived connection per followed object.
 */
import { createClient } from "graphql-ws";
import type { TypedDocumentString } from "../gql/graphql";
import { accessTokenStale, getSession, refreshSession } from "./auth";

function url(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/graphql`;
}

export function follow<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  onData: (data: R) => void,
  onDone: (error: string | null) => void,
): () => void {
  let finished = false;
  const client = createClient({
    url: url(),
    lazy: true,
    retryAttempts: 3,
    connectionParams: async () => {
      let session = getSession();
      if (session && accessTokenStale(session)) {
        await refreshSession(session.accessToken).catch(() => undefined);
        session = getSession();
      }
      return session ? { authorization: `Bearer ${session.accessToken}` } : {};
    },
  });
  const finish = (error: string | null) => {
    if (finished) return;
    finished = true;
    onDone(error);
    void client.dispose();
  };
  const unsubscribe = client.subscribe<R>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: ({ data, errors }) => {
        if (errors?.length) finish(errors.map((e) => e.message).join("; "));
        else if (data) onData(data);
      },
      error: (error) => finish(error instanceof Error ? error.message : "The live connection failed"),
      complete: () => finish(null),
    },
  );
  return () => {
    finished = true;
    unsubscribe();
    void client.dispose();
  };
}
