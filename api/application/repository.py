"""All SQL of applications and their history, always filtered by owner."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import OWNER, DriverRow, any_id, driver_rows, owned, page
from api.models import Application, ApplicationStatusChange, Job, Posting, User


async def get(session: AsyncSession, user_id: int, application_id: int, *, for_update: bool = False) -> Application | None:
    return await owned(session, Application, user_id, application_id, for_update=for_update)


async def for_job(session: AsyncSession, user_id: int, job_id: int) -> Application | None:
    return (
        await session.execute(select(Application).where(Application.user_id == user_id, Application.job_id == job_id))
    ).scalar_one_or_none()


async def by_job_ids(session: AsyncSession, user_id: int, job_ids: list[int]) -> list[Application]:
    return list(
        (
            await session.execute(select(Application).where(Application.user_id == user_id, Application.job_id.in_(job_ids)))
        ).scalars()
    )


_LISTED_BY_JOB_IDS = select(*Application.__table__.c).where(Application.user_id == OWNER, Application.job_id == any_id("job_ids"))


async def listed_by_job_ids(user_id: int, job_ids: list[int]) -> list[DriverRow]:
    """The caller's applications of these jobs as rows (dicts of the table's columns), straight
    from the driver (`api.db.driver_rows`): the jobs dashboard's second read."""
    return await driver_rows(_LISTED_BY_JOB_IDS, {"user_id": user_id, "job_ids": job_ids})


async def history_for(session: AsyncSession, user_id: int, application_ids: list[int]) -> list[ApplicationStatusChange]:
    return list(
        (
            await session.execute(
                select(ApplicationStatusChange)
                .join(Application, Application.id == ApplicationStatusChange.application_id)
                .where(Application.user_id == user_id, ApplicationStatusChange.application_id.in_(application_ids))
                .order_by(ApplicationStatusChange.changed_at, ApplicationStatusChange.id)
            )
        ).scalars()
    )


async def list_page(
    session: AsyncSession, user_id: int, offset: int, limit: int, statuses: list[str] | None = None
) -> tuple[list[Application], int]:
    """Most recently changed first, optionally only some statuses."""
    query = select(Application).where(Application.user_id == user_id)
    if statuses:
        query = query.where(Application.status.in_(statuses))
    return await page(session, query, offset, limit, Application.updated_at.desc(), Application.id.desc())


async def job_count(session: AsyncSession, user_id: int) -> int:
    return (await session.execute(select(func.count()).where(Job.user_id == user_id))).scalar_one()


async def analytics_rows(session: AsyncSession, user_id: int) -> list:
    query = (
        select(Application, Job.origin, Posting.source)
        .join(Job, Job.id == Application.job_id)
        .outerjoin(Posting, Posting.id == Job.posting_id)
        .where(Application.user_id == user_id)
    )
    return list(await session.execute(query))


async def status_history(session: AsyncSession, user_id: int) -> list[ApplicationStatusChange]:
    query = (
        select(ApplicationStatusChange)
        .join(Application, Application.id == ApplicationStatusChange.application_id)
        .where(Application.user_id == user_id)
        .order_by(ApplicationStatusChange.changed_at, ApplicationStatusChange.id)
    )
    return list((await session.execute(query)).scalars())


async def timezone(session: AsyncSession, user_id: int) -> str:
    """The owner's IANA time zone (their local dates: applied on, follow-up due)."""
    return (await session.execute(select(User.timezone).where(User.id == user_id))).scalar_one()


async def follow_ups_due(session: AsyncSession, user_id: int, today: date) -> list[Application]:
    query = (
        select(Application)
        .where(Application.user_id == user_id, Application.status == "applied", Application.follow_up_on <= today)
        .order_by(Application.follow_up_on, Application.id)
    )
    return list((await session.execute(query)).scalars())
