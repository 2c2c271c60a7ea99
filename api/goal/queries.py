"""Goal fields of the viewer (`viewer.goals`, `viewer.goalProgressEntries`, `viewer.progressStreak`)."""

from __future__ import annotations

from functools import partial

import strawberry
from strawberry import relay

from api.dates import local_today
from api.db import DriverRow, read_session
from api.errors import NotFound
from api.goal import repository
from api.goal.loaders import viewer_timezone
from api.goal.streaks import streak
from api.goal.types import (
    Goal,
    GoalConnection,
    GoalFilter,
    GoalProgressEntry,
    GoalProgressEntryConnection,
    GoalStreak,
    prefetch_nested,
)
from api.graphql.context import Context
from api.graphql.relay import decode_id, listed_connection, viewer_connection


@strawberry.type
class GoalViewerFields:
    @strawberry.field(description="Goals, newest first. `first` is capped at 100.")
    async def goals(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None, filter: GoalFilter | None = None
    ) -> GoalConnection:
        statuses = [s.value for s in filter.statuses] if filter and filter.statuses else None

        async def read(user_id: int, offset: int, limit: int) -> tuple[list[DriverRow], int]:
            goals, total = await repository.goals_page(user_id, offset, limit, statuses=statuses)
            if goals:
                await prefetch_nested(info, [goal.id for goal in goals])
            return goals, total

        return await listed_connection(info, first, after, GoalConnection, Goal, read)

    @strawberry.field(description="The progress log, newest first, of all goals or one. `first` is capped at 100.")
    async def goal_progress_entries(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        goal_id: relay.GlobalID | None = None,
    ) -> GoalProgressEntryConnection:
        goal = None
        if goal_id is not None:
            try:
                goal = decode_id(goal_id, "Goal")
            except NotFound:
                goal = -1  # another type's id: nothing matches
        read = partial(repository.entries_page, goal_id=goal)
        return await viewer_connection(info, first, after, GoalProgressEntryConnection, GoalProgressEntry, read)

    @strawberry.field(description="Consecutive days with progress on any goal.")
    async def progress_streak(self, info: strawberry.Info) -> GoalStreak:
        context: Context = info.context
        timezone = await viewer_timezone(context)
        async with read_session() as session:
            days = await repository.active_days(session, context.viewer_id, timezone)
        return GoalStreak.from_result(streak(days, local_today(timezone)))
