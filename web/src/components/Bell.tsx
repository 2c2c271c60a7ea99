/** The notification bell: unread counter and a dropdown with "Mark all read"; an alert with an `href`
 * (a digest: `/digests/<id>`) links there, an insight's alert links to Insights. */
import { useEffect, useId, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import { NotificationMarkReadDocument } from "../api/operations";
import { useDismiss } from "../hooks/useDismiss";
import { useMutationForm } from "../hooks/useMutationForm";
import { timeAgo } from "../lib/format";
import { useNotifications } from "../lib/notifications";
import styles from "./Bell.module.css";

export function Bell() {
  const { items, unreadCount, live, loading, error, markedRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  useDismiss(open, root, (byKey) => {
    setOpen(false);
    if (byKey) button.current?.focus();
  });
  const markAll = useMutationForm(NotificationMarkReadDocument, {
    errorToast: "Could not mark notifications read",
    onSuccess: (payload) => markedRead(payload.unreadCount),
  });

  const label = unreadCount ? `Notifications, ${unreadCount} unread` : "Notifications";
  return (
    <div className={`popover-anchor ${styles.bell}`} ref={root}>
      <button
        ref={button}
        type="button"
        className={`icon-button ${styles.bellButton}`}
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="true"
        data-testid="bell"
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6l-1.6 2.7A1 1 0 0 0 5.3 17h13.4a1 1 0 0 0 .9-1.7L18 12.6V9a6 6 0 0 0-6-6Zm0 18a2.5 2.5 0 0 1-2.4-2h4.8A2.5 2.5 0 0 1 12 21Z"
            fill="currentColor"
          />
        </svg>
        {unreadCount ? (
          <span className={styles.badge} data-testid="unread-count" aria-hidden="true">
            {unreadCount > 99 ? "99+" : unreadCount}
          </span>
        ) : null}
        <span className={styles.liveDot} data-state={live} aria-hidden="true" title={live === "live" ? "Live" : live === "connecting" ? "Connecting…" : "Offline — reconnecting"} />
      </button>
      {open ? (
        <div className={`popover ${styles.bellPanel}`} id={panelId} role="region" aria-label="Notifications">
          <div className={styles.bellPanelHead}>
            <strong>Notifications</strong>
            <button type="button" className="link-button" onClick={() => void markAll.submit({ input: {} })} disabled={markAll.busy || unreadCount === 0}>
              Mark all read
            </button>
          </div>
          {error ? <p className={`field-error ${styles.bellEmpty}`}>{error}</p> : null}
          {loading ? (
            <p className={`muted ${styles.bellEmpty}`}>Loading…</p>
          ) : items.length === 0 ? (
            <div className={`muted ${styles.bellEmpty}`}>
              <p>Nothing yet. Strong job matches, important insights and your briefings show up here.</p>
              <Link to="/settings#notifications" className="button button-small">
                Choose what reaches you
              </Link>
            </div>
          ) : (
            <ul className={styles.bellList}>
              {items.map((n) => (
                <li key={n.id} className={n.read ? styles.read : styles.unread}>
                  {!n.read ? <span className="visually-hidden">Unread: </span> : null}
                  {n.href ? (
                    <Link to={n.href} className={styles.insightLink} data-testid={`${n.kind}-notification`}>
                      <strong>{n.title}</strong>
                    </Link>
                  ) : n.insight ? (
                    <Link to="/insights" className={styles.insightLink} data-testid="insight-notification">
                      <strong>{n.title}</strong>
                    </Link>
                  ) : (
                    <strong>{n.title}</strong>
                  )}
                  {n.body ? <p>{n.body}</p> : null}
                  <time dateTime={n.createdAt} className="muted small">
                    {timeAgo(n.createdAt)}
                  </time>
                </li>
              ))}
            </ul>
          )}
          <p className={`muted small ${styles.bellFoot}`} role="status">
            {live === "live" ? "Live updates on" : live === "connecting" ? "Connecting to live updates…" : "Offline — reconnecting…"}
          </p>
        </div>
      ) : null}
    </div>
  );
}
