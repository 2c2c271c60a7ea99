"""All SQL of interview appointments, the calendar feed and the reminders, always filtered by owner
(the feed by its token's hash, which names exactly one owner)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import owned, page
from api.models import Application, Goal, InterviewAppointment, Job, Notification, NotificationPreference, User


async def get(session: AsyncSession, user_id: int, interview_id: int, *, for_update: bool = False) -> InterviewAppointment | None:
    return await owned(session, InterviewAppointment, user_id, interview_id, for_update=for_update)


async def application(session: AsyncSession, user_id: int, application_id: int) -> Application | None:
    return await owned(session, Application, user_id, application_id, for_update=True)


async def remove(session: AsyncSession, interview: InterviewAppointment) -> None:
    await session.execute(delete(InterviewAppointment).where(InterviewAppointment.id == interview.id))


async def by_application_ids(session: AsyncSession, user_id: int, application_ids: list[int]) -> list[InterviewAppointment]:
    query = (
        select(InterviewAppointment)
        .where(InterviewAppointment.user_id == user_id, InterviewAppointment.application_id.in_(application_ids))
        .order_by(InterviewAppointment.starts_at, InterviewAppointment.id)
    )
    return list((await session.execute(query)).scalars())


async def upcoming_page(
    session: AsyncSession, user_id: int, offset: int, limit: int, *, now: datetime
) -> tuple[list[InterviewAppointment], int]:
    """Interviews that start from `now` on, soonest first."""
    query = select(InterviewAppointment).where(InterviewAppointment.user_id == user_id, InterviewAppointment.starts_at >= now)
    return await page(session, query, offset, limit, InterviewAppointment.starts_at, InterviewAppointment.id)


# --------------------------------------------------------------------------- the feed


async def owner_of_token(session: AsyncSession, token_hash: str) -> int | None:
    query = select(NotificationPreference.user_id).where(NotificationPreference.calendar_token_hash == token_hash)
    return (await session.execute(query)).scalar_one_or_none()


async def feed_interviews(session: AsyncSession, user_id: int, since: datetime) -> list[Any]:
    """(appointment, job title, company) of interviews starting from `since` on."""
    query = (
        select(InterviewAppointment, Job.title, Job.company)
        .join(Application, Application.id == InterviewAppointment.application_id)
        .join(Job, Job.id == Application.job_id)
        .where(InterviewAppointment.user_id == user_id, InterviewAppointment.starts_at >= since)
        .order_by(InterviewAppointment.starts_at, InterviewAppointment.id)
    )
    return list(await session.execute(query))


async def feed_follow_ups(session: AsyncSession, user_id: int) -> list[Any]:
    """(application, job title, company) of applied applications with a follow-up date."""
    query = (
        select(Application, Job.title, Job.company)
        .join(Job, Job.id == Application.job_id)
        .where(Application.user_id == user_id, Application.status == "applied", Application.follow_up_on.is_not(None))
        .order_by(Application.follow_up_on, Application.id)
    )
    return list(await session.execute(query))


async def feed_goals(session: AsyncSession, user_id: int) -> list[Goal]:
    """Active or paused goals with a target date."""
    query = (
        select(Goal)
        .where(Goal.user_id == user_id, Goal.target_date.is_not(None), Goal.status.in_(("active", "paused")))
        .order_by(Goal.target_date, Goal.id)
    )
    return list((await session.execute(query)).scalars())


# --------------------------------------------------------------------------- reminders (every user, in batches)


async def follow_up_candidates(session: AsyncSession, earliest: date, latest: date, after_id: int, limit: int) -> list[Any]:
    """(application id, user id, job id, follow-up date, company, title, time zone) of applied
    applications with a follow-up date in [earliest, latest], by application id after `after_id`."""
    query = (
        select(
            Application.id,
            Application.user_id,
            Application.job_id,
            Application.follow_up_on,
            Job.company,
            Job.title,
            User.timezone,
        )
        .join(Job, Job.id == Application.job_id)
        .join(User, User.id == Application.user_id)
        .where(
            Application.status == "applied",
            Application.follow_up_on.between(earliest, latest),
            Application.id > after_id,
        )
        .order_by(Application.id)
        .limit(limit)
    )
    return list(await session.execute(query))


async def interview_candidates(session: AsyncSession, start: datetime, end: datetime, after_id: int, limit: int) -> list[Any]:
    """(id, user id, start, its zone, job id, company, title, the person's time zone) of interviews
    starting in [start, end), by appointment id after `after_id`."""
    query = (
        select(
            InterviewAppointment.id,
            InterviewAppointment.user_id,
            InterviewAppointment.starts_at,
            InterviewAppointment.timezone.label("zone"),
            Application.job_id,
            Job.company,
            Job.title,
            User.timezone,
        )
        .join(Application, Application.id == InterviewAppointment.application_id)
        .join(Job, Job.id == Application.job_id)
        .join(User, User.id == InterviewAppointment.user_id)
        .where(InterviewAppointment.starts_at >= start, InterviewAppointment.starts_at < end, InterviewAppointment.id > after_id)
        .order_by(InterviewAppointment.id)
        .limit(limit)
    )
    return list(await session.execute(query))


async def notification_titles(session: AsyncSession, ids: list[int]) -> dict[int, str]:
    """Titles of notifications just written (the subjects of their deliveries)."""
    if not ids:
        return {}
    query = select(Notification.id, Notification.title).where(Notification.id.in_(ids))
    return {row.id: row.title for row in await session.execute(query)}
