import type { ApplicationStatus, ExperienceLevel, JobType, RemoteOption } from "../gql/graphql";

/** Select options from a map of values to labels, in the map's order. */
export const options = <T extends string>(labels: Record<T, string>): readonly { value: T; label: string }[] =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

/** The label of a value among options ("" when it is not one of them). */
export const labelOf = <T extends string>(choices: readonly { value: T; label: string }[], value: T | null | undefined): string =>
  choices.find((o) => o.value === value)?.label ?? "";

export const STATUS_LABEL: Record<ApplicationStatus, string> = {
  INTERESTED: "Interested",
  APPLIED: "Applied",
  INTERVIEW: "Interview",
  OFFER: "Offer",
  ACCEPTED: "Accepted",
  DECLINED: "Declined",
  REJECTED: "Rejected",
};
export const STATUSES = Object.keys(STATUS_LABEL) as ApplicationStatus[];

export const LEVELS = options<ExperienceLevel>({ JUNIOR: "Junior", MID: "Mid-level", SENIOR: "Senior", LEAD: "Lead / Principal" });
export const JOB_TYPES = options<JobType>({ FULL_TIME: "Full-time", PART_TIME: "Part-time", CONTRACT: "Contract", INTERNSHIP: "Internship", TEMPORARY: "Temporary" });
export const REMOTE_OPTIONS = options<RemoteOption>({ REMOTE: "Remote", HYBRID: "Hybrid", ONSITE: "On-site" });

let zone: string | undefined;

interface TemporalNow {
  timeZoneId?: () => string;
  plainDateISO?: (timeZone?: string) => { toString(): string };
}

/**
 * `Temporal.Now` where the browser has it: it answers the zone and today's date at once, where
 * Intl's first answer about zones costs tens of milliseconds on a phone (the tab's first Intl use).
 */
export function temporalNow(): TemporalNow | undefined {
  return (globalThis as { Temporal?: { Now?: TemporalNow } }).Temporal?.Now;
}

/** The browser's IANA time zone, or null. */
export function browserTimeZone(): string | null {
  try {
    return temporalNow()?.timeZoneId?.() || Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** One formatter per kind and zone: making one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: "date" | "dateTime"): Intl.DateTimeFormat {
  const key = `${kind} ${zone ?? ""}`;
  let made = formatters.get(key);
  if (!made) {
    const style: Intl.DateTimeFormatOptions = kind === "date" ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" };
    made = new Intl.DateTimeFormat(undefined, { ...style, timeZone: zone });
    formatters.set(key, made);
  }
  return made;
}

/** Dates show in the viewer's profile time zone once known. */
export function setDisplayTimeZone(timeZone: string | undefined): void {
  zone = timeZone;
  try {
    formatter("date"); // an unknown zone throws here
  } catch {
    zone = undefined;
  }
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter("date").format(date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter("dateTime").format(date);
}

let relative: Intl.RelativeTimeFormat | undefined;

export function timeAgo(iso: string): string {
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  const rtf = (relative ??= new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }));
  if (Math.abs(seconds) < 60) return rtf.format(-seconds, "second");
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return rtf.format(-minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return rtf.format(-hours, "hour");
  return formatDate(iso);
}

/** One number format per currency (a list of jobs shows a few, each twice per card). */
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string | null): Intl.NumberFormat {
  const key = currency ?? "";
  let made = moneyFormats.get(key);
  if (!made) {
    made = new Intl.NumberFormat(undefined, { style: currency ? "currency" : "decimal", currency: currency ?? undefined, maximumFractionDigits: 0 });
    moneyFormats.set(key, made);
  }
  return made;
}

export function formatSalary(salary: { min: number | null; max: number | null; currency: string | null } | null): string {
  if (!salary || (salary.min == null && salary.max == null)) return "";
  const fmt = (n: number) => {
    try {
      return moneyFormat(salary.currency).format(n);
    } catch {
      return `${n.toLocaleString()} ${salary.currency ?? ""}`.trim();
    }
  };
  if (salary.min != null && salary.max != null) return `${fmt(salary.min)} – ${fmt(salary.max)}`;
  if (salary.min != null) return `from ${fmt(salary.min)}`;
  return `up to ${fmt(salary.max as number)}`;
}

/** `text` on one line, cut to at most `max` characters at a word boundary with an ellipsis (never half a word). */
export function excerpt(text: string, max = 120): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  let head = clean.slice(0, max - 1);
  if (clean[head.length] !== " " && head.includes(" ")) head = head.slice(0, head.lastIndexOf(" "));
  return `${head.replace(/[ ,;:.\-–—]+$/, "")}…`;
}

/** "1 word", "2 words", "0 words" (`words` for an irregular plural), as api/wording.py says them. */
export function plural(n: number, word: string, words?: string): string {
  return `${n} ${n === 1 ? word : (words ?? `${word}s`)}`;
}

/** "once", "3 times". */
export function times(n: number): string {
  return n === 1 ? "once" : `${n} times`;
}

/** A large estimated count as a person reads it: two significant digits ("about 14,000"). */
export function about(n: number): string {
  const step = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(n, 1))) - 1);
  return `about ${(Math.round(n / step) * step).toLocaleString("en")}`;
}

let knownZones: readonly string[] | null = null;
let zoneOrder: Intl.Collator | null = null;

/**
 * Every time zone the browser knows, with `extra` ones (the saved zone, the detected one) and UTC,
 * sorted. The browser's list is read and sorted once: sorting ~420 names by locale on every render
 * of a form cost a phone tens of milliseconds each time.
 */
export function timeZones(...extra: string[]): string[] {
  if (!knownZones) {
    let zones: string[] = [];
    try {
      zones = Intl.supportedValuesOf("timeZone");
    } catch {
      zones = [];
    }
    zoneOrder = new Intl.Collator();
    knownZones = [...new Set([...zones, "UTC"])].sort(zoneOrder.compare);
  }
  const missing = extra.filter((zone) => zone && !knownZones!.includes(zone));
  return missing.length ? [...new Set([...knownZones, ...missing])].sort(zoneOrder!.compare) : [...knownZones];
}
