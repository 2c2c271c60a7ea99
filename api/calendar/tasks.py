"""Worker jobs of the calendar: reminders of follow-ups due and of interviews starting soon.

Every 15 minutes, batch by batch (a constant number of statements per batch): the in-app
notification once per natural key (`follow-up:<application>:<date>`, `interview:<id>:<start>`; a
concurrent run or a retry finds the row and raises nothing again), the person's other channels for
FOLLOW_UPS through `dispatch_many`, then the live alert after commit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar import reminders, repository
from api.db import unit_of_work
from api.notification import repository as notification_repository
from api.notification import service as notifications
from api.notification.dispatch import Message, dispatch_many
from api.vocabulary import NotificationTopic

BATCH = 500
MAX_BATCHES = 1000  # one run handles at most this many batches of each kind; the next run takes the rest

Candidates = Callable[[AsyncSession, int], Awaitable[list[Any]]]
Decide = Callable[[list[Any], dict, datetime], list[notifications.NewNotification]]


async def _raise(session: AsyncSession, items: list[notifications.NewNotification], now: datetime) -> list[notifications.Created]:
    """Write the notifications that are new (dedupe key) and dispatch them on the person's channels."""
    if not items:
        return []
    created = await notifications.create_many(session, items)
    titles = await repository.notification_titles(session, [c.id for c in created])
    messages = [
        Message(
            c.user_id, NotificationTopic.FOLLOW_UPS, f"notification:{c.id}", titles.get(c.id, "Reminder"), notification_id=c.id
        )
        for c in created
    ]
    await dispatch_many(session, messages, now)
    return created


async def _run(candidates: Candidates, decide: Decide, now: datetime) -> int:
    raised, after = 0, 0
    for _ in range(MAX_BATCHES):
        created: list[notifications.Created] = []
        async with unit_of_work() as session:
            rows = await candidates(session, after)
            if rows:
                after = rows[-1].id
                quiet = await notification_repository.quiet_hours_by_user_ids(session, sorted({r.user_id for r in rows}))
                created = await _raise(session, decide(rows, quiet, now), now)
        for item in created:
            await notifications.announce(item)
        raised += len(created)
        if len(rows) < BATCH:
            break
    return raised


def _follow_ups(rows: list[Any], quiet: dict, now: datetime) -> list[notifications.NewNotification]:
    items = []
    for row in rows:
        if reminders.follow_up_due(now, row.timezone, row.follow_up_on, quiet[row.user_id]):
            title, body = reminders.follow_up_text(row.company, row.title, row.follow_up_on)
            items.append(
                notifications.NewNotification(
                    user_id=row.user_id,
                    kind=reminders.FOLLOW_UP_KIND,
                    title=title,
                    body=body,
                    dedupe_key=reminders.follow_up_key(row.id, row.follow_up_on),
                    job_id=row.job_id,
                )
            )
    return items


def _interviews(rows: list[Any], quiet: dict, now: datetime) -> list[notifications.NewNotification]:
    items = []
    for row in rows:
        if reminders.interview_due(now, row.timezone, row.starts_at, quiet[row.user_id]):
            title, body = reminders.interview_text(row.company, row.title, row.starts_at, row.zone)
            items.append(
                notifications.NewNotification(
                    user_id=row.user_id,
                    kind=reminders.INTERVIEW_KIND,
                    title=title,
                    body=body,
                    dedupe_key=reminders.interview_key(row.id, row.starts_at),
                    job_id=row.job_id,
                )
            )
    return items


async def calendar_reminders(ctx: dict, now: datetime | None = None) -> int:
    """Every 15 minutes: reminders of follow-ups due today and of interviews in the next 24 hours."""
    now = now or datetime.now(UTC)
    today = now.date()  # every local date is within a day of the UTC date
    earliest, latest = today - timedelta(days=reminders.CATCH_UP_DAYS + 1), today + timedelta(days=1)

    async def follow_ups(session: AsyncSession, after: int) -> list[Any]:
        return await repository.follow_up_candidates(session, earliest, latest, after, BATCH)

    async def interviews(session: AsyncSession, after: int) -> list[Any]:
        return await repository.interview_candidates(session, now, now + reminders.REMIND_BEFORE, after, BATCH)

    return await _run(follow_ups, _follow_ups, now) + await _run(interviews, _interviews, now)
