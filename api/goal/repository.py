"""All SQL of the goal domain (goals, steps, progress log), always filtered by owner. Reads by id
(`owned`, `owned_by_ids`) and pages are the shared shapes of `api.db`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import Record, page, rows
from api.models import Goal, GoalProgressEntry, GoalStep

RECENT_PER_GOAL = 20


async def goals_page(
    session: AsyncSession, user_id: int, offset: int, limit: int, *, statuses: list[str] | None
) -> tuple[list[Goal], int]:
    query = select(Goal).where(Goal.user_id == user_id)
    if statuses:
        query = query.where(Goal.status.in_(statuses))
    return await page(session, query, offset, limit, Goal.created_at.desc(), Goal.id.desc())


def _steps(user_id: int, goal_ids: list[int], *columns: Any) -> Select:
    return (
        select(*columns)
        .where(GoalStep.user_id == user_id, GoalStep.goal_id.in_(goal_ids))
        .order_by(GoalStep.goal_id, GoalStep.position, GoalStep.id)
    )


# What the GraphQL types show of a step and of a progress entry, read as plain records: lists of them
# (20 entries for each of 100 goals) build no ORM instances and read no column nobody shows.
@dataclass(frozen=True, slots=True)
class StepRecord:
    id: int
    goal_id: int
    position: int
    title: str
    done: bool
    done_at: datetime | None


@dataclass(frozen=True, slots=True)
class EntryRecord:
    id: int
    goal_id: int
    step_id: int | None
    logged_at: datetime
    amount: int
    minutes: int
    learning_format: str | None
    note: str
    mood: int | None
    energy: int | None


STEP_RECORD = Record(GoalStep, StepRecord)
ENTRY_RECORD = Record(GoalProgressEntry, EntryRecord)


async def steps_by_goal_ids(session: AsyncSession, user_id: int, goal_ids: list[int]) -> list[StepRecord]:
    """The steps of these goals, in order."""
    return list((await session.execute(_steps(user_id, goal_ids, STEP_RECORD))).scalars())


async def steps_of(session: AsyncSession, user_id: int, goal_id: int) -> list[GoalStep]:
    """One goal's steps to change, in order."""
    return await rows(session, _steps(user_id, [goal_id], GoalStep))


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
) -> list[EntryRecord]:
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
        select(ENTRY_RECORD)
        .join(ranked, ranked.c.id == GoalProgressEntry.id)
        .where(ranked.c.rank <= per_goal)
        .order_by(GoalProgressEntry.goal_id, GoalProgressEntry.logged_at.desc(), GoalProgressEntry.id.desc())
    )
    return list((await session.execute(query)).scalars())


def _days(timezone: str) -> Any:
    """The local days (an array, each once) of the entries a query groups."""
    return func.array_agg(func.date(func.timezone(timezone, GoalProgressEntry.logged_at)).distinct())


async def active_days_by_goal_ids(
    session: AsyncSession, user_id: int, goal_ids: list[int], timezone: str
) -> dict[int, list[date]]:
    """Each goal's local days with at least one entry (one row per goal: its days as an array)."""
    query = (
        select(GoalProgressEntry.goal_id, _days(timezone))
        .where(GoalProgressEntry.user_id == user_id, GoalProgressEntry.goal_id.in_(goal_ids))
        .group_by(GoalProgressEntry.goal_id)
    )
    return {row[0]: row[1] for row in await session.execute(query)}


async def active_days(session: AsyncSession, user_id: int, timezone: str) -> list[date]:
    """Local days with at least one entry of any goal."""
    query = select(_days(timezone)).where(GoalProgressEntry.user_id == user_id)
    return (await session.execute(query)).scalar_one() or []
