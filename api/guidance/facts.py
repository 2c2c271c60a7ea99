"""What the guidance rules see: plain, frozen records of one person's stored history, gathered in
batches by `api.guidance.repository` (a few statements per batch of users, never one per rule), and
what a rule returns (`Draft`). Pure: no ORM, no clock — `UserFacts.now` is the instant of the run.

Every datetime here is time-zone aware; a person's local dates come from `UserFacts.timezone`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from api.vocabulary import ApplicationStatus, GoalDifficulty, GoalStatus, InsightActionKind, InsightPriority, MilestoneKind

# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class StepFact:
    id: int
    title: str
    position: int
    done: bool
    done_at: datetime | None = None


@dataclass(frozen=True)
class EntryFact:
    """One progress-log entry. amount = progress points it added; mood/energy 1..5 when logged."""

    goal_id: int
    logged_at: datetime
    amount: int = 0
    minutes: int = 0
    mood: int | None = None
    energy: int | None = None
    note: str = ""


@dataclass(frozen=True)
class GoalFact:
    id: int
    title: str
    status: GoalStatus
    difficulty: GoalDifficulty
    progress: int  # 0..100
    started_on: date
    target_date: date | None = None
    completed_on: date | None = None
    steps: tuple[StepFact, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class MilestoneFact:
    id: int
    kind: MilestoneKind
    title: str
    achieved_on: date
    role: str | None = None


@dataclass(frozen=True)
class StatusChangeFact:
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus
    changed_at: datetime


@dataclass(frozen=True)
class ApplicationFact:
    """An application with its job's title and company and its status history (oldest first)."""

    id: int
    job_id: int
    title: str
    company: str
    status: ApplicationStatus
    created_at: datetime
    applied_at: datetime | None  # when it first entered "applied"
    last_change_at: datetime  # the newest status change (or creation)
    history: tuple[StatusChangeFact, ...] = ()
    notes: str = ""

    @property
    def responded(self) -> bool:
        """The employer answered: the application moved past "applied" to anything but a withdrawal."""
        return any(
            c.to_status in (ApplicationStatus.INTERVIEW, ApplicationStatus.OFFER, ApplicationStatus.REJECTED)
            for c in self.history
        ) or self.status in (ApplicationStatus.INTERVIEW, ApplicationStatus.OFFER, ApplicationStatus.ACCEPTED)


@dataclass(frozen=True)
class JobFact:
    """A job the person tracks: saved by hand, imported, or discovered and recommended to them."""

    id: int
    title: str
    company: str
    created_at: datetime
    skills: tuple[str, ...] = ()  # every skill the posting names
    must_haves: tuple[str, ...] = ()  # the required ones, when the requirements were parsed
    score: float | None = None  # match score 0..100 against the current profile
    discovered: bool = False
    applied: bool = False  # has an application past "interested"


@dataclass(frozen=True)
class SnapshotFact:
    taken_on: date
    skills: Mapping[str, float]  # skill -> proficiency 0..1


@dataclass(frozen=True)
class SkillDemand:
    """Postings (global, ingested from job boards) naming one skill, in the current window and the
    window of the same length before it, with the totals of each window."""

    skill: str
    current: int
    previous: int
    current_total: int
    previous_total: int

    @property
    def current_share(self) -> float:
        return self.current / self.current_total if self.current_total else 0.0

    @property
    def previous_share(self) -> float:
        return self.previous / self.previous_total if self.previous_total else 0.0


@dataclass(frozen=True)
class MarketFacts:
    window_days: int
    as_of: date
    current_total: int = 0
    previous_total: int = 0
    skills: Mapping[str, SkillDemand] = field(default_factory=dict)  # keyed by lower-case skill name

    def demand(self, skill: str) -> SkillDemand | None:
        return self.skills.get(skill.lower())


@dataclass(frozen=True)
class Readiness:
    """How far the person meets the key skills of their target role (from the journey's prediction)."""

    role: str
    percent: float  # 0..100
    missing: tuple[str, ...] = ()
    previous_percent: float | None = None  # before the newest skill snapshot (the one before it), 0..100


@dataclass(frozen=True)
class Reactions:
    """The person's reactions to one rule's recent insights (newest first, at most 10)."""

    shown: int = 0
    dismissed: int = 0
    not_useful: int = 0
    useful: int = 0
    acted: int = 0


@dataclass(frozen=True)
class UserFacts:
    user_id: int
    timezone: str
    now: datetime
    skills: tuple[str, ...] = ()  # the profile's skills
    profile_updated_at: datetime | None = None  # the last change of profile skills or résumé
    last_seen_at: datetime | None = None  # the visit before this one (welcome back)
    wellbeing: bool = False  # opted in to pacing and wellbeing insights
    target_role: str | None = None
    current_role: str | None = None
    patterns: Mapping[str, Any] | None = None  # the journey's cached learning patterns (JSON)
    goals: tuple[GoalFact, ...] = ()
    entries: tuple[EntryFact, ...] = ()  # progress log, oldest first (the last 180 days)
    milestones: tuple[MilestoneFact, ...] = ()
    applications: tuple[ApplicationFact, ...] = ()
    jobs: tuple[JobFact, ...] = ()
    snapshots: tuple[SnapshotFact, ...] = ()  # oldest first
    market: MarketFacts | None = None
    readiness: Readiness | None = None
    reactions: Mapping[str, Reactions] = field(default_factory=dict)  # rule key -> reactions

    def goal(self, goal_id: int) -> GoalFact | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def entries_of(self, goal_id: int) -> list[EntryFact]:
        return [e for e in self.entries if e.goal_id == goal_id]


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class Evidence:
    label: str
    value: str


@dataclass(frozen=True)
class Action:
    label: str
    kind: InsightActionKind
    arguments: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Draft:
    """One insight a rule wants to raise. The engine renders the rule's templates with `values`;
    `dedupe_key` names the fact (the same fact never produces two insights for a person)."""

    rule_key: str
    dedupe_key: str
    values: Mapping[str, Any]
    evidence: tuple[Evidence, ...]
    actions: tuple[Action, ...]
    valid_until: datetime
    priority: InsightPriority | None = None  # the rule's own priority unless set
