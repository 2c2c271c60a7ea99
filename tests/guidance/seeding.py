"""Backdated histories written straight through the ORM (the GraphQL API cannot backdate them),
and reads of what the evaluation wrote."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import read_session, unit_of_work
from api.models import (
    Application,
    ApplicationStatusChange,
    CareerInsight,
    Goal,
    GoalProgressEntry,
    GoalStep,
    GuidanceRule,
    GuidanceSetting,
    Job,
    Notification,
    NotificationPreference,
    User,
)

NO_QUIET_HOURS: dict[str, Any] = {"quiet_hours_start": None, "quiet_hours_end": None}


async def new_user(timezone: str = "UTC", *, settings: dict[str, Any] | None = None, **fields: Any) -> int:
    """A user (and their guidance settings when given, quiet hours into their notification
    preferences), straight in the database."""
    name = f"g_{uuid.uuid4().hex[:10]}"
    async with unit_of_work() as session:
        user = User(username=name, email=f"{name}@example.com", password_hash="-", timezone=timezone, **fields)
        session.add(user)
        await session.flush()
        if settings is not None:
            settings = dict(settings)
            quiet = {key: settings.pop(key) for key in ("quiet_hours_start", "quiet_hours_end") if key in settings}
            session.add(GuidanceSetting(user_id=user.id, **settings))
            if quiet:  # quiet hours are how the person is reached: their notification preferences
                await add_preferences(session, user.id, **quiet)
        return user.id


async def add_preferences(session: AsyncSession, user_id: int, **values: Any) -> None:
    """A notification preferences row as given. An INSERT statement, not an ORM object: the ORM
    puts the column default (22:00–07:00) in place of an explicit None, so "no quiet hours" would
    quietly become the default ones (and a test would only pass outside those hours)."""
    await session.execute(insert(NotificationPreference).values(user_id=user_id, **values))


async def add_goal(
    user_id: int,
    title: str,
    *,
    started_on: date,
    progress: int = 0,
    target_date: date | None = None,
    logged: Iterable[tuple[datetime, int]] = (),
    steps: Iterable[str] = (),
    created_at: datetime | None = None,
) -> int:
    """An active goal with progress entries (when, points) and open steps."""
    async with unit_of_work() as session:
        goal = Goal(
            user_id=user_id,
            title=title,
            started_on=started_on,
            progress=progress,
            target_date=target_date,
            created_at=created_at or datetime.combine(started_on, time(9), tzinfo=UTC),
        )
        session.add(goal)
        await session.flush()
        for position, step in enumerate(steps, start=1):
            session.add(GoalStep(user_id=user_id, goal_id=goal.id, position=position, title=step))
        for when, amount in logged:
            session.add(GoalProgressEntry(user_id=user_id, goal_id=goal.id, logged_at=when, amount=amount))
        return goal.id


async def add_application(user_id: int, *, changed_at: datetime, company: str = "Acme", status: str = "applied") -> int:
    """A job and its application, moved to `status` at `changed_at`."""
    async with unit_of_work() as session:
        job = Job(user_id=user_id, title="Platform Engineer", company=company, created_at=changed_at - timedelta(days=1))
        session.add(job)
        await session.flush()
        application = Application(
            user_id=user_id, job_id=job.id, status=status, applied_at=changed_at, created_at=changed_at - timedelta(days=1)
        )
        session.add(application)
        await session.flush()
        session.add(
            ApplicationStatusChange(
                application_id=application.id, from_status="interested", to_status=status, changed_at=changed_at
            )
        )
        return application.id


async def rule_id(key: str) -> int:
    async with read_session() as session:
        return (await session.execute(select(GuidanceRule.id).where(GuidanceRule.key == key))).scalar_one()


async def add_insight(user_id: int, key: str, *, created_at: datetime, dismissed: bool = False, **fields: Any) -> int:
    """A past insight of a rule, as the person left it."""
    values: dict[str, Any] = {
        "kind": "opportunity",
        "priority": "medium",
        "title": "Earlier insight",
        "message": "",
        "dedupe_key": f"{key}:past:{uuid.uuid4().hex}",
        **fields,
    }
    async with unit_of_work() as session:
        row = CareerInsight(
            user_id=user_id,
            rule_id=await rule_id(key),
            created_at=created_at,
            dismissed_at=created_at + timedelta(hours=1) if dismissed else None,
            **values,
        )
        session.add(row)
        await session.flush()
        return row.id


async def insights(user_id: int) -> list[CareerInsight]:
    async with read_session() as session:
        query = select(CareerInsight).where(CareerInsight.user_id == user_id).order_by(CareerInsight.id)
        return list((await session.execute(query)).scalars())


async def alerts(user_id: int) -> list[Notification]:
    async with read_session() as session:
        query = select(Notification).where(Notification.user_id == user_id).order_by(Notification.id)
        return list((await session.execute(query)).scalars())


async def settings_of(user_id: int) -> GuidanceSetting:
    async with read_session() as session:
        return (await session.execute(select(GuidanceSetting).where(GuidanceSetting.user_id == user_id))).scalar_one()
