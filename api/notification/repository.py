from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import Notification


async def newer_than(session: AsyncSession, user_id: int, after_id: int, limit: int = 100) -> list[Notification]:
    return list(
        (
            await session.execute(
                select(Notification)
                .where(Notification.user_id == user_id, Notification.id > after_id)
                .order_by(Notification.id)
                .limit(limit)
            )
        ).scalars()
    )


async def latest_id(session: AsyncSession, user_id: int) -> int:
    return (
        await session.execute(select(func.coalesce(func.max(Notification.id), 0)).where(Notification.user_id == user_id))
    ).scalar_one()


async def list_page(session: AsyncSession, user_id: int, unread_only: bool, offset: int, limit: int) -> tuple[list[Notification], int, int]:
    base = select(Notification).where(Notification.user_id == user_id)
    if unread_only:
        base = base.where(Notification.read_at.is_(None))
    total = (await session.execute(select(func.count()).select_from(base.subquery()))).scalar_one()
    unread = (
        await session.execute(
            select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
        )
    ).scalar_one()
    rows = list((await session.execute(base.order_by(Notification.id.desc()).offset(offset).limit(limit))).scalars())
    return rows, total, unread


async def by_ids(session: AsyncSession, user_id: int, ids: list[int]) -> list[Notification]:
    return list(
        (await session.execute(select(Notification).where(Notification.user_id == user_id, Notification.id.in_(ids)))).scalars()
    )


async def mark_read(session: AsyncSession, user_id: int, ids: list[int] | None) -> int:
    query = update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    if ids is not None:
        query = query.where(Notification.id.in_(ids))
    result = await session.execute(query.values(read_at=datetime.now(UTC)))
    return result.rowcount or 0
