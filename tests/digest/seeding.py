"""People, preferences and histories written straight through the ORM (the API cannot backdate
them), and reads of what the digest run wrote."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select

from api.db import read_session, unit_of_work
from api.models import (
    Application,
    Delivery,
    Digest,
    Goal,
    GoalProgressEntry,
    InterviewAppointment,
    Job,
    JobScore,
    Notification,
    NotificationPreference,
    User,
)


async def new_person(timezone: str = "UTC", **preferences: Any) -> int:
    """A user with notification preferences (defaults unless given)."""
    name = f"d_{uuid.uuid4().hex[:10]}"
    async with unit_of_work() as session:
        user = User(username=name, email=f"{name}@example.com", password_hash="-", timezone=timezone)
        session.add(user)
        await session.flush()
        session.add(NotificationPreference(user_id=user.id, **preferences))
        return user.id


async def set_preferences(user_id: int, **values: Any) -> None:
    async with unit_of_work() as session:
        row = (
            await session.execute(select(NotificationPreference).where(NotificationPreference.user_id == user_id))
        ).scalar_one()
        for key, value in values.items():
            setattr(row, key, value)


async def preferences(user_id: int) -> NotificationPreference:
    async with read_session() as session:
        return (
            await session.execute(select(NotificationPreference).where(NotificationPreference.user_id == user_id))
        ).scalar_one()


async def digests(user_id: int) -> list[Digest]:
    async with read_session() as session:
        query = select(Digest).where(Digest.user_id == user_id).order_by(Digest.created_at, Digest.id)
        return list((await session.execute(query)).scalars())


async def notifications(user_id: int) -> list[Notification]:
    async with read_session() as session:
        query = select(Notification).where(Notification.user_id == user_id).order_by(Notification.id)
        return list((await session.execute(query)).scalars())


async def deliveries(user_id: int) -> list[Delivery]:
    async with read_session() as session:
        return list((await session.execute(select(Delivery).where(Delivery.user_id == user_id))).scalars())


async def add_job(
    user_id: int, title: str, *, score: int | None = None, scored_at: datetime | None = None, company: str = "Acme"
) -> int:
    async with unit_of_work() as session:
        job = Job(user_id=user_id, title=title, company=company, created_at=scored_at or datetime.now(UTC))
        session.add(job)
        await session.flush()
        if score is not None:
            explanation = {"explanation": ["Skills: you have 3 of 3 must-have skills."]}
            when = scored_at or datetime.now(UTC)
            session.add(JobScore(job_id=job.id, user_id=user_id, score=score, breakdown=explanation, scored_at=when))
            await session.flush()
        return job.id


async def add_application(
    user_id: int, title: str, *, status: str = "applied", follow_up_on: date | None = None, created_at: datetime | None = None
) -> int:
    job_id = await add_job(user_id, title)
    async with unit_of_work() as session:
        application = Application(
            user_id=user_id, job_id=job_id, status=status, follow_up_on=follow_up_on, created_at=created_at or datetime.now(UTC)
        )
        session.add(application)
        await session.flush()
        return application.id


async def add_interview(user_id: int, application_id: int, starts_at: datetime, timezone: str = "UTC") -> int:
    async with unit_of_work() as session:
        row = InterviewAppointment(
            user_id=user_id, application_id=application_id, starts_at=starts_at, timezone=timezone, kind="technical"
        )
        session.add(row)
        await session.flush()
        return row.id


async def add_goal(user_id: int, title: str, *, logged: list[tuple[datetime, int]] = (), target_date: date | None = None) -> int:  # type: ignore[assignment]
    async with unit_of_work() as session:
        goal = Goal(user_id=user_id, title=title, started_on=date(2026, 1, 1), target_date=target_date)
        session.add(goal)
        await session.flush()
        for when, amount in logged:
            session.add(GoalProgressEntry(user_id=user_id, goal_id=goal.id, logged_at=when, amount=amount))
        return goal.id


def wall(value: str) -> time:
    return time.fromisoformat(value)
