"""The only place that enqueues arq jobs.

Jobs requested inside a unit of work go through a transactional outbox: `enqueue` adds a
`job_outbox` row to the unit's session, so the request commits or rolls back with the rows it
concerns. After the commit `flush` sends the jobs to arq and deletes their rows; a row left
behind (Redis down, the process died in between) is sent by `api.outbox.relay`, which the worker
runs every minute and at start-up, as does the API at start-up. Delivery is at least once: each job carries
a natural key as its arq job id, so duplicates collapse, and every task is idempotent. Live
events (`publish`) are buffered the same way (not stored: they are only wake-ups), so a
subscriber woken by one finds the committed row.
"""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, func, text
from sqlalchemy.ext.asyncio import AsyncSession

from api import broker
from api.models import JobOutbox

log = logging.getLogger(__name__)

RELAY_GRACE = timedelta(seconds=5)  # the after-commit send has this long before the relay (api.outbox) takes a row over

# Slow work a person starts (model calls, résumé parsing, fetching a page) runs from a queue of its
# own, consumed by a second worker in the same process: a burst of it (one user firing generation
# after generation) never stands in front of alerts, deliveries, scoring and reminders, which stay
# on the default queue. Within the heavy queue, per-user caps and rates (api.limits) keep one
# person's share small.
HEAVY = frozenset(
    {
        "document_generate",
        "resume_parse",
        "interview_questions_generate",
        "interview_answer_refine",
        "insight_rephrase",
        "job_import_fetch",
    }
)


def queue_for(function: str) -> str:
    return broker.heavy_queue_name() if function in HEAVY else broker.queue_name()


@dataclass
class _Buffer:
    session: AsyncSession | None = None
    items: list[tuple[str, tuple, str | None]] = field(default_factory=list)
    rows: list[JobOutbox | None] = field(default_factory=list)  # the outbox row of each item
    events: list[tuple[str, object, str]] = field(default_factory=list)


_current: contextvars.ContextVar[_Buffer | None] = contextvars.ContextVar("jobs_buffer", default=None)


def begin(session: AsyncSession | None = None) -> _Buffer:
    """Start buffering; with the unit of work's session every job is also written to the outbox."""
    buffer = _Buffer(session)
    _current.set(buffer)
    return buffer


def discard(buffer: _Buffer) -> None:
    buffer.items.clear()
    buffer.rows.clear()
    buffer.events.clear()
    _current.set(None)


def enqueue(function: str, *args: object, key: str | None = None) -> None:
    """Write a job to the outbox in this unit of work's transaction; it is sent after the commit."""
    buffer = _current.get()
    if buffer is None:
        raise RuntimeError("enqueue() outside a unit of work; use send() instead")
    row = None
    if buffer.session is not None:
        row = JobOutbox(function=function, args=list(args), key=key, next_attempt_at=func.now() + RELAY_GRACE)
        buffer.session.add(row)
    buffer.items.append((function, args, key))
    buffer.rows.append(row)


def publish(kind: str, key: object, message: str) -> None:
    """Buffer a live event (`api.broker.publish`) for after commit; the same event once."""
    buffer = _current.get()
    if buffer is None:
        raise RuntimeError("publish() outside a unit of work; use api.broker.publish instead")
    if (kind, key, message) not in buffer.events:
        buffer.events.append((kind, key, message))


async def send(function: str, *args: object, key: str | None = None) -> None:
    pool = await broker.pool()
    # arq job ids are global to the Redis database (arq:job:<id>), not per queue: prefix the
    # namespace so two deployments (or test runs) sharing a Redis never swallow each other's jobs.
    job_id = f"{broker.queue_name()}:{key}" if key else None
    await pool.enqueue_job(function, *args, _job_id=job_id, _queue_name=queue_for(function))


async def flush(buffer: _Buffer) -> None:
    """After the commit: send the jobs, forget the outbox rows of those sent, publish the events."""
    items, buffer.items = buffer.items, []
    rows, buffer.rows = buffer.rows, []
    events, buffer.events = buffer.events, []
    _current.set(None)
    sent: list[int] = []
    for (function, args, key), row in zip(items, rows, strict=True):
        try:
            await send(function, *args, key=key)
        except Exception:
            if row is not None:  # committed in the outbox: the relay sends it and the rest
                log.warning("could not enqueue %s; the outbox relay will send it", function, exc_info=True)
                break
            log.exception("could not enqueue %s", function)
            continue
        if row is not None and row.id is not None:  # no id: added in a savepoint that rolled back
            sent.append(row.id)
    if sent and buffer.session is not None:
        try:  # the unit of work's session, in a new transaction after its commit; a delete lost in a
            # crash only means a second send, so it need not wait for the disk (no synchronous commit)
            await buffer.session.execute(text("SET LOCAL synchronous_commit TO OFF"))
            await buffer.session.execute(delete(JobOutbox).where(JobOutbox.id.in_(sent)))
            await buffer.session.commit()
        except Exception:  # the relay sends them again; their keys collapse the duplicates
            log.exception("could not clear %d sent outbox rows", len(sent))
    for kind, channel_key, message in events:
        try:
            await broker.publish(kind, channel_key, message)
        except Exception:  # a live event is only a wake-up; subscribers also poll
            log.exception("could not publish %s", kind)
