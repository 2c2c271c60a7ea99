"""Durable alerts: the row is written in the causing transaction; its id is published after
commit as a wake-up on Redis, and subscribers read the rows from the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from api import broker
from api.db import owned_by_ids
from api.errors import NotFound
from api.models import Notification
from api.notification import repository
from api.notification.dispatch import Message, dispatch_many
from api.vocabulary import NotificationTopic

CHANNEL = "notifications"


@dataclass(frozen=True)
class Created:
    id: int
    user_id: int
    title: str = ""


@dataclass(frozen=True)
class MarkedRead:
    marked: int
    unread_count: int


async def create(
    session: AsyncSession,
    *,
    user_id: int,
    kind: str,
    title: str,
    body: str,
    job_id: int | None,
    dedupe_key: str,
    insight_id: int | None = None,
) -> Created | None:
    """Insert once per dedupe_key; None when it already exists (a re-delivered job)."""
    row_id = await repository.insert_once(
        session,
        {
            "user_id": user_id,
            "kind": kind,
            "title": title[:300],
            "body": body,
            "job_id": job_id,
            "insight_id": insight_id,
            "dedupe_key": dedupe_key,
        },
    )
    return Created(row_id, user_id, title[:300]) if row_id is not None else None


@dataclass(frozen=True)
class NewNotification:
    user_id: int
    kind: str
    title: str
    body: str
    dedupe_key: str
    job_id: int | None = None
    insight_id: int | None = None


async def create_many(session: AsyncSession, items: list[NewNotification]) -> list[Created]:
    """`create` for a batch, in one statement: the rows written (existing dedupe keys are skipped)."""
    rows = [
        {
            "user_id": item.user_id,
            "kind": item.kind,
            "title": item.title[:300],
            "body": item.body,
            "job_id": item.job_id,
            "insight_id": item.insight_id,
            "dedupe_key": item.dedupe_key,
        }
        for item in items
    ]
    return [Created(row_id, user_id, title) for row_id, user_id, title in await repository.insert_many_once(session, rows)]


async def send_on_channels(session: AsyncSession, created: Sequence[Created], topic: NotificationTopic) -> list[int]:
    """Also send new notifications on the channels the person chose for the topic (email, push),
    once each (key "notification:<id>"), in a constant number of statements."""
    messages = [Message(c.user_id, topic, f"notification:{c.id}", c.title, notification_id=c.id) for c in created]
    return await dispatch_many(session, messages)


async def announce(created: Created) -> None:
    await broker.publish(CHANNEL, created.user_id, str(created.id))


async def mark_read(session: AsyncSession, user_id: int, ids: list[int] | None) -> MarkedRead:
    """Mark the given notifications (all when None) read; every id must be the user's."""
    if ids is not None:
        found = await owned_by_ids(session, Notification, user_id, ids)
        if len(found) != len(set(ids)):
            raise NotFound("Notification not found", "ids")
    marked = await repository.mark_read(session, user_id, ids)
    return MarkedRead(marked, await repository.unread_count(session, user_id))
