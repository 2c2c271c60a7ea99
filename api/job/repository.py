"""All SQL of the job domain, always filtered by owner."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import Job


@dataclass
class JobFilter:
    text: str | None = None
    min_score: int | None = None
    order: str = "SCORE"  # SCORE | NEWEST


def _filtered(user_id: int, filters: JobFilter) -> Select:
    query = select(Job).where(Job.user_id == user_id)
    if filters.text:
        like = f"%{filters.text.strip()}%"
        query = query.where(or_(Job.title.ilike(like), Job.company.ilike(like), Job.location.ilike(like)))
    if filters.min_score is not None:
        query = query.where(Job.match_score >= filters.min_score)
    return query


async def list_page(session: AsyncSession, user_id: int, filters: JobFilter, offset: int, limit: int) -> tuple[list[Job], int]:
    query = _filtered(user_id, filters)
    total = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    if filters.order == "NEWEST":
        query = query.order_by(Job.created_at.desc(), Job.id.desc())
    else:
        query = query.order_by(Job.match_score.desc().nulls_last(), Job.id.desc())
    rows = list((await session.execute(query.offset(offset).limit(limit))).scalars()) if limit else []
    return rows, total


async def by_ids(session: AsyncSession, user_id: int, ids: list[int]) -> list[Job]:
    return list((await session.execute(select(Job).where(Job.user_id == user_id, Job.id.in_(ids)))).scalars())


async def get(session: AsyncSession, user_id: int, job_id: int, *, for_update: bool = False) -> Job | None:
    query = select(Job).where(Job.user_id == user_id, Job.id == job_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def all_ids_for_user(session: AsyncSession, user_id: int) -> list[int]:
    return list((await session.execute(select(Job.id).where(Job.user_id == user_id))).scalars())
