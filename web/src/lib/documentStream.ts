/**
 * Watch a document being written: `documentStream(id)` over graphql-ws. The first event carries
 * the text so far, each next one a piece to apply at its offset (offset 0 replaces the text),
 * the last one (done) the finished document. One short-lived connection per watched document.
 */
import { createClient } from "graphql-ws";
import { DocumentStreamDocument } from "../api/ai";
import type { DocumentStreamSubscription } from "../gql/graphql";
import { accessTokenStale, getSession, refreshSession } from "./auth";

export type StreamEvent = DocumentStreamSubscription["documentStream"];

function url(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/graphql`;
}

/** Apply one event to the text so far (offsets count code points, as the server does). */
export function applyChunk(text: string, event: Pick<StreamEvent, "offset" | "chunk">): string {
  const points = Array.from(text);
  return points.slice(0, event.offset).join("") + event.chunk;
}

export function watchDocument(id: string, onEvent: (event: StreamEvent) => void, onError: (message: string) => void): () => void {
  const client = createClient({
    url: url(),
    lazy: true,
    retryAttempts: 2,
    connectionParams: async () => {
      let session = getSession();
      if (session && accessTokenStale(session)) {
        await refreshSession(session.accessToken).catch(() => undefined);
        session = getSession();
      }
      return session ? { authorization: `Bearer ${session.accessToken}` } : {};
    },
  });
  const stop = client.subscribe<DocumentStreamSubscription>(
    { query: DocumentStreamDocument.toString(), variables: { id } },
    {
      next: ({ data, errors }) => {
        if (errors?.length) onError(errors.map((e) => e.message).join("; "));
        if (data?.documentStream) onEvent(data.documentStream);
      },
      error: (error) => {
        const message = Array.isArray(error) ? error.map((e: { message?: string }) => e.message).join("; ") : "The live connection was lost.";
        onError(message);
      },
      complete: () => undefined,
    },
  );
  return () => {
    stop();
    void client.dispose();
  };
}
