/** Labels and date helpers of the career memory pages (journey, decisions, goals, skills). */
import type { CareerStage, DecisionKind, GoalDifficulty, GoalStatus, LearningFormat, MilestoneKind } from "../gql/graphql";

export const STAGES: readonly { value: CareerStage; label: string }[] = [
  { value: "ENTRY", label: "Entry" },
  { value: "MID", label: "Mid" },
  { value: "SENIOR", label: "Senior" },
  { value: "LEAD", label: "Lead" },
  { value: "EXECUTIVE", label: "Executive" },
];

export const DECISION_KINDS: readonly { value: DecisionKind; label: string }[] = [
  { value: "SKILL_FOCUS", label: "Skill focus" },
  { value: "GOAL_SET", label: "Goal set" },
  { value: "GOAL_PIVOT", label: "Goal pivot" },
  { value: "ROLE_CHANGE", label: "Role change" },
  { value: "JOB_OFFER", label: "Job offer" },
  { value: "OTHER", label: "Other" },
];

export const MILESTONE_KINDS: readonly { value: MilestoneKind; label: string }[] = [
  { value: "PROMOTION", label: "Promotion" },
  { value: "NEW_ROLE", label: "New role" },
  { value: "CERTIFICATION", label: "Certification" },
  { value: "SKILL_MASTERY", label: "Skill mastery" },
  { value: "PROJECT_COMPLETION", label: "Project completed" },
  { value: "OTHER", label: "Other" },
];

export const FORMATS: readonly { value: LearningFormat; label: string }[] = [
  { value: "HANDS_ON", label: "Hands-on" },
  { value: "READING", label: "Reading" },
  { value: "VIDEO", label: "Video" },
  { value: "COURSES", label: "Courses" },
  { value: "MENTORING", label: "Mentoring" },
];

export const DIFFICULTIES: readonly { value: GoalDifficulty; label: string }[] = [
  { value: "EASY", label: "Easy" },
  { value: "MEDIUM", label: "Medium" },
  { value: "HARD", label: "Hard" },
  { value: "STRETCH", label: "Stretch" },
];

export const GOAL_STATUSES: readonly { value: GoalStatus; label: string }[] = [
  { value: "ACTIVE", label: "Active" },
  { value: "PAUSED", label: "Paused" },
  { value: "COMPLETED", label: "Completed" },
  { value: "ABANDONED", label: "Abandoned" },
];

export const labelFor = <T extends string>(options: readonly { value: T; label: string }[], value: T | null | undefined): string =>
  options.find((o) => o.value === value)?.label ?? "";

/** A calendar day ("2025-06-30") as a UTC-midnight timestamp: days never shift with the zone. */
export function dayTime(day: string): number {
  return Date.parse(`${String(day).slice(0, 10)}T00:00:00Z`);
}

export function formatDay(day: string | null | undefined, style: "medium" | "short" = "medium"): string {
  if (!day) return "";
  const time = dayTime(day);
  if (Number.isNaN(time)) return String(day);
  return new Intl.DateTimeFormat(undefined, style === "short" ? { month: "short", year: "numeric", timeZone: "UTC" } : { dateStyle: "medium", timeZone: "UTC" }).format(time);
}

/** Today in the viewer's time zone, as "YYYY-MM-DD". */
export function today(timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

export function addDays(day: string, days: number): string {
  return new Date(dayTime(day) + days * 86_400_000).toISOString().slice(0, 10);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
