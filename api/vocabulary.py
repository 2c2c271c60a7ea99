"""Every closed vocabulary of the product, once: one `StrEnum` each.

The values are what the database stores (the models' CHECK constraints list them), the pure
cores compare against them, and the GraphQL types expose them with `strawberry.enum` (member
names are the GraphQL values: `ApplicationStatus.INTERESTED` is stored as "interested").
Being a StrEnum, a member equals its stored string, so rows and plain strings compare as they are.
"""

from __future__ import annotations

from enum import StrEnum


def values(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """The stored values, in declaration order (for CHECK constraints and messages)."""
    return tuple(member.value for member in vocabulary)


# --------------------------------------------------------------------------- profile


class ExperienceLevel(StrEnum):
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"


class LanguageLevel(StrEnum):
    """How well a person speaks a language: the CEFR levels, then native."""

    A1 = "a1"
    A2 = "a2"
    B1 = "b1"
    B2 = "b2"
    C1 = "c1"
    C2 = "c2"
    NATIVE = "native"


# --------------------------------------------------------------------------- jobs and applications


class JobType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CONTRACT = "contract"
    INTERNSHIP = "internship"
    TEMPORARY = "temporary"


class RemoteOption(StrEnum):
    REMOTE = "remote"
    HYBRID = "hybrid"
    ONSITE = "onsite"


class JobOrigin(StrEnum):
    MANUAL = "manual"
    DISCOVERED = "discovered"
    IMPORTED = "imported"


class ApplicationStatus(StrEnum):
    INTERESTED = "interested"
    APPLIED = "applied"
    INTERVIEW = "interview"
    OFFER = "offer"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REJECTED = "rejected"


# --------------------------------------------------------------------------- matching and market


class MatchBand(StrEnum):
    POOR = "poor"
    WEAK = "weak"
    FAIR = "fair"
    GOOD = "good"
    GREAT = "great"


class FeedbackTarget(StrEnum):
    JOB = "job"
    SKILLS = "skills"
    LOCATION = "location"
    EXPERIENCE = "experience"


class TrendStatus(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"
    NEW = "new"
    GONE = "gone"
    NONE = "none"


# --------------------------------------------------------------------------- discovery


class JobBoard(StrEnum):
    """Company job boards watched by their board token."""

    GREENHOUSE = "greenhouse"
    LEVER = "lever"
    LEVER_EU = "lever_eu"
    ASHBY = "ashby"
    SMARTRECRUITERS = "smartrecruiters"
    RECRUITEE = "recruitee"
    WORKABLE = "workable"
    WORKDAY = "workday"
    PERSONIO = "personio"
    TEAMTAILOR = "teamtailor"
    BAMBOOHR = "bamboohr"
    ICIMS = "icims"
    CAREERS_PAGE = "careers_page"  # any careers page with schema.org JobPosting data; the token is its URL


class SearchSource(StrEnum):
    """Job search APIs a saved search runs on."""

    REMOTIVE = "remotive"
    ARBEITNOW = "arbeitnow"
    REMOTEOK = "remoteok"
    ADZUNA = "adzuna"
    USAJOBS = "usajobs"
    HIMALAYAS = "himalayas"
    JOBICY = "jobicy"
    WEWORKREMOTELY = "weworkremotely"
    WORKINGNOMADS = "workingnomads"
    HACKERNEWS = "hackernews"


class SourceRunStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    COMPLETED_WITH_FAILURES = "partial"  # some sources failed, others delivered
    FAILED = "failed"


class SourceRunTrigger(StrEnum):
    MANUAL = "manual"
    SCHEDULE = "schedule"


class JobImportStatus(StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"
    FAILED = "failed"


class SalaryPeriod(StrEnum):
    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    HOUR = "hour"


# --------------------------------------------------------------------------- career memory and goals


class CareerStage(StrEnum):
    ENTRY = "entry"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"
    EXECUTIVE = "executive"


class DecisionKind(StrEnum):
    GOAL_SET = "goal_set"
    GOAL_PIVOT = "goal_pivot"
    ROLE_CHANGE = "role_change"
    SKILL_FOCUS = "skill_focus"
    JOB_OFFER = "job_offer"
    OTHER = "other"


class MilestoneKind(StrEnum):
    PROMOTION = "promotion"
    CERTIFICATION = "certification"
    SKILL_MASTERY = "skill_mastery"
    PROJECT_COMPLETION = "project_completion"
    NEW_ROLE = "new_role"
    OTHER = "other"


class LearningFormat(StrEnum):
    VIDEO = "video"
    READING = "reading"
    HANDS_ON = "hands_on"
    COURSES = "courses"
    MENTORING = "mentoring"


class Cadence(StrEnum):
    DAILY = "daily"
    FEW_TIMES_A_WEEK = "few_times_a_week"
    WEEKLY = "weekly"
    IRREGULAR = "irregular"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class GoalDifficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    STRETCH = "stretch"


class AdaptationKind(StrEnum):
    REDUCE_SCOPE = "reduce_scope"
    EXTEND_DATE = "extend_date"
    STRETCH = "stretch"
    KEEP = "keep"


# --------------------------------------------------------------------------- documents, interviews, résumés


class DocumentKind(StrEnum):
    COVER_LETTER = "cover_letter"
    RESUME_TAILORING = "resume_tailoring"
    EMAIL_FOLLOW_UP = "email_follow_up"
    EMAIL_THANK_YOU = "email_thank_you"
    EMAIL_NETWORKING = "email_networking"
    EMAIL_OFFER_NEGOTIATION = "email_offer_negotiation"


class DocumentStatus(StrEnum):
    PENDING = "pending"
    STREAMING = "streaming"
    COMPLETED = "completed"
    FAILED = "failed"


class Tone(StrEnum):
    PROFESSIONAL = "professional"
    CASUAL = "casual"
    ENTHUSIASTIC = "enthusiastic"


class EmailKind(StrEnum):
    FOLLOW_UP = "follow_up"
    THANK_YOU = "thank_you"
    NETWORKING = "networking"
    OFFER_NEGOTIATION = "offer_negotiation"


class DocumentVersionSource(StrEnum):
    GENERATED = "generated"
    EDITED = "edited"
    IMPROVED = "improved"


class RewriteDecision(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class InterviewKind(StrEnum):
    GENERAL = "general"
    BEHAVIORAL = "behavioral"
    TECHNICAL = "technical"
    JOB_SPECIFIC = "job_specific"


class InterviewStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"


class ResumeUploadStatus(StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"
    FAILED = "failed"


class ResumeSuggestionKind(StrEnum):
    SKILL_ADD = "skill_add"
    LEVEL = "level"
    LOCATION = "location"
    LANGUAGE = "language"
    SKILL_YEARS = "skill_years"
    YEARS_EXPERIENCE = "years_experience"


# --------------------------------------------------------------------------- guidance: insights, rules, recommendations


class InsightKind(StrEnum):
    OPPORTUNITY = "opportunity"
    WARNING = "warning"
    MILESTONE_READY = "milestone_ready"
    PIVOT_SUGGESTION = "pivot_suggestion"
    CHECK_IN = "check_in"
    MARKET_NUDGE = "market_nudge"
    CELEBRATION = "celebration"
    WELCOME_BACK = "welcome_back"


class InsightPriority(StrEnum):
    """In rising order: `PRIORITY_ORDER` ranks them."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    URGENT = "urgent"


PRIORITY_ORDER: tuple[InsightPriority, ...] = tuple(InsightPriority)


class InsightState(StrEnum):
    """Where an insight stands for the person; `expired` is derived from valid_until, never stored."""

    NEW = "new"
    READ = "read"
    ACTED = "acted"
    DISMISSED = "dismissed"
    EXPIRED = "expired"


class InsightVerdict(StrEnum):
    USEFUL = "useful"
    NOT_USEFUL = "not_useful"


class InsightActionKind(StrEnum):
    """What one suggested action does: open a page of the app, or run one mutation with its arguments."""

    OPEN = "open"  # arguments: {"href": "/goals/Z29hbDox"}
    SET_TARGET_DATE = "set_target_date"  # {"goal_id": int, "target_date": "YYYY-MM-DD"}
    SPLIT_STEP = "split_step"  # {"goal_id": int, "step_id": int}
    ADAPT_GOAL = "adapt_goal"  # {"goal_id": int}: apply the goal's difficulty adaptation
    PAUSE_GOAL = "pause_goal"  # {"goal_id": int}
    CREATE_GOAL = "create_goal"  # {"title": str, "why": str, "target_date": "YYYY-MM-DD" | None, "steps": [str]}
    DRAFT_EMAIL = "draft_email"  # {"application_id": int, "email_kind": EmailKind}


class TriggerType(StrEnum):
    TIME_BASED = "time_based"
    PROGRESS_BASED = "progress_based"
    MARKET_BASED = "market_based"
    MILESTONE_BASED = "milestone_based"


class GuidanceLevel(StrEnum):
    """How much the companion speaks: off (never), weekly (one evaluation a week), normal (daily), eager
    (daily, and medium-priority insights raise a live alert too)."""

    OFF = "off"
    WEEKLY = "weekly"
    NORMAL = "normal"
    EAGER = "eager"


class RecommendationType(StrEnum):
    NEXT_GOAL = "next_goal"
    SKILL_FOCUS = "skill_focus"
    COURSE = "course"
    CERTIFICATION = "certification"
    NETWORKING = "networking"


class Effort(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RecommendationState(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"


# --------------------------------------------------------------------------- delivery: digests, channels, calendar


class DigestKind(StrEnum):
    MORNING = "morning"
    EVENING = "evening"


class Channel(StrEnum):
    IN_APP = "in_app"
    EMAIL = "email"
    NTFY = "ntfy"  # an ntfy-compatible HTTP push (POST to the topic URL)
    WEBHOOK = "webhook"  # a generic JSON webhook, HMAC-SHA256 signed


class NotificationTopic(StrEnum):
    """What a message is about; preferences pick the channels per topic."""

    JOB_ALERTS = "job_alerts"
    INSIGHTS = "insights"
    DIGESTS = "digests"
    FOLLOW_UPS = "follow_ups"
    APPLICATION_UPDATES = "application_updates"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"  # e.g. email not verified, channel not configured, vacation


class JobAlertMode(StrEnum):
    INSTANT = "instant"  # each strong match is sent as it comes
    DIGEST = "digest"  # strong matches wait for the next morning briefing


class AppointmentKind(StrEnum):
    PHONE_SCREEN = "phone_screen"
    TECHNICAL = "technical"
    BEHAVIORAL = "behavioral"
    ONSITE = "onsite"
    FINAL = "final"
    OTHER = "other"


# --------------------------------------------------------------------------- personal access tokens


class TokenScope(StrEnum):
    """What a personal access token may do: read or write one area. Writing implies reading."""

    JOBS_READ = "jobs:read"  # jobs, applications, discovery, matching, calendar, market
    JOBS_WRITE = "jobs:write"
    CAREER_READ = "career:read"  # career memory (journey, decisions), goals, guidance, recommendations, health
    CAREER_WRITE = "career:write"
    DOCUMENTS_READ = "documents:read"  # cover letters, résumés, emails, mock interviews
    DOCUMENTS_WRITE = "documents:write"
    PROFILE_READ = "profile:read"  # the profile, résumé uploads, notifications, settings, AI usage
    PROFILE_WRITE = "profile:write"


# --------------------------------------------------------------------------- sign-in providers (issue 14)
class ProviderKind(StrEnum):
    """How a sign-in provider is spoken to (api/identity/flow.py)."""

    OIDC = "oidc"  # OpenID Connect: discovery document, ID token verified against the JWKS
    GITHUB = "github"  # OAuth 2 plus the REST API's /user and its verified /user/emails
