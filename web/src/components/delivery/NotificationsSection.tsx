/**
 * The Notifications sections of Settings: what reaches you where (topics × channels), quiet
 * hours, the morning briefing and evening summary, vacation, job alerts, and the time zone they
 * follow (the profile's, shown here) (`#notifications`); the channels with their status, address, push URLs, webhook secret and a
 * Test button each (`#channels`); and the delivery log (`#deliveries`).
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import {
  ChannelTestDocument,
  DeliveryDocument,
  DeliveriesDocument,
  EmailVerificationSendDocument,
  NotificationPreferencesDocument,
  NotificationPreferencesUpdateDocument,
  WebhookSecretRotateDocument,
} from "../../api/delivery";
import { GuidanceDocument } from "../../api/guidance";
import { ViewerDocument } from "../../api/operations";
import type {
  Channel,
  ChannelStatus,
  DeliveryFieldsFragment,
  DeliveryStatus,
  JobAlertMode,
  NotificationPreferencesFieldsFragment,
  NotificationPreferencesQuery,
  NotificationTopic,
} from "../../gql/graphql";
import { useMutationForm } from "../../hooks/useMutationForm";
import { invalidate, nodeAs, updateCached, useGql } from "../../lib/data";
import { CHANNELS, DELIVERY_STATUSES, JOB_ALERT_MODES, STATUS_PILL, TOPICS } from "../../lib/delivery";
import { formatDateTime, labelOf } from "../../lib/format";
import { LoadError } from "../LoadError";
import { Section } from "../Page";
import { CopyButton, Dialog, FormErrors, SelectField, Spinner, SubmitButton, TextField } from "../ui";
import { DeliveryTable } from "./DeliveryTable";
import styles from "./NotificationsSection.module.css";

const PREFERENCE_FIELDS = [
  "topics",
  "quietHoursStart",
  "quietHoursEnd",
  "morningEnabled",
  "morningTime",
  "eveningEnabled",
  "eveningTime",
  "sendWhenQuiet",
  "vacationUntil",
  "jobAlertMode",
];
const POLL_MS = 1000;

/** Put the saved preferences in the cache, so every section shows them at once. */
function usePutPreferences() {
  const client = useQueryClient();
  return (next: NotificationPreferencesFieldsFragment) =>
    updateCached(client, NotificationPreferencesDocument, (data: NotificationPreferencesQuery) =>
      data.viewer ? { ...data, viewer: { ...data.viewer, notificationPreferences: next } } : data,
    );
}

export function NotificationsSection() {
  const query = useGql(NotificationPreferencesDocument, {});
  const prefs = query.data?.viewer?.notificationPreferences ?? null;
  // Links such as /settings#channels: scroll there once the sections are shown.
  const { hash } = useLocation();
  const loaded = prefs != null;
  useEffect(() => {
    if (loaded && ["#notifications", "#channels", "#deliveries"].includes(hash)) document.getElementById(hash.slice(1))?.scrollIntoView({ block: "start" });
  }, [loaded, hash]);
  return (
    <>
      <Section title="Notifications" heading="form-title" className="card form" id="notifications" data-testid="notification-settings">
        <LoadError error={query.error} onRetry={query.refetch} />
        {prefs ? <PreferencesForm prefs={prefs} /> : query.error ? null : <Spinner label="Loading your notification settings…" />}
      </Section>
      <Section title="Channels" heading="form-title" className="card" id="channels" data-testid="channels">
        <p className="muted small">Where messages can reach you besides the app. Each channel has a Test button that sends a short message now.</p>
        {prefs ? (
          <ul className={styles.channels} aria-label="Channels">
            {prefs.channels.map((status) => (
              <li key={status.channel}>
                <ChannelCard status={status} prefs={prefs} />
              </li>
            ))}
          </ul>
        ) : query.error ? null : (
          <Spinner label="Loading your channels…" />
        )}
      </Section>
      <DeliveryLog />
    </>
  );
}

/* ---------- topics × channels, quiet hours, briefings ---------- */

type Grid = Record<NotificationTopic, Channel[]>;

function gridOf(prefs: NotificationPreferencesFieldsFragment): Grid {
  const grid = Object.fromEntries(TOPICS.map((t) => [t.value, ["IN_APP"]])) as Grid;
  for (const row of prefs.topics) grid[row.topic] = [...new Set<Channel>(["IN_APP", ...row.channels])];
  return grid;
}

function PreferencesForm({ prefs }: { prefs: NotificationPreferencesFieldsFragment }) {
  const put = usePutPreferences();
  const [grid, setGrid] = useState<Grid>(() => gridOf(prefs));
  const [quietStart, setQuietStart] = useState(prefs.quietHoursStart ?? "");
  const [quietEnd, setQuietEnd] = useState(prefs.quietHoursEnd ?? "");
  const [morningEnabled, setMorningEnabled] = useState(prefs.morningEnabled);
  const [morningTime, setMorningTime] = useState(prefs.morningTime);
  const [eveningEnabled, setEveningEnabled] = useState(prefs.eveningEnabled);
  const [eveningTime, setEveningTime] = useState(prefs.eveningTime);
  const [sendWhenQuiet, setSendWhenQuiet] = useState(prefs.sendWhenQuiet);
  const [vacationUntil, setVacationUntil] = useState(prefs.vacationUntil ?? "");
  const [jobAlertMode, setJobAlertMode] = useState<JobAlertMode>(prefs.jobAlertMode);
  const [saved, setSaved] = useState(false);
  const form = useMutationForm(NotificationPreferencesUpdateDocument, {
    fields: PREFERENCE_FIELDS,
    accepted: (payload) => !payload.errors.length && !!payload.preferences,
    // The time zone is the profile's and the guidance's too.
    invalidates: [ViewerDocument, GuidanceDocument],
    onSuccess: (payload) => {
      put(payload.preferences!);
      setSaved(true);
    },
  });
  const errors = form.fieldErrors;
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setSaved(false);
    };
  const toggle = (topic: NotificationTopic, channel: Channel, on: boolean) => {
    setGrid((g) => ({ ...g, [topic]: on ? [...g[topic], channel] : g[topic].filter((c) => c !== channel) }));
    setSaved(false);
  };
  const notReady = new Map(prefs.channels.filter((c) => !c.ready).map((c) => [c.channel, c.detail]));
  const input = {
    topics: TOPICS.map((t) => ({ topic: t.value, channels: CHANNELS.map((c) => c.value).filter((c) => grid[t.value].includes(c)) })),
    quietHoursStart: quietStart || null,
    quietHoursEnd: quietEnd || null,
    morningEnabled,
    morningTime,
    eveningEnabled,
    eveningTime,
    sendWhenQuiet,
    vacationUntil: vacationUntil || null,
    jobAlertMode,
  };

  return (
    <form className="form" aria-label="Notification settings" noValidate onSubmit={form.handle({ input })}>
      <FormErrors messages={form.general} />
      <div className={`field ${errors.topics ? "field-invalid" : ""}`}>
        <div className="table-wrap">
          <table className={`data-table ${styles.grid}`} aria-describedby="topics-hint">
            <caption className={styles.caption}>What reaches you where</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                {CHANNELS.map((c) => (
                  <th scope="col" key={c.value}>
                    {c.label}
                    {notReady.has(c.value) ? (
                      <span className={styles.notReady} title={notReady.get(c.value)}>
                        {" "}
                        (not ready)
                      </span>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TOPICS.map((t) => (
                <tr key={t.value}>
                  <th scope="row">{t.label}</th>
                  {CHANNELS.map((c) => (
                    <td key={c.value}>
                      <input
                        type="checkbox"
                        className="check"
                        aria-label={`${t.label}: ${c.label}`}
                        checked={c.value === "IN_APP" || grid[t.value].includes(c.value)}
                        disabled={c.value === "IN_APP"}
                        onChange={(e) => toggle(t.value, c.value, e.target.checked)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="field-hint" id="topics-hint">
          In-app is always on. A channel that is not ready (see Channels below) is skipped, and the delivery log says why.
        </p>
        {errors.topics ? (
          <p className="field-error" role="alert" data-field-error>
            {errors.topics}
          </p>
        ) : null}
      </div>

      <fieldset className={styles.group}>
        <legend>Morning briefing and evening summary</legend>
        <div className="form-row row-top">
          <div className={styles.timed}>
            <Check label="Morning briefing" checked={morningEnabled} onChange={change(setMorningEnabled)} error={errors.morningEnabled} />
            <TextField label="Morning briefing at" type="time" value={morningTime} onChange={(e) => change(setMorningTime)(e.target.value)} error={errors.morningTime} disabled={!morningEnabled} />
          </div>
          <div className={styles.timed}>
            <Check label="Evening summary" checked={eveningEnabled} onChange={change(setEveningEnabled)} error={errors.eveningEnabled} />
            <TextField label="Evening summary at" type="time" value={eveningTime} onChange={(e) => change(setEveningTime)(e.target.value)} error={errors.eveningTime} disabled={!eveningEnabled} />
          </div>
        </div>
        <Check
          label="Send even when there is nothing new (otherwise a quiet day sends nothing)"
          checked={sendWhenQuiet}
          onChange={change(setSendWhenQuiet)}
          error={errors.sendWhenQuiet}
        />
        {prefs.nextMorningAt || prefs.nextEveningAt ? (
          <p className="muted small" data-testid="next-digests">
            {prefs.nextMorningAt ? `Next briefing: ${formatDateTime(prefs.nextMorningAt)}. ` : ""}
            {prefs.nextEveningAt ? `Next summary: ${formatDateTime(prefs.nextEveningAt)}.` : ""}
          </p>
        ) : null}
      </fieldset>

      <fieldset className={styles.group}>
        <legend>Quiet hours and vacation</legend>
        <div className="form-row row-top">
          <TextField label="Quiet hours from" type="time" value={quietStart} onChange={(e) => change(setQuietStart)(e.target.value)} error={errors.quietHoursStart} hint="Empty: no quiet hours." />
          <TextField label="Quiet hours until" type="time" value={quietEnd} onChange={(e) => change(setQuietEnd)(e.target.value)} error={errors.quietHoursEnd} hint="May wrap midnight (22:00 until 07:00)." />
        </div>
        <TextField
          label="On vacation until"
          type="date"
          value={vacationUntil}
          onChange={(e) => change(setVacationUntil)(e.target.value)}
          error={errors.vacationUntil}
          hint="Nothing is sent (in-app included) until the end of that day. Empty: not on vacation."
        />
      </fieldset>

      <div className="form-row row-top">
        <SelectField
          label="Job alerts by email and push"
          value={jobAlertMode}
          onChange={(e) => change(setJobAlertMode)(e.target.value as JobAlertMode)}
          options={JOB_ALERT_MODES}
          error={errors.jobAlertMode}
        />
      </div>
      <p className="field-hint">
        Briefing times and quiet hours follow your time zone, {prefs.timezone}: change it on your <Link to="/profile">profile</Link>.
      </p>
      <div className="form-actions">
        <SubmitButton busy={form.busy} label="Save notifications" />
        <span className="save-state" role="status">
          {saved ? <span className="saved">Saved</span> : null}
        </span>
      </div>
    </form>
  );
}

function Check({ label, checked, onChange, error, disabled }: { label: string; checked: boolean; onChange: (v: boolean) => void; error?: string; disabled?: boolean }) {
  return (
    <div className={`field ${error ? "field-invalid" : ""}`}>
      <label className={styles.check}>
        <input type="checkbox" className="check" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
      {error ? (
        <p className="field-error" role="alert" data-field-error>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/* ---------- channels ---------- */

function ChannelCard({ status, prefs }: { status: ChannelStatus; prefs: NotificationPreferencesFieldsFragment }) {
  const label = labelOf(CHANNELS, status.channel);
  const titleId = `channel-${status.channel}`;
  return (
    <article className={styles.channel} aria-labelledby={titleId} data-testid="channel" data-channel={status.channel}>
      <header className={styles.channelHead}>
        <h3 id={titleId}>{label}</h3>
        <span className={status.ready ? "pill pill-offer" : status.configured ? "pill pill-interview" : "pill pill-declined"} data-testid="channel-state">
          {status.ready ? "Ready" : status.configured ? "Not ready" : "Not configured"}
        </span>
      </header>
      <p className="muted small" data-testid="channel-detail">
        {status.detail}
      </p>
      {status.channel === "EMAIL" ? <EmailForm prefs={prefs} /> : null}
      {status.channel === "NTFY" ? <NtfyForm prefs={prefs} /> : null}
      {status.channel === "WEBHOOK" ? <WebhookForm prefs={prefs} /> : null}
      {status.channel === "IN_APP" ? <p className="muted small">Everything is always in the app (the bell, Today, the digest archive): nothing to test.</p> : <ChannelTest channel={status.channel} label={label} />}
    </article>
  );
}

function EmailForm({ prefs }: { prefs: NotificationPreferencesFieldsFragment }) {
  const client = useQueryClient();
  const [email, setEmail] = useState(prefs.email);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useMutationForm(EmailVerificationSendDocument, {
    fields: ["email"],
    accepted: (payload) => !payload.errors.length && payload.sent,
    refused: "The verification mail could not be sent.",
    onSuccess: (_, { input }) => {
      setSentTo(input.email ?? prefs.email);
      // The address may have changed (and is unverified until the link is opened).
      void invalidate(client, [NotificationPreferencesDocument, DeliveriesDocument]);
    },
  });
  const changed = email.trim() !== prefs.email;
  return (
    <form className={styles.channelForm} aria-label="Email channel" noValidate onSubmit={form.handle({ input: { email: email.trim() } })}>
      <FormErrors messages={form.general} />
      <div className={styles.inline}>
        <TextField
          className={styles.grow}
          label="Email address"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            setSentTo(null);
          }}
          error={form.fieldErrors.email}
        />
        {prefs.emailVerified && !changed ? (
          <span className="pill pill-offer" data-testid="email-verified">
            Verified
          </span>
        ) : (
          <span className="pill pill-declined" data-testid="email-verified">
            Not verified
          </span>
        )}
      </div>
      <div className="form-actions">
        <SubmitButton busy={form.busy} busyLabel="Sending…" label="Verify" primary={false} disabled={prefs.emailVerified && !changed} />
        <span className="save-state" role="status">
          {sentTo ? `A verification link was sent to ${sentTo}. Open it to verify the address.` : ""}
        </span>
      </div>
    </form>
  );
}

function NtfyForm({ prefs }: { prefs: NotificationPreferencesFieldsFragment }) {
  const put = usePutPreferences();
  const [url, setUrl] = useState(prefs.ntfyUrl ?? "");
  const [token, setToken] = useState("");
  const [saved, setSaved] = useState(false);
  const form = useMutationForm(NotificationPreferencesUpdateDocument, {
    fields: ["ntfyUrl", "ntfyToken"],
    accepted: (payload) => !payload.errors.length && !!payload.preferences,
    onSuccess: (payload) => {
      put(payload.preferences!);
      setToken("");
      setSaved(true);
    },
  });
  const input = { ntfyUrl: url.trim() || null, ...(token ? { ntfyToken: token } : {}) };
  return (
    <form className={styles.channelForm} aria-label="ntfy push channel" noValidate onSubmit={form.handle({ input })}>
      <FormErrors messages={form.general} />
      <TextField
        label="ntfy topic URL"
        type="url"
        placeholder="https://ntfy.sh/my-secret-topic"
        value={url}
        onChange={(e) => {
          setUrl(e.target.value);
          setSaved(false);
        }}
        error={form.fieldErrors.ntfyUrl}
        hint="Any ntfy-compatible server. Empty: no push."
      />
      <TextField
        label="Access token"
        type="password"
        autoComplete="off"
        placeholder={prefs.ntfyTokenSet ? "A token is set — type to replace it" : "Optional"}
        value={token}
        onChange={(e) => {
          setToken(e.target.value);
          setSaved(false);
        }}
        error={form.fieldErrors.ntfyToken}
      />
      <div className="form-actions">
        <SubmitButton busy={form.busy} label="Save push" primary={false} />
        <span className="save-state" role="status">
          {saved ? <span className="saved">Saved</span> : null}
        </span>
      </div>
    </form>
  );
}

function WebhookForm({ prefs }: { prefs: NotificationPreferencesFieldsFragment }) {
  const put = usePutPreferences();
  const [url, setUrl] = useState(prefs.webhookUrl ?? "");
  const [saved, setSaved] = useState(false);
  const [shown, setShown] = useState(false);
  const [rotating, setRotating] = useState(false);
  const form = useMutationForm(NotificationPreferencesUpdateDocument, {
    fields: ["webhookUrl"],
    accepted: (payload) => !payload.errors.length && !!payload.preferences,
    onSuccess: (payload) => {
      put(payload.preferences!);
      setSaved(true);
    },
  });
  const rotate = useMutationForm(WebhookSecretRotateDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.preferences,
    errorToast: "Could not rotate the secret",
    onSuccess: (payload) => {
      put(payload.preferences!);
      setRotating(false);
      setShown(true);
    },
    successToast: () => ({ title: "Webhook secret rotated", body: "Give the receiver the new secret: the old one no longer signs." }),
  });
  const secret = prefs.webhookSecret;
  return (
    <>
      <form className={styles.channelForm} aria-label="Webhook channel" noValidate onSubmit={form.handle({ input: { webhookUrl: url.trim() || null } })}>
        <FormErrors messages={form.general} />
        <TextField
          label="Webhook URL"
          type="url"
          placeholder="https://example.com/hooks/career-companion"
          value={url}
          onChange={(e) => {
            setUrl(e.target.value);
            setSaved(false);
          }}
          error={form.fieldErrors.webhookUrl}
          hint="A JSON POST per message, signed with HMAC-SHA256 over the timestamp and body. Private addresses are refused. Empty: no webhook."
        />
        <div className="form-actions">
          <SubmitButton busy={form.busy} label="Save webhook" primary={false} />
          <span className="save-state" role="status">
            {saved ? <span className="saved">Saved</span> : null}
          </span>
        </div>
      </form>
      {secret ? (
        <div className={styles.secret} data-testid="webhook-secret">
          <span className={styles.secretLabel}>Signing secret</span>
          <code className={styles.secretValue} aria-label="Signing secret">
            {shown ? secret : "•".repeat(24)}
          </code>
          <button type="button" className="button button-small" onClick={() => setShown((s) => !s)} aria-pressed={shown}>
            {shown ? "Hide" : "Show"}
          </button>
          <CopyButton text={secret} label="Copy secret" />
          <button type="button" className="button button-small" onClick={() => setRotating(true)}>
            Rotate
          </button>
        </div>
      ) : null}
      {rotating ? (
        <Dialog
          title="Rotate the webhook secret?"
          onClose={() => setRotating(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setRotating(false)} autoFocus>
                Cancel
              </button>
              <button type="button" className="button button-danger" disabled={rotate.busy} onClick={() => void rotate.submit({ input: { confirm: true } })}>
                {rotate.busy ? "Rotating…" : "Rotate secret"}
              </button>
            </>
          }
        >
          <p>A new secret signs every request from now on. Until the receiver has it, it will reject our requests.</p>
        </Dialog>
      ) : null}
    </>
  );
}

/** "Test": sends a short message on the channel and follows its delivery until it is settled. */
function ChannelTest({ channel, label }: { channel: Channel; label: string }) {
  const client = useQueryClient();
  const [deliveryId, setDeliveryId] = useState<string | null>(null);
  const form = useMutationForm(ChannelTestDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.delivery,
    refused: "The test could not be sent.",
    onSuccess: (payload) => {
      setDeliveryId(payload.delivery!.id);
      void invalidate(client, [DeliveriesDocument]);
    },
  });
  const query = useGql(
    DeliveryDocument,
    { id: deliveryId ?? "" },
    { enabled: !!deliveryId, refetchInterval: ({ state }) => (nodeAs<DeliveryFieldsFragment>(state.data?.node, "channel")?.status === "PENDING" ? POLL_MS : false) },
  );
  const delivery = nodeAs<DeliveryFieldsFragment>(query.data?.node, "channel");
  const settled = delivery && delivery.status !== "PENDING";
  useEffect(() => {
    if (settled) void invalidate(client, [DeliveriesDocument]);
  }, [settled, client]);
  return (
    <div className={styles.test}>
      <button type="button" className="button button-small" disabled={form.busy} onClick={() => void form.submit({ input: { channel } })} aria-label={`Test ${label}`}>
        {form.busy ? "Sending…" : "Test"}
      </button>
      <span role="status" className={styles.testResult} data-testid="channel-test-result">
        {form.messages.length ? (
          <span className="field-error">{form.messages.join(" ")}</span>
        ) : delivery ? (
          <>
            Test: <span className={STATUS_PILL[delivery.status]}>{labelOf(DELIVERY_STATUSES, delivery.status)}</span>
            {delivery.lastError ? <span className="muted"> — {delivery.lastError}</span> : null}
          </>
        ) : deliveryId ? (
          "Test: Pending"
        ) : null}
      </span>
    </div>
  );
}

/* ---------- the delivery log ---------- */

const LOG_PAGE = 20;

function DeliveryLog() {
  const [status, setStatus] = useState<DeliveryStatus | "">("");
  const [first, setFirst] = useState(LOG_PAGE);
  const query = useGql(
    DeliveriesDocument,
    { first, after: null, status: status || null, channel: null },
    {
      refetchInterval: ({ state }) => (state.data?.viewer?.deliveries.edges.some((e) => e.node.status === "PENDING") ? POLL_MS * 2 : false),
    },
  );
  const connection = query.data?.viewer?.deliveries ?? null;
  const rows = connection?.edges.map((e) => e.node) ?? null;
  return (
    <Section title="Delivery log" heading="form-title" className="card" id="deliveries" data-testid="delivery-log">
      <div className={`toolbar ${styles.logFilter}`}>
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as DeliveryStatus | "");
            setFirst(LOG_PAGE);
          }}
          options={[{ value: "", label: "Every status" }, ...DELIVERY_STATUSES]}
        />
        <button type="button" className="button button-small" onClick={() => void query.refetch()} disabled={query.isFetching}>
          {query.isFetching ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <LoadError error={query.error} onRetry={query.refetch} />
      {rows == null ? (
        query.error ? null : <Spinner label="Loading the delivery log…" />
      ) : rows.length === 0 ? (
        <p className="muted">{status ? "No delivery with this status." : "Nothing has been sent yet. Briefings, alerts and tests show up here with their outcome."}</p>
      ) : (
        <DeliveryTable deliveries={rows} label="Deliveries" withSubject />
      )}
      {connection?.pageInfo.hasNextPage ? (
        <p>
          <button type="button" className="button button-small" onClick={() => setFirst((n) => n + LOG_PAGE)} disabled={query.isFetching}>
            Show more ({connection.totalCount - rows!.length} more)
          </button>
        </p>
      ) : null}
    </Section>
  );
}
