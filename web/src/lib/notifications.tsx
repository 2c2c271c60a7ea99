/**
 * The bell: the viewer's notifications and unread count, kept live by the subscription.
 * Every tab runs its own subscription (so every tab toasts); "mark all read" is echoed to
 * the other tabs over a BroadcastChannel so their counters agree.
 *
 * The subscription starts only after the list has loaded, after its newest id (or
 * NO_NOTIFICATIONS_YET when it is empty): without an `after` the server goes live from "now",
 * and an alert created between the list query and the subscription would be lost. After a
 * drop it resumes after the last id seen, so the server replays what was missed, exactly once.
 */
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useNavigate } from "react-router";
import { ApplicationsDocument, JobsDocument, NotificationReceivedDocument, NotificationsDocument } from "../api/operations";
import { DeliveriesDocument, DigestsDocument } from "../api/delivery";
import { RecommendationsDocument } from "../api/discovery";
import { InsightsDocument, TodayDocument } from "../api/guidance";
import type { NotificationFieldsFragment, NotificationsQuery } from "../gql/graphql";
import { invalidate, keyOf, retryUntilSignedOut, useGql } from "./data";
import { errorMessage } from "./graphql";
import { whenIdle } from "./idle";
import { useToast } from "./toast";
import { subscribe, useLiveState, type LiveState } from "./ws";

/** The global id of "Notification:0": before every real notification. */
export const NO_NOTIFICATIONS_YET = btoa("Notification:0");

interface NotificationsApi {
  items: NotificationFieldsFragment[];
  unreadCount: number;
  live: LiveState;
  loading: boolean;
  error: string | null;
  /** Everything was marked read (here or in another tab): show it. */
  markedRead: (unreadCount: number) => void;
}

const NotificationsContext = createContext<NotificationsApi | null>(null);

export function useNotifications(): NotificationsApi {
  const api = useContext(NotificationsContext);
  if (!api) throw new Error("useNotifications outside NotificationsProvider");
  return api;
}

const PAGE = { first: 20 };

/** What a notification's link opens, in words. */
const linkLabel = (href: string) => (href.startsWith("/jobs/") ? "Open the job" : href.startsWith("/digests/") ? "Open the digest" : "Open");
type Broadcast = { type: "read"; unreadCount: number };

export function NotificationsProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const toast = useToast();
  const navigate = useNavigate();
  const client = useQueryClient();
  const socket = useLiveState();
  // The list waits for an idle moment (the page's own queries and first render go first).
  const [asked, setAsked] = useState(false);
  useEffect(() => whenIdle(() => setAsked(true)), []);
  // Without the list there is no cursor to go live from: retry it, backing off, first.
  const list = useGql(NotificationsDocument, PAGE, {
    enabled: asked,
    retry: retryUntilSignedOut,
    retryDelay: (attempt) => Math.min(15_000, 1000 * 2 ** attempt),
  });
  const [started, setStarted] = useState(false);
  const known = useRef(new Set<string>());
  const channel = useRef<BroadcastChannel | null>(null);
  const loaded = list.data != null;

  useEffect(() => list.data?.notifications.edges.forEach((e) => known.current.add(e.node.id)), [list.data]);

  const update = useCallback(
    (change: (data: NotificationsQuery["notifications"]) => Partial<NotificationsQuery["notifications"]>) =>
      client.setQueryData<NotificationsQuery>(keyOf(NotificationsDocument, PAGE), (data) =>
        data ? { ...data, notifications: { ...data.notifications, ...change(data.notifications) } } : data,
      ),
    [client],
  );

  useEffect(() => {
    if (!loaded) return;
    const data = client.getQueryData<NotificationsQuery>(keyOf(NotificationsDocument, PAGE));
    let lastSeen = data?.notifications.edges[0]?.node.id ?? NO_NOTIFICATIONS_YET;
    const seen = new Set<string>();
    setStarted(true);
    return subscribe(NotificationReceivedDocument, {
      variables: () => ({ after: lastSeen }),
      retries: Infinity,
      endless: true,
      onReconnected: () => void list.refetch(),
      onData: ({ notificationReceived: notification }) => {
        if (seen.has(notification.id)) return;
        seen.add(notification.id);
        lastSeen = notification.id;
        const fresh = !known.current.has(notification.id);
        known.current.add(notification.id);
        update(({ edges, unreadCount }) => ({
          edges: edges.some((e) => e.node.id === notification.id) ? edges : [{ node: notification }, ...edges].slice(0, 50),
          // A reload after a reconnect may already have counted it.
          unreadCount: fresh && !notification.read ? unreadCount + 1 : unreadCount,
        }));
        const href = notification.href;
        toast.show(
          { kind: "alert", title: notification.title, body: notification.body, link: href ? { label: linkLabel(href), href, open: () => navigate(href) } : undefined },
          8000,
        );
        // An alert is about a freshly scored job, an insight for Today, or a digest for the archive.
        void invalidate(
          client,
          notification.insight
            ? [TodayDocument, InsightsDocument]
            : notification.kind === "digest"
              ? [DigestsDocument, DeliveriesDocument]
              : [JobsDocument, RecommendationsDocument, ApplicationsDocument],
        );
      },
    });
    // Not on `list`: the subscription must not restart when the list refetches.
  }, [loaded, userId, client, toast, update]); // eslint-disable-line react-hooks/exhaustive-deps

  const markedRead = useCallback(
    (unreadCount: number) => update(({ edges }) => ({ unreadCount, edges: edges.map((e) => ({ node: { ...e.node, read: true } })) })),
    [update],
  );

  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const bc = new BroadcastChannel(`cc-notifications-${userId}`);
    bc.onmessage = (event: MessageEvent<Broadcast>) => {
      if (event.data?.type === "read") markedRead(event.data.unreadCount);
    };
    channel.current = bc;
    return () => {
      bc.close();
      channel.current = null;
    };
  }, [userId, markedRead]);

  const api = useMemo<NotificationsApi>(
    () => ({
      items: list.data?.notifications.edges.map((e) => e.node) ?? [],
      unreadCount: list.data?.notifications.unreadCount ?? 0,
      live: started ? socket : list.failureReason ? "offline" : "connecting",
      loading: !loaded && !list.failureReason,
      error: list.failureReason ? errorMessage(list.failureReason) : null,
      markedRead: (unreadCount) => {
        markedRead(unreadCount);
        channel.current?.postMessage({ type: "read", unreadCount } satisfies Broadcast);
      },
    }),
    [list.data, list.failureReason, loaded, started, socket, markedRead],
  );
  return <NotificationsContext.Provider value={api}>{children}</NotificationsContext.Provider>;
}
