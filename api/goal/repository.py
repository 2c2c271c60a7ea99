"""All SQL of the goal domain (goals, steps, progress log), always filtered by owner. Reads by id
(`owned`, `owned_by_ids`) and pages are the shared shapes of `api.db`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import page, rows
from api.models import Goal, GoalProgressEntry, GoalStep

RECENT_PER_GOAL = 20


async def goals_page(
    session: AsyncSession, user_id: int, offset: int, limit: int, *, statuses: list[str] | None
) -> tuple[list[Goal], int]:
    query = select(Goal).where(Goal.user_id == user_id)
    if statuses:
        query = query.where(Goal.status.in_(statuses))
    return await page(session, query, offset, limit, Goal.created_at.desc(), Goal.id.desc())


async def steps_by_goal_ids(session: AsyncSession, user_id: int, goal_ids: list[int]) -> list[GoalStep]:
    query = (
        select(GoalStep)
        .where(GoalStep.user_id == user_id, GoalStep.goal_id.in_(goal_ids))
        .order_by(GoalStep.goal_id, GoalStep.position, GoalStep.id)
    )
    return await rows(session, query)


async def steps_of(session: AsyncSession, user_id: int, goal_id: int) -> list[GoalStep]:
    return await steps_by_goal_ids(session, user_id, [goal_id])


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


async def recent_entries_by_goal_ids(
    session: AsyncSession, user_id: int, goal_ids: list[int], per_goal: int = RECENT_PER_GOAL
) -> list[GoalProgressEntry]:
    """The newest `per_goal` entries of each goal, in one statement (newest first per goal)."""
    ranked = (
        select(
            GoalProgressEntry.id,
            func.row_number()
            .over(
                partition_by=GoalProgressEntry.goal_id,
                order_by=(GoalProgressEntry.logged_at.desc(), GoalProgressEntry.id.desc()),
            )
            .label("rank"),
        )
        .where(GoalProgressEntry.user_id == user_id, GoalProgressEntry.goal_id.in_(goal_ids))
        .subquery()
    )
    query = (
        select(GoalProgressEntry)
        .join(ranked, ranked.c.id == GoalProgressEntry.id)
        .where(ranked.c.rank <= per_goal)
        .order_by(GoalProgressEntry.goal_id, GoalProgressEntry.logged_at.desc(), GoalProgressEntry.id.desc())
    )
    return await rows(session, query)


async def active_days_by_goal_ids(
    session: AsyncSession, user_id: int, goal_ids: list[int], timezone: str
) -> list[tuple[int, date]]:
    """(goal id, local day) pairs with at least one entry, newest day first per goal."""
    day = func.date(func.timezone(timezone, GoalProgressEntry.logged_at))
    query = (
        select(GoalProgressEntry.goal_id, day.label("day"))
        .where(GoalProgressEntry.user_id == user_id, GoalProgressEntry.goal_id.in_(goal_ids))
        .group_by(GoalProgressEntry.goal_id, day)
        .order_by(GoalProgressEntry.goal_id, day.desc())
    )
    return [(r.goal_id, r.day) for r in await session.execute(query)]


async def active_days(session: AsyncSession, user_id: int, timezone: str) -> list[date]:
    """Local days with at least one entry of any goal, newest first."""
    day = func.date(func.timezone(timezone, GoalProgressEntry.logged_at))
    query = select(day.label("day")).where(GoalProgressEntry.user_id == user_id).group_by(day).order_by(day.desc())
    return await rows(session, query)
