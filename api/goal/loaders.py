"""Per-request loaders of the goal domain: one statement per batch, owner-filtered, so nested
lists (goals → steps, recent progress, streak) cost the same for 5 goals as for 100."""

from __future__ import annotations

from datetime import date

from api.dates import local_today
from api.db import read_session
from api.goal import repository
from api.goal.streaks import Streak, streak
from api.graphql.context import Context
from api.graphql.loader import OwnedLoader, group
from api.journey.loaders import RowsByIdLoader
from api.models import Goal, GoalProgressEntry, GoalStep
from api.user.loaders import UserByIdLoader


class GoalByIdLoader(RowsByIdLoader[Goal]):
    model = Goal


class GoalStepByIdLoader(RowsByIdLoader[GoalStep]):
    model = GoalStep


class GoalProgressEntryByIdLoader(RowsByIdLoader[GoalProgressEntry]):
    model = GoalProgressEntry


class StepsByGoalIdLoader(OwnedLoader[int, list[GoalStep]]):
    def missing(self) -> list[GoalStep]:
        return []

    async def load_many_from_db(self, keys: list[int]) -> dict[int, list[GoalStep]]:
        async with read_session() as session:
            return group(await repository.steps_by_goal_ids(session, self.user_id, keys), "goal_id")


class RecentProgressByGoalIdLoader(OwnedLoader[int, list[GoalProgressEntry]]):
    def missing(self) -> list[GoalProgressEntry]:
        return []

    async def load_many_from_db(self, keys: list[int]) -> dict[int, list[GoalProgressEntry]]:
        async with read_session() as session:
            return group(await repository.recent_entries_by_goal_ids(session, self.user_id, keys), "goal_id")


async def viewer_timezone(context: Context) -> str:
    """The caller's time zone, read through the request's user loader (one read per request)."""
    user = await UserByIdLoader.of(context).load(context.viewer_id)
    return user.timezone


class StreakByGoalIdLoader(OwnedLoader[int, Streak]):
    """Each goal's streak of consecutive local days (viewer's time zone) with progress."""

    def missing(self) -> Streak:
        return Streak(0, 0, None)

    async def load_many_from_db(self, keys: list[int]) -> dict[int, Streak]:
        timezone = await viewer_timezone(self.context)
        async with read_session() as session:
            rows = await repository.active_days_by_goal_ids(session, self.user_id, keys, timezone)
        days: dict[int, list[date]] = {}
        for goal_id, day in rows:
            days.setdefault(goal_id, []).append(day)
        today = local_today(timezone)
        return {goal_id: streak(active, today) for goal_id, active in days.items()}
