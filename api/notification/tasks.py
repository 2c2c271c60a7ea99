"""Worker jobs of the delivery side: sending one delivery (retried with backoff) and the sweep that
re-enqueues pending deliveries whose send was never enqueued or got lost (e.g. Redis was down)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from arq import Retry

from api import queue
from api.config import get_settings
from api.db import unit_of_work
from api.notification import repository, sending
from api.notification.dispatch import SEND_TASK

STALE = timedelta(minutes=10)
SWEEP_BATCH = 500


async def delivery_send(ctx: dict, delivery_id: int) -> str | None:
    """Send one delivery once (idempotent: a sent, skipped or failed row is left alone); a failed
    attempt is retried with exponential backoff until `sending.MAX_ATTEMPTS`."""
    async with unit_of_work() as session:
        outcome = await sending.send(session, delivery_id)
    if outcome.retry:  # the attempt is committed first, then arq runs the job again later
        raise Retry(defer=sending.backoff(get_settings(), outcome.attempts))
    return outcome.status.value if outcome.status else None


async def deliveries_sweep(ctx: dict) -> int:
    """Enqueue the sends of deliveries pending for more than 10 minutes (a send already queued or
    waiting for its retry keeps its job id, so it is not doubled)."""
    async with unit_of_work() as session:
        ids = await repository.stale_pending_deliveries(session, datetime.now(UTC) - STALE, SWEEP_BATCH)
        for delivery_id in ids:
            queue.enqueue(SEND_TASK, delivery_id, key=f"delivery:{delivery_id}")
    return len(ids)
