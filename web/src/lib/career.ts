/** Labels and date helpers of the career memory pages (journey, decisions, goals, skills). */
import type { CareerStage, DecisionKind, GoalDifficulty, GoalStatus, LearningFormat, MilestoneKind } from "../gql/graphql";
import { options, temporalNow } from "./format";


export const STAGES = options<CareerStage>({ ENTRY: "Entry", MID: "Mid", SENIOR: "Senior", LEAD: "Lead", EXECUTIVE: "Executive" });
export const DECISION_KINDS = options<DecisionKind>({
  SKILL_FOCUS: "Skill focus", GOAL_SET: "Goal set", GOAL_PIVOT: "Goal pivot", ROLE_CHANGE: "Role change", JOB_OFFER: "Job offer", OTHER: "Other",
});
export const MILESTONE_KINDS = options<MilestoneKind>({
  PROMOTION: "Promotion", NEW_ROLE: "New role", CERTIFICATION: "Certification", SKILL_MASTERY: "Skill mastery", PROJECT_COMPLETION: "Project completed", OTHER: "Other",
});
export const FORMATS = options<LearningFormat>({ HANDS_ON: "Hands-on", READING: "Reading", VIDEO: "Video", COURSES: "Courses", MENTORING: "Mentoring" });
export const DIFFICULTIES = options<GoalDifficulty>({ EASY: "Easy", MEDIUM: "Medium", HARD: "Hard", STRETCH: "Stretch" });
export const GOAL_STATUSES = options<GoalStatus>({ ACTIVE: "Active", PAUSED: "Paused", COMPLETED: "Completed", ABANDONED: "Abandoned" });

/** A 1–5 scale for a select, with its ends named and "—" for not given. */
export const scale = (low: string, high: string) => [
  { value: "", label: "—" },
  ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: n === 1 ? `1 · ${low}` : n === 5 ? `5 · ${high}` : String(n) })),
];

/** A calendar day ("2025-06-30") as a UTC-midnight timestamp: days never shift with the zone. */
export function dayTime(day: string): number {
  return Date.parse(`${String(day).slice(0, 10)}T00:00:00Z`);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter (making one costs far more than using it). */
function dayFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let made = dayFormats.get(key);
  if (!made) {
    made = make();
    dayFormats.set(key, made);
  }
  return made;
}

export function formatDay(day: string | null | undefined, style: "medium" | "short" = "medium"): string {
  if (!day) return "";
  const time = dayTime(day);
  if (Number.isNaN(time)) return String(day);
  const options: Intl.DateTimeFormatOptions = style === "short" ? { month: "short", year: "numeric", timeZone: "UTC" } : { dateStyle: "medium", timeZone: "UTC" };
  return dayFormat(style, () => new Intl.DateTimeFormat(undefined, options)).format(time);
}

/** Today in the viewer's time zone, as "YYYY-MM-DD". */
export function today(timeZone?: string): string {
  try {
    const now = temporalNow();
    if (now?.plainDateISO) return now.plainDateISO(timeZone).toString();
    const options: Intl.DateTimeFormatOptions = { timeZone, year: "numeric", month: "2-digit", day: "2-digit" };
    return dayFormat(`today ${timeZone ?? ""}`, () => new Intl.DateTimeFormat("en-CA", options)).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

export function addDays(day: string, days: number): string {
  return new Date(dayTime(day) + days * 86_400_000).toISOString().slice(0, 10);
}

export { plural } from "./format";
