"""Per-request loaders of the goal domain: one statement per batch, owner-filtered, so nested
lists (goals → steps, recent progress, streak) cost the same for 5 goals as for 100."""

from __future__ import annotations

from api.dates import local_today
from api.db import DriverRow
from api.goal import repository
from api.goal.streaks import Streak, streak
from api.graphql.context import Context
from api.graphql.loader import GroupedLoader, OwnedLoader, by_id_loader, grouped_loader
from api.models import Goal, GoalProgressEntry, GoalStep
from api.user.loaders import UserByIdLoader

GoalByIdLoader = by_id_loader(Goal)
GoalStepByIdLoader = by_id_loader(GoalStep)
GoalProgressEntryByIdLoader = by_id_loader(GoalProgressEntry)
StepsByGoalIdLoader: type[GroupedLoader[DriverRow]] = grouped_loader(None, "goal_id", listed=repository.steps_by_goal_ids)
RecentProgressByGoalIdLoader: type[GroupedLoader[DriverRow]] = grouped_loader(
    None, "goal_id", listed=repository.recent_entries_by_goal_ids
)


async def viewer_timezone(context: Context) -> str:
    """The caller's time zone, read through the request's user loader (one read per request)."""
    user = await UserByIdLoader.of(context).load(context.viewer_id)
    return user.timezone


class StreakByGoalIdLoader(OwnedLoader[int, Streak]):
    """Each goal's streak of consecutive local days (viewer's time zone) with progress."""

    def missing(self) -> Streak:
        return Streak(0, 0, None)

    async def load_many_from_db(self, keys: list[int]) -> dict[int, Streak]:
        return await self.read(keys, await viewer_timezone(self.context))

    async def read(self, keys: list[int], timezone: str) -> dict[int, Streak]:
        days = await repository.active_days_by_goal_ids(self.user_id, keys, timezone)
        today = local_today(timezone)
        return {goal_id: streak(active, today) for goal_id, active in days.items()}

    async def prefetch(self, keys: list[int], timezone: str) -> None:
        """Load `keys` now, ready for `Goal.streak`."""
        found = await self.read(keys, timezone)
        for key in keys:
            self.prime(key, found.get(key, self.missing()))
