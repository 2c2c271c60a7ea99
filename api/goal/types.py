from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Iterable

import strawberry
from strawberry import relay

from api.goal import suggestions
from api.goal.streaks import Streak
from api.graphql.errors import FieldError
from api.graphql.relay import Connection
from api.journey.types import Decision, GoalDifficulty, LearningFormat
from api.models import Goal as GoalModel
from api.models import GoalProgressEntry as GoalProgressEntryModel
from api.models import GoalStep as GoalStepModel


def _ids(node_ids: Iterable[str]) -> list[int]:
    return [int(i) if str(i).isdigit() else -1 for i in node_ids]


@strawberry.enum
class GoalStatus(Enum):
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


@strawberry.enum
class AdaptationKind(Enum):
    REDUCE_SCOPE = "reduce_scope"
    EXTEND_DATE = "extend_date"
    STRETCH = "stretch"
    KEEP = "keep"


@strawberry.type(description="Consecutive local days with logged progress.")
class GoalStreak:
    current: int = strawberry.field(description="Days in the run ending today (or yesterday, as today is not over)")
    longest: int
    last_active_on: date | None

    @classmethod
    def from_streak(cls, s: Streak) -> "GoalStreak":
        return cls(current=s.current, longest=s.longest, last_active_on=s.last_active_on)


@strawberry.type(name="GoalStep")
class GoalStep(relay.Node):
    id: relay.NodeID[int]
    goal_id: strawberry.Private[int]
    position: int
    title: str
    done: bool
    done_at: datetime | None

    @strawberry.field
    async def goal(self, info: strawberry.Info) -> "Goal":
        from api.goal.loaders import GoalByIdLoader

        return Goal.from_model(await GoalByIdLoader.of(info.context).load(self.goal_id))

    @classmethod
    def from_model(cls, m: GoalStepModel) -> "GoalStep":
        return cls(id=m.id, goal_id=m.goal_id, position=m.position, title=m.title, done=m.done, done_at=m.done_at)

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.goal.loaders import GoalStepByIdLoader

        rows = await GoalStepByIdLoader.of(info.context).load_many(_ids(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type(name="GoalProgressEntry", description="One entry of a goal's progress log.")
class GoalProgressEntry(relay.Node):
    id: relay.NodeID[int]
    goal_id: strawberry.Private[int]
    step_id: strawberry.Private[int | None]
    logged_at: datetime
    amount: int = strawberry.field(description="Progress points this entry added")
    minutes: int
    learning_format: LearningFormat | None
    note: str
    mood: int | None = strawberry.field(description="1 to 5")
    energy: int | None = strawberry.field(description="1 to 5")

    @strawberry.field
    async def goal(self, info: strawberry.Info) -> "Goal":
        from api.goal.loaders import GoalByIdLoader

        return Goal.from_model(await GoalByIdLoader.of(info.context).load(self.goal_id))

    @strawberry.field(description="The step this entry ticked, if any.")
    async def step(self, info: strawberry.Info) -> GoalStep | None:
        from api.goal.loaders import GoalStepByIdLoader

        if self.step_id is None:
            return None
        row = await GoalStepByIdLoader.of(info.context).load(self.step_id)
        return GoalStep.from_model(row) if row else None

    @classmethod
    def from_model(cls, m: GoalProgressEntryModel) -> "GoalProgressEntry":
        return cls(
            id=m.id, goal_id=m.goal_id, step_id=m.step_id, logged_at=m.logged_at, amount=m.amount, minutes=m.minutes,
            learning_format=LearningFormat(m.learning_format) if m.learning_format else None, note=m.note,
            mood=m.mood, energy=m.energy,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.goal.loaders import GoalProgressEntryByIdLoader

        rows = await GoalProgressEntryByIdLoader.of(info.context).load_many(_ids(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type(name="Goal")
class Goal(relay.Node):
    id: relay.NodeID[int]
    title: str
    why: str
    target_date: date | None
    status: GoalStatus
    difficulty: GoalDifficulty
    learning_format: LearningFormat | None
    progress: int = strawberry.field(description="0 to 100; from the steps when the goal has any")
    started_on: date
    completed_on: date | None
    abandoned_on: date | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="The steps, in order.")
    async def steps(self, info: strawberry.Info) -> list[GoalStep]:
        from api.goal.loaders import StepsByGoalIdLoader

        return [GoalStep.from_model(s) for s in await StepsByGoalIdLoader.of(info.context).load(self.id)]

    @strawberry.field(description="The newest progress entries (up to 20), newest first.")
    async def recent_progress(self, info: strawberry.Info) -> list[GoalProgressEntry]:
        from api.goal.loaders import RecentProgressByGoalIdLoader

        return [GoalProgressEntry.from_model(e) for e in await RecentProgressByGoalIdLoader.of(info.context).load(self.id)]

    @strawberry.field(description="Consecutive days with progress on this goal.")
    async def streak(self, info: strawberry.Info) -> GoalStreak:
        from api.goal.loaders import StreakByGoalIdLoader

        return GoalStreak.from_streak(await StreakByGoalIdLoader.of(info.context).load(self.id))

    @classmethod
    def from_model(cls, m: GoalModel) -> "Goal":
        return cls(
            id=m.id, title=m.title, why=m.why, target_date=m.target_date, status=GoalStatus(m.status),
            difficulty=GoalDifficulty(m.difficulty),
            learning_format=LearningFormat(m.learning_format) if m.learning_format else None,
            progress=m.progress, started_on=m.started_on, completed_on=m.completed_on, abandoned_on=m.abandoned_on,
            created_at=m.created_at, updated_at=m.updated_at,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.goal.loaders import GoalByIdLoader

        rows = await GoalByIdLoader.of(info.context).load_many(_ids(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type
class GoalConnection(Connection[Goal]):
    pass


@strawberry.type
class GoalProgressEntryConnection(Connection[GoalProgressEntry]):
    pass


@strawberry.input
class GoalFilter:
    statuses: list[GoalStatus] | None = None


@strawberry.type(description="A goal that fits the user's context and history; `why` says how, from their own data.")
class GoalSuggestion:
    title: str
    why: str
    difficulty: GoalDifficulty
    target_date: date
    steps: list[str]
    learning_format: LearningFormat
    skill: str | None
    weeks: int
    hours_per_week: float | None

    @classmethod
    def from_suggestion(cls, s: suggestions.GoalSuggestion) -> "GoalSuggestion":
        return cls(
            title=s.title, why=s.why, difficulty=GoalDifficulty(s.difficulty.value), target_date=s.target_date,
            steps=list(s.steps), learning_format=LearningFormat(s.learning_format.value), skill=s.skill,
            weeks=s.weeks, hours_per_week=s.hours_per_week,
        )


@strawberry.type(description="A suggested change to a goal; goalUpdate applies it.")
class GoalAdaptation:
    goal: Goal
    kind: AdaptationKind
    why: str
    signals: list[str] = strawberry.field(description="low_hours, high_stress, stalled, behind_schedule, finishes_early")
    suggested_target_date: date | None
    suggested_steps: list[str] = strawberry.field(description="The open steps to keep (pass as goalUpdate openSteps)")
    suggested_difficulty: GoalDifficulty
    based_on: int = strawberry.field(description="Progress entries of this goal it rests on")


# --------------------------------------------------------------------------- inputs and payloads


@strawberry.input
class GoalCreateInput:
    title: str
    why: str | None = ""
    target_date: date | None = None
    difficulty: GoalDifficulty | None = GoalDifficulty.MEDIUM
    learning_format: LearningFormat | None = None
    steps: list[str] | None = strawberry.field(default=None, description="Step titles, in order")


@strawberry.input
class GoalUpdateInput:
    id: relay.GlobalID
    title: str | None = strawberry.UNSET
    why: str | None = strawberry.UNSET
    target_date: date | None = strawberry.UNSET
    status: GoalStatus | None = strawberry.UNSET
    difficulty: GoalDifficulty | None = strawberry.UNSET
    learning_format: LearningFormat | None = strawberry.UNSET
    progress: int | None = strawberry.field(default=strawberry.UNSET, description="Only for goals without steps")
    open_steps: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the steps not done yet, in order; done steps stay"
    )


@strawberry.type
class GoalPayload:
    goal: Goal | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class GoalStepToggleInput:
    id: relay.GlobalID
    done: bool | None = strawberry.field(default=None, description="Omit to flip")


@strawberry.type
class GoalStepTogglePayload:
    step: GoalStep | None = None
    goal: Goal | None = None
    entry: GoalProgressEntry | None = strawberry.field(default=None, description="The log entry a tick wrote")
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class GoalProgressLogInput:
    goal_id: relay.GlobalID
    amount: int | None = strawberry.field(default=None, description="Points to add (goals without steps)")
    step_id: relay.GlobalID | None = strawberry.field(default=None, description="A step this session finished")
    minutes: int | None = None
    learning_format: LearningFormat | None = strawberry.field(default=None, description="Defaults to the goal's")
    note: str | None = None
    mood: int | None = strawberry.field(default=None, description="1 to 5")
    energy: int | None = strawberry.field(default=None, description="1 to 5")
    logged_at: datetime | None = strawberry.field(default=None, description="Defaults to now; never in the future")


@strawberry.type
class GoalProgressLogPayload:
    entry: GoalProgressEntry | None = None
    goal: Goal | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class GoalSuggestionsGenerateInput:
    limit: int = 3


@strawberry.type
class GoalSuggestionsPayload:
    suggestions: list[GoalSuggestion] = strawberry.field(default_factory=list)
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class GoalSuggestionAcceptInput:
    title: str
    why: str
    difficulty: GoalDifficulty
    target_date: date | None
    learning_format: LearningFormat | None = None
    steps: list[str] | None = None


@strawberry.type
class GoalSuggestionAcceptPayload:
    goal: Goal | None = None
    decision: Decision | None = strawberry.field(default=None, description="The goal_set decision it recorded")
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class GoalDifficultyAdaptInput:
    id: relay.GlobalID


@strawberry.type
class GoalDifficultyAdaptPayload:
    adaptation: GoalAdaptation | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
