"""Goal fields of the viewer (`viewer.goals`, `viewer.goalProgressEntries`, `viewer.progressStreak`)."""

from __future__ import annotations

import strawberry
from strawberry import relay

from api.db import read_session
from api.goal import repository
from api.goal.streaks import streak
from api.goal.types import (
    Goal,
    GoalConnection,
    GoalFilter,
    GoalProgressEntry,
    GoalProgressEntryConnection,
    GoalStreak,
)
from api.graphql.context import Context
from api.graphql.relay import decode_id, page
from api.journey.history import local_today
from api.models import User


@strawberry.type
class GoalViewerFields:
    @strawberry.field(description="Goals, newest first. `first` is capped at 100.")
    async def goals(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None, filter: GoalFilter | None = None
    ) -> GoalConnection:
        context: Context = info.context
        user_id = context.require_user()
        window = page(first, after, context.settings.max_page_size)
        statuses = [s.value for s in filter.statuses] if filter and filter.statuses else None
        async with read_session() as session:
            rows, total = await repository.goals_page(session, user_id, statuses, window.offset, window.limit)
        return GoalConnection.build([Goal.from_model(r) for r in rows], window, total)

    @strawberry.field(description="The progress log, newest first, of all goals or one. `first` is capped at 100.")
    async def goal_progress_entries(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        goal_id: relay.GlobalID | None = None,
    ) -> GoalProgressEntryConnection:
        context: Context = info.context
        user_id = context.require_user()
        window = page(first, after, context.settings.max_page_size)
        goal = None
        if goal_id is not None:
            try:
                goal = decode_id(goal_id, "Goal", "goalId")
            except Exception:
                goal = -1  # another type's id: nothing matches
        async with read_session() as session:
            rows, total = await repository.entries_page(session, user_id, goal, window.offset, window.limit)
        return GoalProgressEntryConnection.build([GoalProgressEntry.from_model(r) for r in rows], window, total)

    @strawberry.field(description="Consecutive days with progress on any goal.")
    async def progress_streak(self, info: strawberry.Info) -> GoalStreak:
        user_id = info.context.require_user()
        async with read_session() as session:
            timezone = (await session.get(User, user_id)).timezone  # type: ignore[union-attr]
            days = await repository.active_days(session, user_id, timezone)
        return GoalStreak.from_streak(streak(days, local_today(timezone)))
