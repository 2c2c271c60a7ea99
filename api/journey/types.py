from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Iterable

import strawberry
from strawberry import relay

from api.graphql.errors import FieldError
from api.graphql.relay import Connection
from api.journey.service import is_overdue
from api.models import CareerContext as CareerContextModel
from api.models import CareerJourney as CareerJourneyModel
from api.models import Decision as DecisionModel
from api.models import Milestone as MilestoneModel
from api.models import SkillSnapshot as SkillSnapshotModel

if TYPE_CHECKING:
    from api.goal.types import Goal


def _ids(node_ids: Iterable[str]) -> list[int]:
    return [int(i) if str(i).isdigit() else -1 for i in node_ids]


def aware(moment: datetime | None) -> datetime | None:
    """A datetime from input; one without a zone is taken as UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


# --------------------------------------------------------------------------- enums


@strawberry.enum
class CareerStage(Enum):
    ENTRY = "entry"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"
    EXECUTIVE = "executive"


@strawberry.enum
class DecisionKind(Enum):
    GOAL_SET = "goal_set"
    GOAL_PIVOT = "goal_pivot"
    ROLE_CHANGE = "role_change"
    SKILL_FOCUS = "skill_focus"
    JOB_OFFER = "job_offer"
    OTHER = "other"


@strawberry.enum
class MilestoneKind(Enum):
    PROMOTION = "promotion"
    CERTIFICATION = "certification"
    SKILL_MASTERY = "skill_mastery"
    PROJECT_COMPLETION = "project_completion"
    NEW_ROLE = "new_role"
    OTHER = "other"


@strawberry.enum
class LearningFormat(Enum):
    VIDEO = "video"
    READING = "reading"
    HANDS_ON = "hands_on"
    COURSES = "courses"
    MENTORING = "mentoring"


@strawberry.enum
class GoalDifficulty(Enum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    STRETCH = "stretch"


@strawberry.enum
class Cadence(Enum):
    DAILY = "daily"
    FEW_TIMES_A_WEEK = "few_times_a_week"
    WEEKLY = "weekly"
    IRREGULAR = "irregular"


def _fmt(value: str | None) -> LearningFormat | None:
    return LearningFormat(value) if value else None


# --------------------------------------------------------------------------- nodes


@strawberry.type(name="CareerJourney", description="Where the user is and heads; one per user.")
class CareerJourney(relay.Node):
    id: relay.NodeID[int]
    current_role: str
    current_company: str
    career_stage: CareerStage
    target_role: str | None
    role_started_on: date | None
    computed_at: datetime | None = strawberry.field(description="When the worker last refreshed the analytics")
    velocity: "CareerVelocity | None" = strawberry.field(description="Cached; null until the worker computed it")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, m: CareerJourneyModel) -> "CareerJourney":
        return cls(
            id=m.id, current_role=m.current_role, current_company=m.current_company,
            career_stage=CareerStage(m.career_stage), target_role=m.target_role, role_started_on=m.role_started_on,
            computed_at=m.computed_at, velocity=CareerVelocity.from_dict(m.velocity) if m.velocity else None,
            created_at=m.created_at, updated_at=m.updated_at,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.journey.loaders import CareerJourneyByIdLoader

        rows = await CareerJourneyByIdLoader.of(info.context).load_many(_ids(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type(name="CareerContext", description="The situation goals are suggested and adapted against.")
class CareerContext(relay.Node):
    id: relay.NodeID[int]
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

    @classmethod
    def from_model(cls, m: CareerContextModel) -> "CareerContext":
        return cls(
            id=m.id, current_situation=m.current_situation, short_term_goals=m.short_term_goals,
            long_term_vision=m.long_term_vision, learning_preferences=[LearningFormat(f) for f in m.learning_preferences],
            hours_per_week=m.hours_per_week, budget=m.budget, commitments=list(m.commitments),
            motivation_factors=list(m.motivation_factors), stress_factors=list(m.stress_factors),
            stress_level=m.stress_level, last_assessed_on=m.last_assessed_on, updated_at=m.updated_at,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.journey.loaders import CareerContextByIdLoader

        rows = await CareerContextByIdLoader.of(info.context).load_many(_ids(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type(name="Decision", description="A career decision; its outcome is recorded later.")
class Decision(relay.Node):
    id: relay.NodeID[int]
    goal_id: strawberry.Private[int | None]
    kind: DecisionKind
    context: str
    choice: str
    decided_at: datetime
    outcome: str | None
    lessons: str | None
    satisfaction: int | None = strawberry.field(description="1 to 10, with the outcome")
    outcome_at: datetime | None
    is_open: bool = strawberry.field(description="No outcome recorded yet")
    is_overdue: bool = strawberry.field(description="Still open more than 30 days after the decision")

    @strawberry.field(description="The goal this decision set, if any.")
    async def goal(self, info: strawberry.Info) -> Annotated["Goal", strawberry.lazy("api.goal.types")] | None:
        from api.goal.loaders import GoalByIdLoader
        from api.goal.types import Goal

        if self.goal_id is None:
            return None
        row = await GoalByIdLoader.of(info.context).load(self.goal_id)
        return Goal.from_model(row) if row else None

    @classmethod
    def from_model(cls, m: DecisionModel) -> "Decision":
        return cls(
            id=m.id, goal_id=m.goal_id, kind=DecisionKind(m.kind), context=m.context, choice=m.choice,
            decided_at=m.decided_at, outcome=m.outcome, lessons=m.lessons, satisfaction=m.satisfaction,
            outcome_at=m.outcome_at, is_open=m.outcome is None, is_overdue=is_overdue(m),
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.journey.loaders import DecisionByIdLoader

        rows = await DecisionByIdLoader.of(info.context).load_many(_ids(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type(name="Milestone")
class Milestone(relay.Node):
    id: relay.NodeID[int]
    kind: MilestoneKind
    title: str
    description: str
    impact_score: int | None = strawberry.field(description="1 to 10")
    market_value_note: str
    role: str | None = strawberry.field(description="The role reached, for promotions and new roles")
    achieved_on: date
    created_at: datetime

    @classmethod
    def from_model(cls, m: MilestoneModel) -> "Milestone":
        return cls(
            id=m.id, kind=MilestoneKind(m.kind), title=m.title, description=m.description,
            impact_score=m.impact_score, market_value_note=m.market_value_note, role=m.role,
            achieved_on=m.achieved_on, created_at=m.created_at,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.journey.loaders import MilestoneByIdLoader

        rows = await MilestoneByIdLoader.of(info.context).load_many(_ids(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type(description="A skill's demand in this instance's job postings when the snapshot was taken.")
class SkillMarketDemand:
    share: float | None = strawberry.field(description="Fraction (0 to 1) of the window's postings mentioning the skill; null when too few postings")
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

    @classmethod
    def from_note(cls, d: dict[str, Any]) -> "SkillMarketDemand":
        return cls(
            share=d.get("share"), trend_percent=d.get("trend_percent"), trend=d.get("trend"), mentions=d.get("mentions"),
            postings=d.get("postings", 0), window_days=d.get("window_days", 0), as_of=datetime.fromisoformat(d["as_of"]),
            sufficient=bool(d.get("sufficient")), low_confidence=bool(d.get("low_confidence")),
            sentence=d.get("sentence"), message=d.get("message"),
        )


@strawberry.type
class SnapshotSkill:
    skill: str
    proficiency: float = strawberry.field(description="0 to 1")
    market_demand: float | None = strawberry.field(
        description="0 to 1, when known: the value given, or the share of the instance's postings mentioning the skill"
    )
    market_demand_note: SkillMarketDemand | None = strawberry.field(
        default=None, description="How market demand was computed from the instance's postings; null when it was given"
    )
    gap: float | None = strawberry.field(description="Below the target role's expected level, when known")

    @classmethod
    def from_note(cls, skill: str, proficiency: float, note: dict[str, Any]) -> "SnapshotSkill":
        demand = note.get("market_demand")
        computed = demand if isinstance(demand, dict) else None
        return cls(
            skill=skill, proficiency=proficiency,
            market_demand=computed.get("share") if computed is not None else demand,
            market_demand_note=SkillMarketDemand.from_note(computed) if computed is not None else None,
            gap=note.get("gap"),
        )


@strawberry.type(name="SkillSnapshot", description="Proficiency per skill on one day.")
class SkillSnapshot(relay.Node):
    id: relay.NodeID[int]
    taken_on: date
    skills: list[SnapshotSkill]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, m: SkillSnapshotModel) -> "SkillSnapshot":
        notes = m.notes or {}
        skills = [
            SnapshotSkill.from_note(name, float(level), notes.get(name) or {})
            for name, level in sorted(m.skills.items(), key=lambda kv: kv[0].casefold())
        ]
        return cls(id=m.id, taken_on=m.taken_on, skills=skills, created_at=m.created_at, updated_at=m.updated_at)

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.journey.loaders import SkillSnapshotByIdLoader

        rows = await SkillSnapshotByIdLoader.of(info.context).load_many(_ids(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type(description="A skill as a new snapshot starts: last snapshot's level, or mid-scale for a profile skill.")
class SkillDraft:
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


@strawberry.interface(description="A computed result that states how much data it rests on.")
class Pattern:
    sufficient: bool = strawberry.field(description="False when there is too little data; the message says what is missing")
    based_on: int = strawberry.field(description="How many data points it rests on")
    message: str


def _basis(d: dict[str, Any]) -> dict[str, Any]:
    return {"sufficient": d["sufficient"], "based_on": d["based_on"], "message": d["message"]}


@strawberry.type
class FormatAmount:
    format: LearningFormat
    value: float


def _amounts(values: dict[str, float]) -> list[FormatAmount]:
    return [FormatAmount(format=LearningFormat(k), value=float(v)) for k, v in values.items()]


@strawberry.type
class FormatPattern(Pattern):
    preferred: LearningFormat | None
    unit: str = strawberry.field(description="minutes or completed_goals")
    totals: list[FormatAmount]
    rates: list[FormatAmount] = strawberry.field(description="Completion rate per dominant format (by completion only)")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "FormatPattern":
        return cls(preferred=_fmt(d["preferred"]), unit=d["unit"], totals=_amounts(d["totals"]), rates=_amounts(d["rates"]), **_basis(d))


@strawberry.type
class CadencePattern(Pattern):
    cadence: Cadence | None
    active_days: int
    span_days: int
    active_days_per_week: float | None
    active_week_share: float | None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "CadencePattern":
        return cls(
            cadence=Cadence(d["cadence"]) if d["cadence"] else None, active_days=d["active_days"], span_days=d["span_days"],
            active_days_per_week=d["active_days_per_week"], active_week_share=d["active_week_share"], **_basis(d),
        )


@strawberry.type
class WeekdayCount:
    weekday: str
    count: int


@strawberry.type
class RhythmPattern(Pattern):
    timezone: str
    weekdays: list[str] = strawberry.field(description="Usual active weekdays, lowercase English names")
    weekday_counts: list[WeekdayCount]
    time_of_day: str | None = strawberry.field(description="night, morning, afternoon or evening")
    time_of_day_share: float | None
    peak_hours: list[int]
    hour_counts: list[int] = strawberry.field(description="Entries per local hour, 24 buckets")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "RhythmPattern":
        return cls(
            timezone=d["timezone"], weekdays=list(d["weekdays"]),
            weekday_counts=[WeekdayCount(weekday=k, count=v) for k, v in d["weekday_counts"].items()],
            time_of_day=d["time_of_day"], time_of_day_share=d["time_of_day_share"], peak_hours=list(d["peak_hours"]),
            hour_counts=list(d["hour_counts"]), **_basis(d),
        )


@strawberry.type
class GoalLengthPattern(Pattern):
    finish_up_to_weeks: int | None
    abandoned_over_weeks: int | None
    recommended_max_weeks: int | None
    clear_split: bool
    completed_weeks: list[int]
    abandoned_weeks: list[int]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "GoalLengthPattern":
        return cls(
            finish_up_to_weeks=d["finish_up_to_weeks"], abandoned_over_weeks=d["abandoned_over_weeks"],
            recommended_max_weeks=d["recommended_max_weeks"], clear_split=d["clear_split"],
            completed_weeks=list(d["completed_weeks"]), abandoned_weeks=list(d["abandoned_weeks"]), **_basis(d),
        )


@strawberry.type
class WeekCount:
    week: int
    goals: int


@strawberry.type
class AccelerationPattern(Pattern):
    week: int | None = strawberry.field(description="The week of a goal in which progress usually speeds up")
    goals_accelerating: int
    week_counts: list[WeekCount]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "AccelerationPattern":
        return cls(
            week=d["week"], goals_accelerating=d["goals_accelerating"],
            week_counts=[WeekCount(week=int(k), goals=v) for k, v in d["week_counts"].items()], **_basis(d),
        )


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

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ObstaclePattern":
        return cls(
            obstacles=[Obstacle(category=o["category"], count=o["count"], from_notes=o["from_notes"], from_steps=o["from_steps"]) for o in d["obstacles"]],
            notes_scanned=d["notes_scanned"], stalled_steps=d["stalled_steps"], **_basis(d),
        )


@strawberry.type
class DifficultyRate:
    difficulty: GoalDifficulty
    completed: int
    abandoned: int
    rate: float | None


@strawberry.type
class DifficultySuccessPattern(Pattern):
    by_difficulty: list[DifficultyRate]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "DifficultySuccessPattern":
        rows = [DifficultyRate(difficulty=GoalDifficulty(r["difficulty"]), completed=r["completed"], abandoned=r["abandoned"], rate=r["rate"]) for r in d["by_difficulty"]]
        return cls(by_difficulty=rows, **_basis(d))


@strawberry.type
class FinishTimingPattern(Pattern):
    early: int
    considered: int
    finishes_early: bool

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "FinishTimingPattern":
        return cls(early=d["early"], considered=d["considered"], finishes_early=d["finishes_early"], **_basis(d))


@strawberry.type(description="How the user learns, mined from goals and the progress log by the worker.")
class LearningPatterns:
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

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "LearningPatterns":
        return cls(
            computed_at=datetime.fromisoformat(d["computed_at"]), timezone=d["timezone"],
            format_by_minutes=FormatPattern.from_dict(d["format_by_minutes"]),
            format_by_completion=FormatPattern.from_dict(d["format_by_completion"]),
            cadence=CadencePattern.from_dict(d["cadence"]), rhythm=RhythmPattern.from_dict(d["rhythm"]),
            goal_length=GoalLengthPattern.from_dict(d["goal_length"]),
            acceleration=AccelerationPattern.from_dict(d["acceleration"]),
            obstacles=ObstaclePattern.from_dict(d["obstacles"]),
            success_by_difficulty=DifficultySuccessPattern.from_dict(d["success_by_difficulty"]),
            finish_timing=FinishTimingPattern.from_dict(d["finish_timing"]),
        )


@strawberry.type
class VelocityMetric(Pattern):
    name: str
    unit: str
    current: float | None
    previous: float | None = strawberry.field(description="The 12 months before, when the history reaches back")
    typical: float | None = strawberry.field(description="The ladder's typical pace for the current role")
    trend: str | None = strawberry.field(description="faster, slower or steady")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "VelocityMetric":
        return cls(name=d["name"], unit=d["unit"], current=d["current"], previous=d["previous"], typical=d["typical"], trend=d["trend"], **_basis(d))


@strawberry.type(description="Milestones, role moves and skill growth per year vs the user's past and a typical ladder.")
class CareerVelocity:
    as_of: date
    window_days: int
    milestones: VelocityMetric
    role_moves: VelocityMetric
    skill_growth: VelocityMetric

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "CareerVelocity":
        return cls(
            as_of=date.fromisoformat(d["as_of"]), window_days=d["window_days"],
            milestones=VelocityMetric.from_dict(d["milestones"]), role_moves=VelocityMetric.from_dict(d["role_moves"]),
            skill_growth=VelocityMetric.from_dict(d["skill_growth"]),
        )


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


@strawberry.type(description="The predicted next milestone, with a confidence and its reasons.")
class MilestonePrediction:
    title: str
    kind: MilestoneKind
    expected_date: date
    confidence: float = strawberry.field(description="0 to 1")
    reasons: list[str]
    based_on: PredictionBasis
    target_role: str | None
    readiness: float | None = strawberry.field(description="0 to 1: how far the key skills of the target are met")
    skill_gaps: list[PredictedSkillGap]
    computed_at: datetime | None

    @classmethod
    def from_dict(cls, d: dict[str, Any], computed_at: datetime | None) -> "MilestonePrediction":
        basis = d["based_on"]
        return cls(
            title=d["title"], kind=MilestoneKind(d["kind"]), expected_date=date.fromisoformat(d["expected_date"]),
            confidence=d["confidence"], reasons=list(d["reasons"]),
            based_on=PredictionBasis(milestones=basis["milestones"], snapshots=basis["snapshots"], peer_users=basis["peer_users"]),
            target_role=d["target_role"], readiness=d["readiness"],
            skill_gaps=[PredictedSkillGap(skill=g["skill"], have=g["have"], need=g["need"], gap=g["gap"]) for g in d["skill_gaps"]],
            computed_at=computed_at,
        )


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
class DecisionOutcomeRecordInput:
    id: relay.GlobalID
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
class SkillSnapshotUpdateInput:
    id: relay.GlobalID
    skills: list[SkillLevelInput]


@strawberry.type
class SkillSnapshotPayload:
    skill_snapshot: SkillSnapshot | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
