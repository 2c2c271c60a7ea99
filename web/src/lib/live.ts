/**
 * Live notifications over graphql-ws (graphql-transport-ws), one client per tab.
 *
 * Auth goes in the connection_init payload ({ authorization: "Bearer <token>" }); a stale
 * token is refreshed before connecting, and a rejected one (close 4403) after. The client does
 * not retry by itself: this module resubscribes with `after: <last seen id>` so the server
 * replays whatever arrived while the socket was down, exactly once.
 *
 * There is always an `after`: without one the server goes live from "now", and an alert created
 * between the caller's list query and the subscription would be lost. A viewer with no
 * notifications yet subscribes after NO_NOTIFICATIONS_YET (id 0), so the server replays
 * exactly what is newer than the (empty) list: nothing, or what was missed.
 */
import { createClient, type Client } from "graphql-ws";
import { NotificationReceivedDocument } from "../api/operations";
import type { NotificationFieldsFragment } from "../gql/graphql";
import { accessTokenStale, getSession, refreshSession } from "./auth";

/** The global id of "Notification:0": before every real notification. */
export const NO_NOTIFICATIONS_YET = btoa("Notification:0");

export type LiveState = "connecting" | "live" | "offline";

export interface LiveOptions {
  /** The newest notification id the tab already knows (from its list query), or
   * NO_NOTIFICATIONS_YET when that list was empty. */
  after: string;
  onNotification: (notification: NotificationFieldsFragment) => void;
  onState?: (state: LiveState) => void;
  /** Connected after a gap: the caller may want to reconcile counts. */
  onReconnected?: () => void;
  onSignedOut?: () => void;
}

function url(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/graphql`;
}

const TOKEN_ERRORS = ["Access token expired", "Invalid access token", "Authentication required"];

/** Starts the subscription; returns a stop function. */
export function startLiveNotifications(options: LiveOptions): () => void {
  let stopped = false;
  let lastSeen = options.after;
  let attempts = 0;
  let forceRefresh = false;
  let connectedOnce = false;
  let retryTimer: number | undefined;
  let unsubscribe: (() => void) | null = null;
  const seen = new Set<string>();

  const client: Client = createClient({
    url: url(),
    lazy: true,
    retryAttempts: 0, // resubscribing is ours: it carries the current `after`
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
      connecting: () => options.onState?.("connecting"),
      connected: () => {
        attempts = 0;
        options.onState?.("live");
        if (connectedOnce) options.onReconnected?.();
        connectedOnce = true;
      },
      closed: (event) => {
        const code = (event as CloseEvent | undefined)?.code;
        if (code === 4403 || code === 4401) forceRefresh = true;
        if (!stopped) options.onState?.("offline");
      },
    },
  });

  const retry = () => {
    if (stopped) return;
    window.clearTimeout(retryTimer);
    const delay = Math.min(15_000, 500 * 2 ** attempts) + Math.random() * 400;
    attempts += 1;
    retryTimer = window.setTimeout(subscribe, delay);
  };

  function subscribe(): void {
    if (stopped) return;
    if (!getSession()) {
      options.onSignedOut?.();
      return;
    }
    unsubscribe = client.subscribe<{ notificationReceived: NotificationFieldsFragment }>(
      { query: NotificationReceivedDocument.toString(), variables: { after: lastSeen } },
      {
        next: ({ data, errors }) => {
          if (errors?.some((e) => TOKEN_ERRORS.includes(e.message))) forceRefresh = true;
          const notification = data?.notificationReceived;
          if (!notification || seen.has(notification.id)) return;
          seen.add(notification.id);
          lastSeen = notification.id;
          options.onNotification(notification);
        },
        error: (error) => {
          unsubscribe = null;
          if (Array.isArray(error) && error.some((e: { message?: string }) => TOKEN_ERRORS.includes(e.message ?? ""))) {
            forceRefresh = true;
          }
          if (!getSession()) {
            options.onSignedOut?.();
            return;
          }
          retry();
        },
        complete: () => {
          unsubscribe = null;
          retry(); // the server ended it (e.g. restart): come back
        },
      },
    );
  }

  subscribe();

  return () => {
    stopped = true;
    window.clearTimeout(retryTimer);
    unsubscribe?.();
    void client.dispose();
  };
}
