"""All SQL of notifications, always filtered by owner."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import page
from api.models import Delivery, Digest, Notification, NotificationPreference, User


async def insert_once(session: AsyncSession, values: dict) -> int | None:
    """Insert unless a row with the same dedupe_key exists; the new id, else None."""
    statement = (
        insert(Notification).values(**values).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(Notification.id)
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def insert_many_once(session: AsyncSession, values: list[dict]) -> list[tuple[int, int, str]]:
    """`insert_once` for many rows in one statement: (id, user id, title) of the rows written."""
    if not values:
        return []
    statement = (
        insert(Notification)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(Notification.id, Notification.user_id, Notification.title)
    )
    return [(row_id, user_id, title) for row_id, user_id, title in await session.execute(statement, values)]


async def newer_than(session: AsyncSession, user_id: int, after_id: int, limit: int = 100) -> list[Notification]:
    query = select(Notification).where(Notification.user_id == user_id, Notification.id > after_id)
    return list((await session.execute(query.order_by(Notification.id).limit(limit))).scalars())


async def latest_id(session: AsyncSession, user_id: int) -> int:
    query = select(func.coalesce(func.max(Notification.id), 0)).where(Notification.user_id == user_id)
    return (await session.execute(query)).scalar_one()


async def unread_count(session: AsyncSession, user_id: int) -> int:
    query = select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    return (await session.execute(query)).scalar_one()


async def list_page(
    session: AsyncSession, user_id: int, unread_only: bool, offset: int, limit: int
) -> tuple[list[Notification], int, int]:
    base = select(Notification).where(Notification.user_id == user_id)
    if unread_only:
        base = base.where(Notification.read_at.is_(None))
    rows, total = await page(session, base, offset, limit, Notification.id.desc())
    return rows, total, await unread_count(session, user_id)


async def mark_read(session: AsyncSession, user_id: int, ids: list[int] | None) -> int:
    query = update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    if ids is not None:
        query = query.where(Notification.id.in_(ids))
    result = cast(CursorResult, await session.execute(query.values(read_at=datetime.now(UTC))))
    return result.rowcount or 0


# --------------------------------------------------------------------------- preferences

DEFAULT_QUIET_HOURS: tuple[time | None, time | None] = (time(22), time(7))


async def ensure_preferences(session: AsyncSession, user_id: int) -> NotificationPreference:
    """The person's preferences row, created with the defaults on first need (race-safe)."""
    await session.execute(
        insert(NotificationPreference).values(user_id=user_id).on_conflict_do_nothing(index_elements=["user_id"])
    )
    query = select(NotificationPreference).where(NotificationPreference.user_id == user_id)
    return (await session.execute(query)).scalar_one()


async def quiet_hours_by_user_ids(session: AsyncSession, user_ids: list[int]) -> dict[int, tuple[time | None, time | None]]:
    """user id -> (start, end) of their quiet hours; the defaults for people without a preferences row."""
    query = select(
        NotificationPreference.user_id, NotificationPreference.quiet_hours_start, NotificationPreference.quiet_hours_end
    ).where(NotificationPreference.user_id.in_(user_ids))
    found = {user_id: (start, end) for user_id, start, end in await session.execute(query)}
    return {user_id: found.get(user_id, DEFAULT_QUIET_HOURS) for user_id in user_ids}


async def preferences_by_user_ids(session: AsyncSession, user_ids: list[int]) -> dict[int, NotificationPreference]:
    query = select(NotificationPreference).where(NotificationPreference.user_id.in_(user_ids))
    return {row.user_id: row for row in (await session.execute(query)).scalars()}


async def timezones_by_user_ids(session: AsyncSession, user_ids: list[int]) -> dict[int, str]:
    query = select(User.id, User.timezone).where(User.id.in_(user_ids))
    return {row.id: row.timezone for row in await session.execute(query)}


# --------------------------------------------------------------------------- deliveries


async def insert_deliveries(session: AsyncSession, rows: list[dict]) -> list[int]:
    """Insert the deliveries whose dedupe_key is new; the ids of the new pending ones."""
    if not rows:
        return []
    statement = (
        insert(Delivery)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(Delivery.id, Delivery.status)
    )
    return [row_id for row_id, status in await session.execute(statement) if status == "pending"]


# --------------------------------------------------------------------------- channels (preferences API, sending)


async def preferences_for_update(session: AsyncSession, user_id: int) -> NotificationPreference:
    """The person's preferences row, created on first need and locked for the unit of work: changes
    and the per-user verification limit are serialised on it."""
    await session.execute(
        insert(NotificationPreference).values(user_id=user_id).on_conflict_do_nothing(index_elements=["user_id"])
    )
    query = select(NotificationPreference).where(NotificationPreference.user_id == user_id).with_for_update()
    return (await session.execute(query.execution_options(populate_existing=True))).scalar_one()


async def user_by_id(session: AsyncSession, user_id: int, *, for_update: bool = False) -> User | None:
    query = select(User).where(User.id == user_id)
    return (await session.execute(query.with_for_update() if for_update else query)).scalar_one_or_none()


async def insert_delivery(session: AsyncSession, values: dict) -> Delivery:
    row = Delivery(**values)
    session.add(row)
    await session.flush()
    await session.refresh(row)  # created_at from the server
    return row


async def deliveries_since(session: AsyncSession, user_id: int, topic: str, since: datetime) -> int:
    query = select(func.count()).where(Delivery.user_id == user_id, Delivery.topic == topic, Delivery.created_at > since)
    return (await session.execute(query)).scalar_one()


async def deliveries_page(
    session: AsyncSession, user_id: int, offset: int, limit: int, *, channel: str | None = None, status: str | None = None
) -> tuple[list[Delivery], int]:
    """The person's delivery log, newest first, optionally of one channel and/or status."""
    base = select(Delivery).where(Delivery.user_id == user_id)
    if channel is not None:
        base = base.where(Delivery.channel == channel)
    if status is not None:
        base = base.where(Delivery.status == status)
    return await page(session, base, offset, limit, Delivery.created_at.desc(), Delivery.id.desc())


async def delivery_to_send(session: AsyncSession, delivery_id: int) -> Delivery | None:
    """The delivery locked for its send; None when missing or another worker is sending it now."""
    query = select(Delivery).where(Delivery.id == delivery_id).with_for_update(skip_locked=True)
    return (await session.execute(query)).scalar_one_or_none()


async def notification_by_id(session: AsyncSession, notification_id: int) -> Notification | None:
    return (await session.execute(select(Notification).where(Notification.id == notification_id))).scalar_one_or_none()


async def digest_by_id(session: AsyncSession, digest_id: int) -> Digest | None:
    return (await session.execute(select(Digest).where(Digest.id == digest_id))).scalar_one_or_none()


async def stale_pending_deliveries(session: AsyncSession, before: datetime, limit: int) -> list[int]:
    """Pending deliveries older than `before` (their send was never enqueued, or was lost)."""
    query = (
        select(Delivery.id).where(Delivery.status == "pending", Delivery.created_at < before).order_by(Delivery.id).limit(limit)
    )
    return list((await session.execute(query)).scalars())


async def clear_digest_schedule(session: AsyncSession, user_id: int) -> None:
    """Forget the next digest instants (after a time-zone change): the digest cron computes a NULL anew."""
    await session.execute(
        update(NotificationPreference)
        .where(NotificationPreference.user_id == user_id)
        .values(next_morning_at=None, next_evening_at=None)
    )
