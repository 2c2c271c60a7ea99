/** Labels and helpers of delivery: channels, topics, digests, interviews, and local times in a time zone. */
import type { AppointmentKind, Channel, DeliveryStatus, DigestKind, JobAlertMode, NotificationTopic } from "../gql/graphql";
import { options } from "./format";

export const CHANNELS = options<Channel>({ IN_APP: "In-app", EMAIL: "Email", NTFY: "ntfy push", WEBHOOK: "Webhook" });
export const TOPICS = options<NotificationTopic>({
  JOB_ALERTS: "Job alerts",
  INSIGHTS: "Insights",
  DIGESTS: "Briefings and summaries",
  FOLLOW_UPS: "Follow-ups and interviews",
  APPLICATION_UPDATES: "Application updates",
});
export const DELIVERY_STATUSES = options<DeliveryStatus>({ PENDING: "Pending", SENT: "Sent", FAILED: "Failed", SKIPPED: "Skipped" });
export const DIGEST_KINDS = options<DigestKind>({ MORNING: "Morning briefing", EVENING: "Evening summary" });
export const JOB_ALERT_MODES = options<JobAlertMode>({ INSTANT: "Instantly", DIGEST: "Folded into the morning briefing" });
export const APPOINTMENT_KINDS = options<AppointmentKind>({
  PHONE_SCREEN: "Phone screen",
  TECHNICAL: "Technical",
  BEHAVIORAL: "Behavioral",
  ONSITE: "On-site",
  FINAL: "Final",
  OTHER: "Other",
});

/** The pill class of a delivery status (the board's colours: green sent, red failed, grey skipped). */
export const STATUS_PILL: Record<DeliveryStatus, string> = { PENDING: "pill pill-applied", SENT: "pill pill-offer", FAILED: "pill pill-rejected", SKIPPED: "pill pill-declined" };

/** A topic of a delivery: a NotificationTopic value, or "verification" / "test". */
export function topicLabel(topic: string): string {
  const known = TOPICS.find((t) => t.value === topic || t.value.toLowerCase() === topic.toLowerCase());
  if (known) return known.label;
  return topic.charAt(0).toUpperCase() + topic.slice(1).replace(/_/g, " ");
}

/** Every time zone the browser knows, with the current one and UTC. */

/** One formatter per kind and zone: making one costs far more than using it (a board of cards uses them per render). */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(kind: "parts" | "shown", timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let made = zoneFormats.get(key);
  if (!made) {
    made =
      kind === "parts"
        ? new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
        : new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone });
    zoneFormats.set(key, made);
  }
  return made;
}

/** The wall-clock parts of an instant in a time zone. */
function partsIn(instant: number, timeZone: string): Record<string, number> {
  const parts = zoneFormat("parts", timeZone).formatToParts(new Date(instant));
  return Object.fromEntries(parts.filter((p) => p.type !== "literal").map((p) => [p.type, Number(p.value)]));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as a `datetime-local` value ("2027-03-01T14:30") on the clock of a time zone. */
export function toLocalInput(iso: string, timeZone: string): string {
  const p = partsIn(Date.parse(iso), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A `datetime-local` value read on the clock of a time zone, as an ISO instant (UTC); null when it
 * is not a date-time. A time skipped by a DST change moves forward by the gap, as calendars do.
 */
export function fromLocalInput(local: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  // Guess with the offset at that wall time, then correct once for an offset change in between.
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(guess, timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wanted - shown;
  }
  return new Date(guess).toISOString();
}

/** An instant shown on the clock of a time zone ("Mon 1 Mar 2027, 14:30"). */
export function formatInZone(iso: string, timeZone: string): string {
  try {
    return zoneFormat("shown", timeZone).format(new Date(iso));
  } catch {
    return new Date(iso).toLocaleString();
  }
}
