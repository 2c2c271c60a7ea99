"""All SQL of applications and their history, always filtered by owner."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import Application, ApplicationStatusChange, Job, Posting


async def get(
    session: AsyncSession, user_id: int, application_id: int, *, for_update: bool = False
) -> Application | None:
    query = select(Application).where(Application.user_id == user_id, Application.id == application_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def for_job(session: AsyncSession, user_id: int, job_id: int) -> Application | None:
    return (
        await session.execute(select(Application).where(Application.user_id == user_id, Application.job_id == job_id))
    ).scalar_one_or_none()


async def by_ids(session: AsyncSession, user_id: int, ids: list[int]) -> list[Application]:
    return list(
        (
            await session.execute(select(Application).where(Application.user_id == user_id, Application.id.in_(ids)))
        ).scalars()
    )


async def by_job_ids(session: AsyncSession, user_id: int, job_ids: list[int]) -> list[Application]:
    return list(
        (
            await session.execute(
                select(Application).where(Application.user_id == user_id, Application.job_id.in_(job_ids))
            )
        ).scalars()
    )


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
    session: AsyncSession, user_id: int, statuses: list[str] | None, offset: int, limit: int
) -> tuple[list[Application], int]:
    base = select(Application).where(Application.user_id == user_id)
    if statuses:
        base = base.where(Application.status.in_(statuses))
    total = (await session.execute(select(func.count()).select_from(base.subquery()))).scalar_one()
    rows = list(
        (
            await session.execute(
                base.order_by(Application.updated_at.desc(), Application.id.desc()).offset(offset).limit(limit)
            )
        ).scalars()
    )
    return rows, total


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
