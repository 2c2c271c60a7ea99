"""GraphQL types of goals: goals, their steps, the progress log, streaks, suggestions and
adaptations, each built by field name from its row or pure result (`api.graphql.mapping`)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry import relay

from api.goal.loaders import (
    GoalByIdLoader,
    GoalProgressEntryByIdLoader,
    GoalStepByIdLoader,
    RecentProgressByGoalIdLoader,
    StepsByGoalIdLoader,
    StreakByGoalIdLoader,
)
from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection, NodeIdInput
from api.journey.types import Decision
from api.vocabulary import AdaptationKind, GoalDifficulty, GoalStatus, LearningFormat

expose(GoalStatus, AdaptationKind, GoalDifficulty, LearningFormat)


@strawberry.type(description="Consecutive local days with logged progress.")
class GoalStreak(Mapped):
    current: int = strawberry.field(description="Days in the run ending today (or yesterday, as today is not over)")
    longest: int
    last_active_on: date | None


@strawberry.type(name="GoalStep")
class GoalStep(OwnedNode, loader=GoalStepByIdLoader):
    goal_id: strawberry.Private[int]
    position: int
    title: str
    done: bool
    done_at: datetime | None

    @strawberry.field
    async def goal(self, info: strawberry.Info) -> Goal:
        return Goal.from_model(await GoalByIdLoader.of(info.context).load(self.goal_id))


@strawberry.type(name="GoalProgressEntry", description="One entry of a goal's progress log.")
class GoalProgressEntry(OwnedNode, loader=GoalProgressEntryByIdLoader):
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
    async def goal(self, info: strawberry.Info) -> Goal:
        return Goal.from_model(await GoalByIdLoader.of(info.context).load(self.goal_id))

    @strawberry.field(description="The step this entry ticked, if any.")
    async def step(self, info: strawberry.Info) -> GoalStep | None:
        if self.step_id is None:
            return None
        row = await GoalStepByIdLoader.of(info.context).load(self.step_id)
        return GoalStep.from_model(row) if row else None


@strawberry.type(name="Goal")
class Goal(OwnedNode, loader=GoalByIdLoader):
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
        return [GoalStep.from_model(s) for s in await StepsByGoalIdLoader.of(info.context).load(self.id)]

    @strawberry.field(description="The newest progress entries (up to 20), newest first.")
    async def recent_progress(self, info: strawberry.Info) -> list[GoalProgressEntry]:
        return [GoalProgressEntry.from_model(e) for e in await RecentProgressByGoalIdLoader.of(info.context).load(self.id)]

    @strawberry.field(description="Consecutive days with progress on this goal.")
    async def streak(self, info: strawberry.Info) -> GoalStreak:
        return GoalStreak.from_result(await StreakByGoalIdLoader.of(info.context).load(self.id))


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
class GoalSuggestion(Mapped):
    title: str
    why: str
    difficulty: GoalDifficulty
    target_date: date
    steps: list[str]
    learning_format: LearningFormat
    skill: str | None
    weeks: int
    hours_per_week: float | None


@strawberry.type(description="A suggested change to a goal; goalUpdate applies it.")
class GoalAdaptation(Mapped):
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
class GoalUpdateInput(NodeIdInput):
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
class GoalStepToggleInput(NodeIdInput):
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
class GoalDifficultyAdaptInput(NodeIdInput):
    pass


@strawberry.type
class GoalDifficultyAdaptPayload:
    adaptation: GoalAdaptation | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
