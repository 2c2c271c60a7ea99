/**
 * The bell: the viewer's notifications and unread count, kept live by the subscription.
 * Every tab runs its own subscription (so every tab toasts); "mark all read" is echoed to
 * the other tabs over a BroadcastChannel so their counters agree.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { NotificationMarkReadDocument, NotificationsDocument } from "../api/operations";
import type { NotificationFieldsFragment } from "../gql/graphql";
import { errorMessage, request } from "./graphql";
import { NO_NOTIFICATIONS_YET, startLiveNotifications, type LiveState } from "./live";
import { useToast } from "./toast";

type Listener = (notification: NotificationFieldsFragment) => void;

interface NotificationsApi {
  items: NotificationFieldsFragment[];
  unreadCount: number;
  live: LiveState;
  loading: boolean;
  error: string | null;
  markAllRead: () => Promise<void>;
  reload: () => Promise<void>;
  /** Be told about every notification received live (e.g. to refetch scores). */
  onReceive: (listener: Listener) => () => void;
}

const NotificationsContext = createContext<NotificationsApi | null>(null);

export function useNotifications(): NotificationsApi {
  const api = useContext(NotificationsContext);
  if (!api) throw new Error("useNotifications outside NotificationsProvider");
  return api;
}

/** Run `listener` for each live notification while the component is mounted. */
export function useOnNotification(listener: Listener): void {
  const { onReceive } = useNotifications();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => onReceive((n) => ref.current(n)), [onReceive]);
}

const PAGE = 20;
type Broadcast = { type: "read"; unreadCount: number };

export function NotificationsProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const toast = useToast();
  const [items, setItems] = useState<NotificationFieldsFragment[]>([]);
  const [unreadCount, setUnreadCount] = useState(0);
  const [live, setLive] = useState<LiveState>("connecting");
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const listeners = useRef(new Set<Listener>());
  const channel = useRef<BroadcastChannel | null>(null);
  const known = useRef(new Set<string>());

  const load = useCallback(async () => {
    const data = await request(NotificationsDocument, { first: PAGE });
    data.notifications.edges.forEach((e) => known.current.add(e.node.id));
    setItems(data.notifications.edges.map((e) => e.node));
    setUnreadCount(data.notifications.unreadCount);
    setError(null);
    return data.notifications.edges[0]?.node.id ?? null;
  }, []);

  const reload = useCallback(async () => {
    try {
      await load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [load]);

  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    (async () => {
      // The subscription starts after what the list showed: its newest id, or id 0 when it was
      // empty, so an alert created in between is replayed rather than lost. Without a list
      // there is no such cursor, so the list is retried (backing off) before going live.
      let after: string | null = null;
      for (let attempt = 0; after == null; attempt += 1) {
        try {
          after = (await load()) ?? NO_NOTIFICATIONS_YET;
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setLoading(false);
        }
        if (cancelled) return;
        if (after == null) {
          setLive("offline");
          await new Promise((resolve) => window.setTimeout(resolve, Math.min(15_000, 1000 * 2 ** attempt)));
          if (cancelled) return;
        }
      }
      stop = startLiveNotifications({
        after,
        onState: setLive,
        onReconnected: () => void reload(),
        onNotification: (notification) => {
          const fresh = !known.current.has(notification.id);
          known.current.add(notification.id);
          setItems((list) => (list.some((n) => n.id === notification.id) ? list : [notification, ...list].slice(0, 50)));
          // A reload after a reconnect may already have counted it.
          if (fresh && !notification.read) setUnreadCount((count) => count + 1);
          toast.show({ kind: "alert", title: notification.title, body: notification.body }, 8000);
          listeners.current.forEach((listener) => listener(notification));
        },
      });
    })();
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [userId, load, reload, toast]);

  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const bc = new BroadcastChannel(`cc-notifications-${userId}`);
    bc.onmessage = (event: MessageEvent<Broadcast>) => {
      if (event.data?.type === "read") {
        setUnreadCount(event.data.unreadCount);
        setItems((list) => list.map((n) => ({ ...n, read: true })));
      }
    };
    channel.current = bc;
    return () => {
      bc.close();
      channel.current = null;
    };
  }, [userId]);

  const markAllRead = useCallback(async () => {
    const data = await request(NotificationMarkReadDocument, { input: {} });
    const payload = data.notificationMarkRead;
    if (payload.errors.length) throw new Error(payload.errors.map((e) => e.message).join(" "));
    setUnreadCount(payload.unreadCount);
    setItems((list) => list.map((n) => ({ ...n, read: true })));
    channel.current?.postMessage({ type: "read", unreadCount: payload.unreadCount } satisfies Broadcast);
  }, []);

  const onReceive = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const api = useMemo(
    () => ({ items, unreadCount, live, loading, error, markAllRead, reload, onReceive }),
    [items, unreadCount, live, loading, error, markAllRead, reload, onReceive],
  );
  return <NotificationsContext.Provider value={api}>{children}</NotificationsContext.Provider>;
}
