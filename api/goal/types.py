"""GraphQL types of goals: goals, their steps, the progress log, streaks, suggestions and
adaptations, each built by field name from its row or pure result (`api.graphql.mapping`)."""

from __future__ import annotations

from asyncio import Future
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay

from api.goal.loaders import (
    GoalByIdLoader,
    GoalProgressEntryByIdLoader,
    GoalStepByIdLoader,
    RecentProgressByGoalIdLoader,
    StepsByGoalIdLoader,
    StreakByGoalIdLoader,
    viewer_timezone,
)
from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection, NodeIdInput
from api.graphql.selection import selects
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

    # Synchronous when the goals' page prefetched them (`prefetch_nested`: no coroutine per goal), else batched.
    @strawberry.field(description="The steps, in order.", graphql_type=list[GoalStep])
    def steps(self, info: strawberry.Info) -> Any:
        return _mapped(StepsByGoalIdLoader.of(info.context).load(self.id), lambda steps: [GoalStep.from_model(s) for s in steps])

    @strawberry.field(description="The newest progress entries (up to 20), newest first.", graphql_type=list[GoalProgressEntry])
    def recent_progress(self, info: strawberry.Info) -> Any:
        loaded = RecentProgressByGoalIdLoader.of(info.context).load(self.id)
        return _mapped(loaded, lambda entries: [GoalProgressEntry.from_model(e) for e in entries])

    @strawberry.field(description="Consecutive days with progress on this goal.", graphql_type=GoalStreak)
    def streak(self, info: strawberry.Info) -> Any:
        return _mapped(StreakByGoalIdLoader.of(info.context).load(self.id), GoalStreak.from_result)


def _mapped(loaded: Future[Any], build: Callable[[Any], Any]) -> Any:
    """`build` of a loader's value: at once when it is loaded, else once it is."""
    if loaded.done():
        return build(loaded.result())

    async def later() -> Any:
        return build(await loaded)

    return later()


async def prefetch_nested(info: strawberry.Info, goal_ids: list[int]) -> None:
    """Read the nested lists of these goals the query asks for (steps, recent progress, streaks),
    one statement each, so that each goal's fields complete without awaiting."""
    context = info.context
    if selects(info, "edges", "node", "steps"):
        await StepsByGoalIdLoader.of(context).prefetch_listed(goal_ids)
    if selects(info, "edges", "node", "recentProgress"):
        await RecentProgressByGoalIdLoader.of(context).prefetch_listed(goal_ids)
    if selects(info, "edges", "node", "streak"):
        await StreakByGoalIdLoader.of(context).prefetch(goal_ids, await viewer_timezone(context))


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
