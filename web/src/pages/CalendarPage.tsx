/**
 * The calendar feed: a secret address (an ICS feed) with your interviews, follow-up dates and goal
 * target dates, for Google, Apple or Outlook calendars to subscribe to. Creating (or regenerating)
 * it shows the address once, with Copy; regenerating or revoking makes the old address stop working.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CalendarFeedCreateDocument, CalendarFeedDocument, CalendarFeedRevokeDocument } from "../api/delivery";
import { LoadError } from "../components/LoadError";
import { Page, Section } from "../components/Page";
import { CopyButton, Dialog, FormErrors, Spinner } from "../components/ui";
import type { CalendarFeedQuery } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { updateCached, useGql } from "../lib/data";
import { formatDateTime } from "../lib/format";
import styles from "./CalendarPage.module.css";
import { FRAMES } from "../lib/frames";

type Feed = { active: boolean; createdAt: string | null };

export function CalendarPage() {
  const client = useQueryClient();
  const query = useGql(CalendarFeedDocument, {});
  const feed = query.data?.viewer?.calendarFeed ?? null;
  const [url, setUrl] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"regenerate" | "revoke" | null>(null);
  const put = (next: Feed) =>
    updateCached(client, CalendarFeedDocument, (data: CalendarFeedQuery) => (data.viewer ? { ...data, viewer: { ...data.viewer, calendarFeed: next } } : data));
  const create = useMutationForm(CalendarFeedCreateDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.url && !!payload.feed,
    refused: "The feed could not be created.",
    onSuccess: (payload) => {
      put(payload.feed!);
      setUrl(payload.url!);
      setConfirm(null);
    },
  });
  const revoke = useMutationForm(CalendarFeedRevokeDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.feed,
    refused: "The feed could not be revoked.",
    onSuccess: (payload) => {
      put(payload.feed!);
      setUrl(null);
      setConfirm(null);
    },
    successToast: () => ({ title: "Calendar feed revoked", body: "Calendars subscribed to it get nothing new from now on." }),
  });
  const webcal = url?.replace(/^https?:/, "webcal:");

  return (
    <Page {...FRAMES.calendar}>
      <LoadError error={query.error} onRetry={query.refetch} />
      <Section title="Your feed" heading="form-title" className="card form" data-testid="calendar-feed">
        {!feed ? (
          query.error ? null : <Spinner label="Loading your calendar feed…" />
        ) : (
          <>
            <FormErrors messages={[...create.general, ...revoke.general]} />
            <p role="status" data-testid="calendar-feed-state">
              {feed.active ? (
                <>
                  <span className="pill pill-offer">Active</span> since {formatDateTime(feed.createdAt)}
                </>
              ) : (
                <span className="pill pill-declined">No feed</span>
              )}
            </p>
            {url ? (
              <div className={styles.url} data-testid="calendar-feed-url">
                <label htmlFor="feed-url">Your feed address</label>
                <div className={styles.urlRow}>
                  <input id="feed-url" readOnly value={url} onFocus={(e) => e.target.select()} aria-describedby="feed-url-hint" />
                  <CopyButton text={url} label="Copy address" className="button button-primary" />
                </div>
                <p className="field-hint" id="feed-url-hint">
                  Shown only now: copy it into your calendar. Anyone with this address can read the feed, so keep it to yourself.
                  {webcal ? (
                    <>
                      {" "}
                      On a Mac or iPhone you can also <a href={webcal}>open it in Calendar</a>.
                    </>
                  ) : null}
                </p>
              </div>
            ) : feed.active ? (
              <p className="muted small">The address was shown once when it was made. Lost it? Regenerate it: the old one stops working.</p>
            ) : null}
            <div className="form-actions">
              {feed.active ? (
                <>
                  <button type="button" className="button button-ghost-danger" onClick={() => setConfirm("revoke")}>
                    Revoke
                  </button>
                  <button type="button" className="button" onClick={() => setConfirm("regenerate")}>
                    Regenerate address
                  </button>
                </>
              ) : (
                <button type="button" className="button button-primary" disabled={create.busy} onClick={() => void create.submit({ input: { confirm: true } })}>
                  {create.busy ? "Creating…" : "Create feed"}
                </button>
              )}
            </div>
          </>
        )}
      </Section>

      <Section title="How to subscribe" heading="form-title" className={`card ${styles.howto}`}>
        <p className="muted small">Read-only: your calendar app refreshes it every few minutes to once a day.</p>
        <h3>Google Calendar</h3>
        <ol>
          <li>On a computer, open Google Calendar. Beside “Other calendars”, choose “+” → “From URL”.</li>
          <li>Paste the address and choose “Add calendar”. It appears on your phone too once synced.</li>
        </ol>
        <h3>Apple Calendar (Mac, iPhone, iPad)</h3>
        <ol>
          <li>Mac: File → New Calendar Subscription…, paste the address, Subscribe. Set “Auto-refresh” to every 15 minutes or hour.</li>
          <li>iPhone or iPad: Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar, paste the address.</li>
        </ol>
        <h3>Outlook</h3>
        <ol>
          <li>Outlook on the web: Calendar → Add calendar → Subscribe from web, paste the address, Import.</li>
          <li>Outlook for Windows: Home → Add calendar → From Internet, paste the address.</li>
        </ol>
      </Section>

      {confirm ? (
        <Dialog
          title={confirm === "revoke" ? "Revoke the calendar feed?" : "Regenerate the feed address?"}
          onClose={() => setConfirm(null)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirm(null)} autoFocus>
                Cancel
              </button>
              {confirm === "revoke" ? (
                <button type="button" className="button button-danger" disabled={revoke.busy} onClick={() => void revoke.submit({ input: { confirm: true } })}>
                  {revoke.busy ? "Revoking…" : "Revoke feed"}
                </button>
              ) : (
                <button type="button" className="button button-primary" disabled={create.busy} onClick={() => void create.submit({ input: { confirm: true } })}>
                  {create.busy ? "Regenerating…" : "Regenerate"}
                </button>
              )}
            </>
          }
        >
          <p>
            {confirm === "revoke"
              ? "The current address stops working at once; calendars subscribed to it get nothing new. You can create a new feed later."
              : "A new address replaces the current one, which stops working at once: calendars subscribed to it need the new address."}
          </p>
        </Dialog>
      ) : null}
    </Page>
  );
}
