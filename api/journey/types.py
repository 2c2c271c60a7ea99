"""GraphQL types of career memory: the journey, career context, decisions, milestones, skill
snapshots and the worker's cached analytics. Every type is built by field name
(`api.graphql.mapping`): nodes from their rows, the analytics from the JSON the worker stored."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.utils.str_converters import to_camel_case

from api.db import DriverRow
from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped, from_result
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection, NodeIdInput
from api.journey import service
from api.journey.loaders import (
    CareerContextByIdLoader,
    CareerJourneyByIdLoader,
    DecisionByIdLoader,
    MilestoneByIdLoader,
    SkillSnapshotByIdLoader,
)
from api.models import Decision as DecisionModel
from api.models import SkillSnapshot as SkillSnapshotModel
from api.vocabulary import Cadence, CareerStage, DecisionKind, GoalDifficulty, LearningFormat, MilestoneKind

if TYPE_CHECKING:
    from api.goal.types import Goal

expose(CareerStage, DecisionKind, MilestoneKind, LearningFormat, GoalDifficulty, Cadence)


# --------------------------------------------------------------------------- nodes


@strawberry.type(name="CareerJourney", description="Where the user is and heads; one per user.")
class CareerJourney(OwnedNode, loader=CareerJourneyByIdLoader):
    current_role: str
    current_company: str
    career_stage: CareerStage
    target_role: str | None
    role_started_on: date | None
    computed_at: datetime | None = strawberry.field(description="When the worker last refreshed the analytics")
    velocity: CareerVelocity | None = strawberry.field(description="Cached; null until the worker computed it")
    created_at: datetime
    updated_at: datetime


@strawberry.type(name="CareerContext", description="The situation goals are suggested and adapted against.")
class CareerContext(OwnedNode, loader=CareerContextByIdLoader):
    current_situation: str
    short_term_goals: str
    long_term_vision: str
    learning_preferences: list[LearningFormat]
    hours_per_week: float | None
    budget: float | None
    commitments: list[str]
    motivation_factors: list[str]
    stress_factors: list[str]
    stress_level: int | None = strawberry.field(description="1 (calm) to 5 (overloaded)")
    last_assessed_on: date | None
    updated_at: datetime


@strawberry.type(name="Decision", description="A career decision; its outcome is recorded later.")
class Decision(OwnedNode, loader=DecisionByIdLoader):
    goal_id: strawberry.Private[int | None]
    kind: DecisionKind
    context: str
    choice: str
    decided_at: datetime
    outcome: str | None
    lessons: str | None
    satisfaction: int | None = strawberry.field(description="1 to 10, with the outcome")
    outcome_at: datetime | None
    # plain fields, set when built (the executor completes them in its loop, no resolver per decision)
    is_open: bool = strawberry.field(description="No outcome recorded yet")
    is_overdue: bool = strawberry.field(description="Still open more than 30 days after the decision")

    @classmethod
    def from_model(cls, m: DecisionModel | DriverRow) -> Decision:  # type: ignore[override]
        return from_result(cls, m, is_open=m.outcome is None, is_overdue=service.is_overdue(m.outcome, m.decided_at))

    @strawberry.field(
        description="The goal this decision set, if any.",
        graphql_type=Annotated["Goal", strawberry.lazy("api.goal.types")] | None,
    )
    def goal(self, info: strawberry.Info) -> Goal | Awaitable[Goal | None] | None:
        from api.goal.loaders import GoalByIdLoader
        from api.goal.types import Goal

        if self.goal_id is None:
            return None
        # Synchronous when the decisions' page read their goals (no coroutine per decision), else batched.
        loaded = GoalByIdLoader.of(info.context).load(self.goal_id)
        if loaded.done():
            row = loaded.result()
            return Goal.from_model(row) if row else None

        async def later() -> Goal | None:
            row = await loaded
            return Goal.from_model(row) if row else None

        return later()


def prime_decision_goals(info: strawberry.Info, decisions: list[DriverRow]) -> None:
    """Hand the goals a decisions page read with them (`decisions_page(with_goals=True)`) to the
    goal loader, so that each decision's `goal` completes without awaiting."""
    from api.goal.loaders import GoalByIdLoader

    loader = GoalByIdLoader.of(info.context)
    for decision in decisions:
        if decision.goal_id is not None:
            loader.prime(decision.goal_id, decision.goal)  # another user's or a deleted goal: none


@strawberry.type(name="Milestone")
class Milestone(OwnedNode, loader=MilestoneByIdLoader):
    kind: MilestoneKind
    title: str
    description: str
    impact_score: int | None = strawberry.field(description="1 to 10")
    market_value_note: str
    role: str | None = strawberry.field(description="The role reached, for promotions and new roles")
    achieved_on: date
    created_at: datetime


@strawberry.type(description="A skill's demand in this instance's job postings when the snapshot was taken.")
class SkillMarketDemand:
    share: float | None = strawberry.field(
        description="Fraction (0 to 1) of the window's postings mentioning the skill; null when too few postings"
    )
    trend_percent: float | None = strawberry.field(
        description="Change in mentions against the window before; null without a baseline (new skill, or too few earlier postings)"
    )
    trend: str | None = strawberry.field(description="up, down, flat, new, gone, none or unknown")
    mentions: int | None = strawberry.field(description="Postings in the window mentioning the skill")
    postings: int = strawberry.field(description="Postings in the window")
    window_days: int
    as_of: datetime = strawberry.field(description="End of the window")
    sufficient: bool = strawberry.field(description="False when the window has too few postings to say anything")
    low_confidence: bool
    sentence: str | None
    message: str | None = strawberry.field(description="Why there is no estimate")


def _demand_note(root: SnapshotSkill) -> SkillMarketDemand | None:
    return None if root.demand_note is None else from_result(SkillMarketDemand, root.demand_note)


@strawberry.type
class SnapshotSkill:
    skill: str
    proficiency: float = strawberry.field(description="0 to 1")
    market_demand: float | None = strawberry.field(
        description="0 to 1, when known: the value given, or the share of the instance's postings mentioning the skill"
    )
    # mapped only when a query asks for it (the Journey page does not: 12 snapshots of 8 skills)
    market_demand_note: SkillMarketDemand | None = strawberry.field(
        resolver=_demand_note, description="How market demand was computed from the instance's postings; null when it was given"
    )
    gap: float | None = strawberry.field(description="Below the target role's expected level, when known")
    demand_note: strawberry.Private[dict[str, Any] | None] = None  # the note as stored


@strawberry.type(name="SkillSnapshot", description="Proficiency per skill on one day.")
class SkillSnapshot(OwnedNode, loader=SkillSnapshotByIdLoader):
    taken_on: date
    skills: list[SnapshotSkill]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, m: SkillSnapshotModel | DriverRow) -> SkillSnapshot:  # type: ignore[override]
        return from_result(cls, m, skills=service.snapshot_skills(m))


@strawberry.type(description="A skill as a new snapshot starts: last snapshot's level, or mid-scale for a profile skill.")
class SkillDraft(Mapped):
    skill: str
    proficiency: float
    last_proficiency: float | None = strawberry.field(description="In the last snapshot; null if never rated")
    in_profile: bool


@strawberry.type
class DecisionConnection(Connection[Decision]):
    pass


@strawberry.type
class MilestoneConnection(Connection[Milestone]):
    pass


@strawberry.type
class SkillSnapshotConnection(Connection[SkillSnapshot]):
    pass


@strawberry.enum
class SnapshotOrder(Enum):
    NEWEST = "NEWEST"
    OLDEST = "OLDEST"


@strawberry.input
class DecisionFilter:
    open_only: bool = strawberry.field(default=False, description="Only decisions without an outcome")
    overdue: bool = strawberry.field(default=False, description="Only decisions still open after 30 days")
    kinds: list[DecisionKind] | None = None


# --------------------------------------------------------------------------- cached analytics


def _listed(source: str, item: type, key: str, value: str, parse_key: Callable[[str], Any] = str, **options: Any) -> Any:
    """A list field over a dict the pure result keeps (`{"video": 500.0}` → `[{format, value}]`),
    read from the private field `source`, so the cached JSON keeps the pure result's shape."""

    def resolve(root: Any):  # unannotated: the field's declared type is its GraphQL type
        return [from_result(item, {key: parse_key(k), value: v}) for k, v in getattr(root, source).items()]

    return strawberry.field(resolver=resolve, name=to_camel_case(source), **options)


@strawberry.interface(description="A computed result that states how much data it rests on.")
class Pattern:
    sufficient: bool = strawberry.field(description="False when there is too little data; the message says what is missing")
    based_on: int = strawberry.field(description="How many data points it rests on")
    message: str


@strawberry.type
class FormatAmount:
    format: LearningFormat
    value: float


@strawberry.type
class FormatPattern(Pattern):
    preferred: LearningFormat | None
    unit: str = strawberry.field(description="minutes or completed_goals")
    totals: strawberry.Private[dict[str, float]]
    rates: strawberry.Private[dict[str, float]]
    format_totals: list[FormatAmount] = _listed("totals", FormatAmount, "format", "value")
    format_rates: list[FormatAmount] = _listed(
        "rates", FormatAmount, "format", "value", description="Completion rate per dominant format (by completion only)"
    )


@strawberry.type
class CadencePattern(Pattern):
    cadence: Cadence | None
    active_days: int
    span_days: int
    active_days_per_week: float | None
    active_week_share: float | None


@strawberry.type
class WeekdayCount:
    weekday: str
    count: int


@strawberry.type
class RhythmPattern(Pattern):
    timezone: str
    weekdays: list[str] = strawberry.field(description="Usual active weekdays, lowercase English names")
    weekday_counts: strawberry.Private[dict[str, int]]
    weekday_count_list: list[WeekdayCount] = _listed("weekday_counts", WeekdayCount, "weekday", "count")
    time_of_day: str | None = strawberry.field(description="night, morning, afternoon or evening")
    time_of_day_share: float | None
    peak_hours: list[int]
    hour_counts: list[int] = strawberry.field(description="Entries per local hour, 24 buckets")


@strawberry.type
class GoalLengthPattern(Pattern):
    finish_up_to_weeks: int | None
    abandoned_over_weeks: int | None
    recommended_max_weeks: int | None
    clear_split: bool
    completed_weeks: list[int]
    abandoned_weeks: list[int]


@strawberry.type
class WeekCount:
    week: int
    goals: int


@strawberry.type
class AccelerationPattern(Pattern):
    week: int | None = strawberry.field(description="The week of a goal in which progress usually speeds up")
    goals_accelerating: int
    week_counts: strawberry.Private[dict[str, int]]
    week_count_list: list[WeekCount] = _listed("week_counts", WeekCount, "week", "goals", parse_key=int)


@strawberry.type
class Obstacle:
    category: str
    count: int
    from_notes: int
    from_steps: int


@strawberry.type
class ObstaclePattern(Pattern):
    obstacles: list[Obstacle]
    notes_scanned: int
    stalled_steps: int


@strawberry.type
class DifficultyRate:
    difficulty: GoalDifficulty
    completed: int
    abandoned: int
    rate: float | None


@strawberry.type
class DifficultySuccessPattern(Pattern):
    by_difficulty: list[DifficultyRate]


@strawberry.type
class FinishTimingPattern(Pattern):
    early: int
    considered: int
    finishes_early: bool


@strawberry.type(description="How the user learns, mined from goals and the progress log by the worker.")
class LearningPatterns(Mapped):
    computed_at: datetime
    timezone: str
    format_by_minutes: FormatPattern
    format_by_completion: FormatPattern
    cadence: CadencePattern
    rhythm: RhythmPattern
    goal_length: GoalLengthPattern
    acceleration: AccelerationPattern
    obstacles: ObstaclePattern
    success_by_difficulty: DifficultySuccessPattern
    finish_timing: FinishTimingPattern


@strawberry.type
class VelocityMetric(Pattern):
    name: str
    unit: str
    current: float | None
    previous: float | None = strawberry.field(description="The 12 months before, when the history reaches back")
    typical: float | None = strawberry.field(description="The ladder's typical pace for the current role")
    trend: str | None = strawberry.field(description="faster, slower or steady")


@strawberry.type(description="Milestones, role moves and skill growth per year vs the user's past and a typical ladder.")
class CareerVelocity:
    as_of: date
    window_days: int
    milestones: VelocityMetric
    role_moves: VelocityMetric
    skill_growth: VelocityMetric


@strawberry.type
class PredictionBasis:
    milestones: int
    snapshots: int
    peer_users: int = strawberry.field(description="Anonymised peers whose moves refined the timing (0 if none)")


@strawberry.type
class PredictedSkillGap:
    skill: str
    have: float
    need: float
    gap: float
    matched_by: str | None = strawberry.field(
        default=None, description="The rated skill that counted for this key skill (Python for programming)"
    )


@strawberry.type(description="The predicted next milestone, with a confidence and its reasons.")
class MilestonePrediction(Mapped):
    title: str
    kind: MilestoneKind
    expected_date: date
    confidence: float = strawberry.field(description="0 to 1")
    reasons: list[str]
    based_on: PredictionBasis
    target_role: str | None
    readiness: float | None = strawberry.field(description="0 to 1: how far the key skills of the target are met")
    skill_gaps: list[PredictedSkillGap]
    key_skills: list[PredictedSkillGap] = strawberry.field(
        default_factory=list, description="Every key skill of the target role, met ones included, with what counted"
    )
    current_role: str | None = strawberry.field(default=None, description="The current role as the person typed it")
    computed_at: datetime | None


# --------------------------------------------------------------------------- inputs and payloads


@strawberry.input
class JourneyUpdateInput:
    current_role: str | None = strawberry.UNSET
    current_company: str | None = strawberry.UNSET
    career_stage: CareerStage | None = strawberry.UNSET
    target_role: str | None = strawberry.UNSET
    role_started_on: date | None = strawberry.UNSET


@strawberry.type
class JourneyPayload:
    journey: CareerJourney | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class CareerContextUpdateInput:
    current_situation: str | None = strawberry.UNSET
    short_term_goals: str | None = strawberry.UNSET
    long_term_vision: str | None = strawberry.UNSET
    learning_preferences: list[LearningFormat] | None = strawberry.UNSET
    hours_per_week: float | None = strawberry.UNSET
    budget: float | None = strawberry.UNSET
    commitments: list[str] | None = strawberry.UNSET
    motivation_factors: list[str] | None = strawberry.UNSET
    stress_factors: list[str] | None = strawberry.UNSET
    stress_level: int | None = strawberry.UNSET
    last_assessed_on: date | None = strawberry.field(default=strawberry.UNSET, description="Defaults to today")


@strawberry.type
class CareerContextPayload:
    career_context: CareerContext | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class DecisionRecordInput:
    kind: DecisionKind
    choice: str
    context: str | None = ""
    decided_at: datetime | None = strawberry.field(default=None, description="Defaults to now")


@strawberry.input
class DecisionOutcomeRecordInput(NodeIdInput):
    outcome: str
    lessons: str | None = None
    satisfaction: int | None = strawberry.field(default=None, description="1 to 10")


@strawberry.type
class DecisionPayload:
    decision: Decision | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class MilestoneAddInput:
    kind: MilestoneKind
    title: str
    description: str | None = ""
    impact_score: int | None = None
    market_value_note: str | None = ""
    role: str | None = strawberry.field(default=None, description="For a promotion or new role: the role reached")
    achieved_on: date | None = strawberry.field(default=None, description="Defaults to today")


@strawberry.type
class MilestonePayload:
    milestone: Milestone | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class SkillLevelInput:
    skill: str
    proficiency: float = strawberry.field(description="0 to 1")
    market_demand: float | None = None
    gap: float | None = strawberry.field(default=None, description="Computed from the target role when omitted")


@strawberry.input
class SkillSnapshotTakeInput:
    skills: list[SkillLevelInput] | None = strawberry.field(
        default=None, description="Omit to take the draft: the last snapshot's levels plus the profile's skills"
    )
    taken_on: date | None = strawberry.field(default=None, description="Defaults to today; one snapshot per day")


@strawberry.input
class SkillSnapshotUpdateInput(NodeIdInput):
    skills: list[SkillLevelInput]


@strawberry.type
class SkillSnapshotPayload:
    skill_snapshot: SkillSnapshot | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
