"""Worker jobs of guidance: the hourly evaluation of the users who are due (in their own time zone),
the evaluation after an event that matters, the market rules after postings are ingested, and the
delivery of live alerts that quiet hours held back. Each is idempotent: insights by their dedupe key,
alerts by `insight:<id>`; concurrent workers take different users (SKIP LOCKED)."""

from __future__ import annotations

from datetime import UTC, datetime

from api.db import unit_of_work
from api.guidance import evaluation, repository
from api.notification import service as notifications
from api.vocabulary import TriggerType

BATCH = 500
MAX_BATCHES = 1000  # one cron run handles at most this many batches; the next run takes the rest


async def guidance_evaluate_due(ctx: dict) -> int:
    """Hourly: give everyone without settings their defaults (they are due at once), evaluate the
    users whose next evaluation has come, batch by batch, then deliver held-back alerts."""
    now = datetime.now(UTC)
    for _ in range(MAX_BATCHES):
        async with unit_of_work() as session:
            missing = await repository.users_without_settings(session, BATCH)
            await repository.ensure_settings_for(session, missing)
        if len(missing) < BATCH:
            break
    evaluated = 0
    for _ in range(MAX_BATCHES):
        async with unit_of_work() as session:
            user_ids = await repository.due_user_ids(session, now, BATCH)
            summary = await evaluation.evaluate_users(session, user_ids, now)
        await evaluation.announce(summary)
        evaluated += len(user_ids)
        if len(user_ids) < BATCH:
            break
    await guidance_deliver_pending(ctx)
    return evaluated


async def guidance_deliver_pending(ctx: dict) -> int:
    """Raise the live alerts quiet hours held back, for people whose quiet hours are over."""
    async with unit_of_work() as session:
        created = await evaluation.deliver_pending(session, datetime.now(UTC))
    for item in created:
        await notifications.announce(item)
    return len(created)


async def guidance_evaluate_user(ctx: dict, user_id: int, trigger: str | None = None) -> int:
    """After an event (progress logged, milestone added, application moved): the rules of that
    trigger (all of them without one) for one person; their schedule stays as it is."""
    async with unit_of_work() as session:
        summary = await evaluation.evaluate_users(
            session, [user_id], datetime.now(UTC), only_trigger=TriggerType(trigger) if trigger else None, reschedule=False
        )
    await evaluation.announce(summary)
    return len(summary.insight_ids)


async def guidance_evaluate_market(ctx: dict) -> int:
    """After postings were ingested: the market rules for everyone with an active goal, in batches."""
    now = datetime.now(UTC)
    after, evaluated = 0, 0
    for _ in range(MAX_BATCHES):
        async with unit_of_work() as session:
            user_ids = await repository.user_ids_with_active_goals(session, after, BATCH)
            summary = await evaluation.evaluate_users(
                session, user_ids, now, only_trigger=TriggerType.MARKET_BASED, reschedule=False
            )
        await evaluation.announce(summary)
        evaluated += len(user_ids)
        if len(user_ids) < BATCH:
            break
        after = user_ids[-1]
    return evaluated
