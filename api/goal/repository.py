"""All SQL of the goal domain (goals, steps, progress log), always filtered by owner."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import Goal, GoalProgressEntry, GoalStep

RECENT_PER_GOAL = 20


# --------------------------------------------------------------------------- goals


async def goals_page(
    session: AsyncSession, user_id: int, statuses: list[str] | None, offset: int, limit: int
) -> tuple[list[Goal], int]:
    query = select(Goal).where(Goal.user_id == user_id)
    if statuses:
        query = query.where(Goal.status.in_(statuses))
    total = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(Goal.created_at.desc(), Goal.id.desc()).offset(offset).limit(limit)
    rows = list((await session.execute(ordered)).scalars()) if limit else []
    return rows, total


async def goals_by_ids(session: AsyncSession, user_id: int, ids: list[int]) -> list[Goal]:
    return list((await session.execute(select(Goal).where(Goal.user_id == user_id, Goal.id.in_(ids)))).scalars())


async def goal(session: AsyncSession, user_id: int, goal_id: int, *, for_update: bool = False) -> Goal | None:
    query = select(Goal).where(Goal.user_id == user_id, Goal.id == goal_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


# --------------------------------------------------------------------------- steps


async def steps_by_goal_ids(session: AsyncSession, user_id: int, goal_ids: list[int]) -> list[GoalStep]:
    query = (
        select(GoalStep)
        .where(GoalStep.user_id == user_id, GoalStep.goal_id.in_(goal_ids))
        .order_by(GoalStep.goal_id, GoalStep.position, GoalStep.id)
    )
    return list((await session.execute(query)).scalars())


async def steps_by_ids(session: AsyncSession, user_id: int, ids: list[int]) -> list[GoalStep]:
    return list((await session.execute(select(GoalStep).where(GoalStep.user_id == user_id, GoalStep.id.in_(ids)))).scalars())


async def step(session: AsyncSession, user_id: int, step_id: int, *, for_update: bool = False) -> GoalStep | None:
    query = select(GoalStep).where(GoalStep.user_id == user_id, GoalStep.id == step_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def steps_of(session: AsyncSession, user_id: int, goal_id: int) -> list[GoalStep]:
    return await steps_by_goal_ids(session, user_id, [goal_id])


async def delete_steps(session: AsyncSession, user_id: int, step_ids: list[int]) -> None:
    if step_ids:
        await session.execute(delete(GoalStep).where(GoalStep.user_id == user_id, GoalStep.id.in_(step_ids)))


# --------------------------------------------------------------------------- progress log


async def entries_page(
    session: AsyncSession, user_id: int, goal_id: int | None, offset: int, limit: int
) -> tuple[list[GoalProgressEntry], int]:
    query = select(GoalProgressEntry).where(GoalProgressEntry.user_id == user_id)
    if goal_id is not None:
        query = query.where(GoalProgressEntry.goal_id == goal_id)
    total = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(GoalProgressEntry.logged_at.desc(), GoalProgressEntry.id.desc()).offset(offset).limit(limit)
    rows = list((await session.execute(ordered)).scalars()) if limit else []
    return rows, total


async def entries_by_ids(session: AsyncSession, user_id: int, ids: list[int]) -> list[GoalProgressEntry]:
    query = select(GoalProgressEntry).where(GoalProgressEntry.user_id == user_id, GoalProgressEntry.id.in_(ids))
    return list((await session.execute(query)).scalars())


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
    return list((await session.execute(query)).scalars())




async def entries_of(session: AsyncSession, user_id: int, goal_id: int) -> list[GoalProgressEntry]:
    query = (
        select(GoalProgressEntry)
        .where(GoalProgressEntry.user_id == user_id, GoalProgressEntry.goal_id == goal_id)
        .order_by(GoalProgressEntry.logged_at, GoalProgressEntry.id)
    )
    return list((await session.execute(query)).scalars())


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
    query = (
        select(day.label("day"))
        .where(GoalProgressEntry.user_id == user_id)
        .group_by(day)
        .order_by(day.desc())
    )
    return list((await session.execute(query)).scalars())
