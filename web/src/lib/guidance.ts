/** Labels and helpers of the guidance pages (Today, Insights, Recommendations, Career health, Settings). */
import type { Effort, GuidanceLevel, InsightKind, InsightPriority, InsightState, RecommendationState, RecommendationType } from "../gql/graphql";
import { options } from "./format";

export const INSIGHT_KINDS = options<InsightKind>({
  OPPORTUNITY: "Opportunity",
  WARNING: "Warning",
  MILESTONE_READY: "Milestone ready",
  PIVOT_SUGGESTION: "Pivot suggestion",
  CHECK_IN: "Check-in",
  MARKET_NUDGE: "Market nudge",
  CELEBRATION: "Celebration",
  WELCOME_BACK: "Welcome back",
});
export const PRIORITIES = options<InsightPriority>({ LOW: "Low", MEDIUM: "Medium", HIGH: "High", URGENT: "Urgent" });
export const INSIGHT_STATES = options<InsightState>({ NEW: "New", READ: "Read", ACTED: "Acted on", DISMISSED: "Dismissed", EXPIRED: "Expired" });
export const LEVELS = options<GuidanceLevel>({ OFF: "Off", WEEKLY: "Weekly digest", NORMAL: "Normal", EAGER: "Eager" });
export const RECOMMENDATION_TYPES = options<RecommendationType>({
  NEXT_GOAL: "Next goal",
  SKILL_FOCUS: "Skill focus",
  COURSE: "Course",
  CERTIFICATION: "Certification",
  NETWORKING: "Networking",
});
export const EFFORTS = options<Effort>({ LOW: "Low effort", MEDIUM: "Medium effort", HIGH: "High effort" });
export const RECOMMENDATION_STATES = options<RecommendationState>({ OPEN: "Open", ACCEPTED: "Accepted", DECLINED: "Declined" });

/** The names of the three recommendation scores. */
export const SCORE_NAMES: Record<string, string> = { confidence: "Confidence", market_relevance: "Market relevance", personal_fit: "Personal fit" };

/** A 0–1 share as a whole percentage ("73%"). */
export const percent = (value: number | null | undefined): string => (value == null ? "—" : `${Math.round(value * 100)}%`);

/** A readable label for a condition key ("min_postings" → "Min postings"). */
export const conditionLabel = (key: string): string => {
  const words = key.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Conditions JSON → the numeric entries that can be edited as number inputs, in a stable order. */
export function numericConditions(conditions: unknown): [string, number][] {
  if (!conditions || typeof conditions !== "object") return [];
  return Object.entries(conditions as Record<string, unknown>).filter((entry): entry is [string, number] => typeof entry[1] === "number");
}
