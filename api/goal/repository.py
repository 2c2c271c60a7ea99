"""All SQL of the goal domain (goals, steps, progress log), always filtered by owner. Reads by id
(`owned`, `owned_by_ids`) and pages are the shared shapes of `api.db`."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Integer, String, any_, bindparam, delete, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import BindParameter

from api.db import OWNER, DriverPage, DriverRow, any_id, driver_rows, page, rows
from api.models import Goal, GoalProgressEntry, GoalStep

RECENT_PER_GOAL = 20


# The goals page and the lists each goal shows, read straight from the driver (`api.db.driver_rows`):
# statements built once, filtered by owner, each list for all the page's goals in one statement.
_GOAL_IDS = any_id("goal_ids")


@cache
def _goals(by_status: bool) -> DriverPage:
    conditions = [Goal.user_id == OWNER]
    if by_status:
        conditions.append(Goal.status == any_(bindparam("statuses", type_=ARRAY(String))))
    return DriverPage(select(*Goal.__table__.c).where(*conditions), Goal.created_at.desc(), Goal.id.desc())


async def goals_page(user_id: int, offset: int, limit: int, *, statuses: list[str] | None) -> tuple[list[DriverRow], int]:
    """A page of the person's goals, newest first, and how many there are (rows read as ORM rows are)."""
    return await _goals(bool(statuses)).read({"user_id": user_id, "statuses": statuses}, offset, limit)


# What the GraphQL types show of a step and of a progress entry: the columns lists of them read (20
# entries for each of 100 goals), no column nobody shows.
STEP_COLUMNS = (GoalStep.id, GoalStep.goal_id, GoalStep.position, GoalStep.title, GoalStep.done, GoalStep.done_at)
ENTRY_COLUMNS = (
    *(GoalProgressEntry.id, GoalProgressEntry.goal_id, GoalProgressEntry.step_id, GoalProgressEntry.logged_at),
    *(GoalProgressEntry.amount, GoalProgressEntry.minutes, GoalProgressEntry.learning_format, GoalProgressEntry.note),
    *(GoalProgressEntry.mood, GoalProgressEntry.energy),
)
_STEPS = (
    select(*STEP_COLUMNS)
    .where(GoalStep.user_id == OWNER, GoalStep.goal_id == _GOAL_IDS)
    .order_by(GoalStep.goal_id, GoalStep.position, GoalStep.id)
)


async def steps_by_goal_ids(user_id: int, goal_ids: list[int]) -> list[DriverRow]:
    """The steps of these goals, in order."""
    return await driver_rows(_STEPS, {"user_id": user_id, "goal_ids": goal_ids})


async def steps_of(session: AsyncSession, user_id: int, goal_id: int) -> list[GoalStep]:
    """One goal's steps to change, in order."""
    query = select(GoalStep).where(GoalStep.user_id == user_id, GoalStep.goal_id == goal_id)
    return await rows(session, query.order_by(GoalStep.position, GoalStep.id))


async def delete_steps(session: AsyncSession, user_id: int, step_ids: list[int]) -> None:
    if step_ids:
        await session.execute(delete(GoalStep).where(GoalStep.user_id == user_id, GoalStep.id.in_(step_ids)))


# --------------------------------------------------------------------------- progress log


async def entries_page(
    session: AsyncSession, user_id: int, offset: int, limit: int, *, goal_id: int | None
) -> tuple[list[GoalProgressEntry], int]:
    query = select(GoalProgressEntry).where(GoalProgressEntry.user_id == user_id)
    if goal_id is not None:
        query = query.where(GoalProgressEntry.goal_id == goal_id)
    return await page(session, query, offset, limit, GoalProgressEntry.logged_at.desc(), GoalProgressEntry.id.desc())


_RANKED = (
    select(
        GoalProgressEntry.id,
        func.row_number()
        .over(
            partition_by=GoalProgressEntry.goal_id,
            order_by=(GoalProgressEntry.logged_at.desc(), GoalProgressEntry.id.desc()),
        )
        .label("rank"),
    )
    .where(GoalProgressEntry.user_id == OWNER, GoalProgressEntry.goal_id == _GOAL_IDS)
    .subquery()
)
_RECENT = (
    select(*ENTRY_COLUMNS)
    .join(_RANKED, _RANKED.c.id == GoalProgressEntry.id)
    .where(_RANKED.c.rank <= bindparam("per_goal", type_=Integer))
    .order_by(GoalProgressEntry.goal_id, GoalProgressEntry.logged_at.desc(), GoalProgressEntry.id.desc())
)


async def recent_entries_by_goal_ids(user_id: int, goal_ids: list[int], per_goal: int = RECENT_PER_GOAL) -> list[DriverRow]:
    """The newest `per_goal` entries of each goal, in one statement (newest first per goal)."""
    return await driver_rows(_RECENT, {"user_id": user_id, "goal_ids": goal_ids, "per_goal": per_goal})


def _days(timezone: str | BindParameter[str]) -> Any:
    """The local days (an array, each once) of the entries a query groups."""
    return func.array_agg(func.date(func.timezone(timezone, GoalProgressEntry.logged_at)).distinct())


_DAYS = (
    select(GoalProgressEntry.goal_id, _days(bindparam("timezone", type_=String)).label("days"))
    .where(GoalProgressEntry.user_id == OWNER, GoalProgressEntry.goal_id == _GOAL_IDS)
    .group_by(GoalProgressEntry.goal_id)
)


async def active_days_by_goal_ids(user_id: int, goal_ids: list[int], timezone: str) -> dict[int, list[date]]:
    """Each goal's local days with at least one entry (one row per goal: its days as an array)."""
    found = await driver_rows(_DAYS, {"user_id": user_id, "goal_ids": goal_ids, "timezone": timezone})
    return {row.goal_id: row.days for row in found}


async def active_days(session: AsyncSession, user_id: int, timezone: str) -> list[date]:
    """Local days with at least one entry of any goal."""
    query = select(_days(timezone)).where(GoalProgressEntry.user_id == user_id)
    return (await session.execute(query)).scalar_one() or []
