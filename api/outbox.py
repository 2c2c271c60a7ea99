"""The relay of the transactional outbox (`job_outbox`, written by `api.queue.enqueue`).

A job whose send after its commit did not happen (Redis down, the process died in between) is
still in the outbox; the relay sends it. The worker runs it every minute and at start-up, the API
at start-up.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import delete, func, select

from api import queue
from api.db import sessionmaker
from api.models import JobOutbox

log = logging.getLogger(__name__)

RELAY_BATCH = 200
RELAY_MAX_BACKOFF_SECONDS = 300


async def relay(batch: int = RELAY_BATCH) -> int:
    """Send the outbox rows whose after-commit send did not happen; returns how many were sent.

    Rows are locked (FOR UPDATE SKIP LOCKED) until they are sent and deleted, so relays running at
    once in several processes never send one row twice. A failed send keeps the row for a later
    relay, with backoff, and ends this one (Redis is unreachable)."""
    total = 0
    while True:
        sent, more = await _relay_batch(batch)
        total += sent
        if not more:
            return total


async def _relay_batch(batch: int) -> tuple[int, bool]:
    async with sessionmaker()() as session:
        query = (
            select(JobOutbox)
            .where(JobOutbox.next_attempt_at <= func.now())
            .order_by(JobOutbox.id)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
        rows = list((await session.execute(query)).scalars())
        sent: list[int] = []
        failed = False
        for row in rows:
            try:
                await queue.send(row.function, *row.args, key=row.key)
            except Exception:
                log.warning("outbox relay could not enqueue %s", row.function, exc_info=True)
                row.attempts += 1
                row.next_attempt_at = func.now() + timedelta(seconds=min(RELAY_MAX_BACKOFF_SECONDS, 2**row.attempts))
                failed = True
                break
            sent.append(row.id)
        if sent:
            await session.execute(delete(JobOutbox).where(JobOutbox.id.in_(sent)))
        await session.commit()
    return len(sent), not failed and len(rows) == batch


async def outbox_relay(ctx: dict) -> int:
    """Worker cron (every minute) and start-up: send what the outbox still holds."""
    return await relay()
