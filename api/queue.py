"""The only place that enqueues arq jobs.

Jobs requested inside a unit of work are buffered and sent after the transaction commits,
so a worker never sees a job for a row that was rolled back. Each job carries a natural
key as its arq job id, so duplicates collapse and re-runs are idempotent. Live events
(`publish`) are buffered the same way, so a subscriber woken by one finds the committed row.
"""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass, field

from api import broker

log = logging.getLogger(__name__)

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
    items: list[tuple[str, tuple, str | None]] = field(default_factory=list)
    events: list[tuple[str, object, str]] = field(default_factory=list)


_current: contextvars.ContextVar[_Buffer | None] = contextvars.ContextVar("jobs_buffer", default=None)


def begin() -> _Buffer:
    buffer = _Buffer()
    _current.set(buffer)
    return buffer


def discard(buffer: _Buffer) -> None:
    buffer.items.clear()
    buffer.events.clear()
    _current.set(None)


def enqueue(function: str, *args: object, key: str | None = None) -> None:
    """Buffer a job for after commit (or send it now when outside a unit of work)."""
    buffer = _current.get()
    if buffer is None:
        raise RuntimeError("enqueue() outside a unit of work; use send() instead")
    buffer.items.append((function, args, key))


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
    items, buffer.items = buffer.items, []
    events, buffer.events = buffer.events, []
    _current.set(None)
    for function, args, key in items:
        try:
            await send(function, *args, key=key)
        except Exception:  # the write is committed; worker cron sweeps (api/job/sweep.py) pick it up
            log.exception("could not enqueue %s", function)
    for kind, channel_key, message in events:
        try:
            await broker.publish(kind, channel_key, message)
        except Exception:  # a live event is only a wake-up; subscribers also poll
            log.exception("could not publish %s", kind)
