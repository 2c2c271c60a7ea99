/**
 * The one graphql-ws (graphql-transport-ws) client of the tab, shared by every subscription:
 * live notifications, a document being written, a source run's progress, a URL import.
 *
 * Auth goes in the connection_init payload ({ authorization: "Bearer <token>" }); a stale token
 * is refreshed before connecting, and a refused one (close 4401/4403, or a token error) on the
 * next connect. The socket opens with the first subscription and closes after the last.
 *
 * graphql-ws does not retry by itself: `subscribe` resubscribes after a dropped connection
 * (backing off), reading its variables again, so notifications resume from the last id seen.
 */
import { createClient, type Client } from "graphql-ws";
import { useSyncExternalStore } from "react";
import type { TypedDocumentString } from "../gql/graphql";
import { accessTokenStale, getSession, refreshSession } from "./auth";
import { whenIdle } from "./idle";

export type LiveState = "connecting" | "live" | "offline";

const TOKEN_ERRORS = ["Access token expired", "Invalid access token", "Authentication required"];

let state: LiveState = "connecting";
const stateListeners = new Set<() => void>();
const connectedListeners = new Set<() => void>();
let forceRefresh = false;
let client: Client | null = null;

function setState(next: LiveState): void {
  state = next;
  stateListeners.forEach((listener) => listener());
}

/** The shared socket's state (the bell's live dot). */
export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (listener) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    () => state,
  );
}

function url(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/graphql`;
}

function shared(): Client {
  client ??= createClient({
    url: url(),
    lazy: true,
    retryAttempts: 0, // resubscribing is ours: it carries the current variables
    keepAlive: 20_000,
    connectionParams: async () => {
      let session = getSession();
      if (session && (forceRefresh || accessTokenStale(session))) {
        forceRefresh = false;
        const ok = await refreshSession(session.accessToken).catch(() => true);
        if (!ok) throw new Error("signed out");
        session = getSession();
      }
      if (!session) throw new Error("signed out");
      return { authorization: `Bearer ${session.accessToken}` };
    },
    on: {
      connecting: () => setState("connecting"),
      connected: () => {
        setState("live");
        connectedListeners.forEach((listener) => listener());
      },
      closed: (event) => {
        const code = (event as CloseEvent | undefined)?.code;
        if (code === 4403 || code === 4401) forceRefresh = true;
        setState("offline");
      },
    },
  });
  return client;
}

type GraphQLErrors = readonly { message?: string }[];

function tokenProblem(errors: GraphQLErrors | undefined): boolean {
  return !!errors?.some((e) => TOKEN_ERRORS.includes(e.message ?? ""));
}

export interface SubscribeOptions<R, V> {
  /** Read at every (re)subscription. */
  variables: () => V;
  onData: (data: R) => void;
  /** The subscription is over: completed by the server (null) or failed for good (the message). */
  onDone?: (error: string | null) => void;
  /** How often a dropped connection is retried before giving up (Infinity: always). */
  retries?: number;
  /** The server completing the subscription is a drop too (it restarted): come back. */
  endless?: boolean;
  /** Connected again after a drop: the caller may want to reconcile. */
  onReconnected?: () => void;
  onSignedOut?: () => void;
}

/** Subscribe on the shared client; returns a stop function. */
export function subscribe<R, V>(document: TypedDocumentString<R, V>, options: SubscribeOptions<R, V>): () => void {
  const { retries = 0 } = options;
  let stopped = false;
  let attempts = 0;
  let connectedOnce = state === "live";
  let timer: number | undefined;
  let unsubscribe: (() => void) | null = null;

  const onConnected = () => {
    attempts = 0;
    if (connectedOnce) options.onReconnected?.();
    connectedOnce = true;
  };
  connectedListeners.add(onConnected);

  const finish = (error: string | null) => {
    if (stopped) return;
    stop();
    options.onDone?.(error);
  };

  // A dropped connection (or a refused token): try again, backing off, while signed in.
  const retry = (message: string) => {
    unsubscribe = null;
    if (stopped) return;
    if (!getSession()) {
      stop();
      if (options.onSignedOut) options.onSignedOut();
      else options.onDone?.(message);
      return;
    }
    if (attempts >= retries) {
      finish(message);
      return;
    }
    const delay = Math.min(15_000, 500 * 2 ** attempts) + Math.random() * 400;
    attempts += 1;
    timer = window.setTimeout(start, delay);
  };

  function start(): void {
    if (stopped) return;
    unsubscribe = shared().subscribe<R>(
      { query: document.toString(), variables: options.variables() as Record<string, unknown> },
      {
        next: ({ data, errors }) => {
          if (tokenProblem(errors)) forceRefresh = true;
          else if (errors?.length) finish(errors.map((e) => e.message).join("; "));
          else if (data) options.onData(data);
        },
        error: (error) => {
          if (Array.isArray(error) && !tokenProblem(error)) {
            finish((error as GraphQLErrors).map((e) => e.message).join("; "));
            return;
          }
          if (Array.isArray(error)) forceRefresh = true;
          retry(error instanceof Error ? error.message : "The live connection was lost.");
        },
        complete: () => {
          if (options.endless) retry("The server ended the subscription.");
          else finish(null);
        },
      },
    );
  }

  function stop(): void {
    stopped = true;
    window.clearTimeout(timer);
    connectedListeners.delete(onConnected);
    unsubscribe?.();
    unsubscribe = null;
  }

  // Connecting (the client, the socket) waits for an idle moment: a page load's first render and
  // its queries go first. Subscriptions still start in the order they were asked for.
  whenIdle(start);
  return stop;
}
