"""All SQL of career health: the person's monthly reports (owner-filtered), the global postings'
skills of the market windows (no personal data), and user ids for the monthly job."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import rows
from api.models import CareerHealthReport, Goal, GoalProgressEntry, Posting, User

HISTORY = 24


async def report_for_month(session: AsyncSession, user_id: int, month: date) -> CareerHealthReport | None:
    query = select(CareerHealthReport).where(CareerHealthReport.user_id == user_id, CareerHealthReport.month == month)
    return (await session.execute(query)).scalar_one_or_none()


async def upsert_report(session: AsyncSession, user_id: int, values: dict[str, Any], *, replace: bool) -> CareerHealthReport:
    """One row per user and month: a second run replaces it (or, with replace=False, keeps the
    stored one); concurrent runs collapse on the unique index."""
    statement = insert(CareerHealthReport).values(user_id=user_id, **values)
    keys = [CareerHealthReport.user_id, CareerHealthReport.month]
    if replace:
        changed = {k: statement.excluded[k] for k in values if k != "month"}
        statement = statement.on_conflict_do_update(index_elements=keys, set_=changed)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    await session.execute(statement)
    row = await report_for_month(session, user_id, values["month"])
    assert row is not None
    await session.refresh(row)
    return row


async def history(session: AsyncSession, user_id: int, limit: int = HISTORY) -> list[CareerHealthReport]:
    """The newest `limit` months, oldest first."""
    query = (
        select(CareerHealthReport)
        .where(CareerHealthReport.user_id == user_id)
        .order_by(CareerHealthReport.month.desc())
        .limit(limit)
    )
    return list(reversed(await rows(session, query)))


async def goal_activity(session: AsyncSession, user_id: int, timezone: str) -> list[tuple[str, date]]:
    """(goal title, local day) with progress logged, one per goal and day."""
    day = func.date(func.timezone(timezone, GoalProgressEntry.logged_at))
    query = (
        select(Goal.title, day.label("day"))
        .join(Goal, Goal.id == GoalProgressEntry.goal_id)
        .where(GoalProgressEntry.user_id == user_id, Goal.user_id == user_id)
        .group_by(Goal.title, day)
    )
    return [(r.title, r.day) for r in await session.execute(query)]


async def posting_skills(session: AsyncSession, since: datetime, until: datetime) -> list[tuple[datetime, list[str]]]:
    """Every original posting (no reposts) with skills posted in [since, until)."""
    query = select(Posting.posted_at, Posting.skills).where(
        Posting.posted_at >= since,
        Posting.posted_at < until,
        Posting.repost_of_id.is_(None),
        func.cardinality(Posting.skills) > 0,
    )
    return [(r.posted_at, list(r.skills)) for r in await session.execute(query)]


async def user_ids_after(session: AsyncSession, after: int, limit: int) -> list[int]:
    query = select(User.id).where(User.id > after).order_by(User.id).limit(limit)
    return await rows(session, query)
