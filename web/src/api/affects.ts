/**
 * Which cached queries show what a mutation changes: a mutation names one of these groups (or
 * its own list) and every query in it refetches if it is on screen, or on its next use.
 */
import { DocumentJobsDocument } from "./ai";
import { JourneyPageDocument, GoalsDocument, OpenGoalsDocument, DecisionsDocument } from "./career";
import { AnalyticsDocument, RecommendationsDocument, SkillGapsDocument } from "./discovery";
import { TodayScheduleDocument } from "./delivery";
import { ApplicationDocument, ApplicationsDocument, JobDocument, JobPageDocument, JobScoreDocument, JobsDocument } from "./operations";

/** Jobs and everything that lists, scores or counts them. */
export const JOB_QUERIES = [JobsDocument, JobDocument, JobPageDocument, JobScoreDocument, RecommendationsDocument, DocumentJobsDocument, ApplicationsDocument, AnalyticsDocument, SkillGapsDocument];

/** The board and what shows a job's place on it, its follow-up date or its interviews. */
export const APPLICATION_QUERIES = [ApplicationsDocument, ApplicationDocument, TodayScheduleDocument, JobsDocument, JobDocument, JobPageDocument, RecommendationsDocument, AnalyticsDocument];

/** Goals, their progress, and the journal and journey they feed. */
export const GOAL_QUERIES = [GoalsDocument, OpenGoalsDocument, DecisionsDocument, JourneyPageDocument];
