"""The transactional outbox in tests: a queue no worker consumes, the outbox's rows, rows made old,
and the app's broker on a private Redis that a test may stop and start again."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from api import broker
from api.config import get_settings
from api.db import read_session, unit_of_work
from api.models import JobOutbox
from tests.support.processes import PrivateRedis
from worker.lease import LeasedWorker


async def outbox_rows() -> list[JobOutbox]:
    async with read_session() as session:
        return list((await session.execute(select(JobOutbox).order_by(JobOutbox.id))).scalars())


async def clear_outbox() -> None:
    async with unit_of_work() as session:
        await session.execute(delete(JobOutbox))


async def queued_ids() -> list[str]:
    """The ids of the jobs waiting in this run's queue (as namespaced by the settings now)."""
    return [i.decode() for i in await (await broker.pool()).zrange(broker.queue_name(), 0, -1)]


async def made_old(since: Any, row_id: int, minutes: int) -> None:
    """Move a row's timestamp column `since` (e.g. `Document.updated_at`) `minutes` into the past."""
    model = since.class_
    async with unit_of_work() as session:
        await session.execute(update(model).where(model.id == row_id).values({since.key: since - timedelta(minutes=minutes)}))


async def _drop_queue() -> None:
    pool = await broker.pool()
    ids = await pool.zrange(broker.queue_name(), 0, -1)
    if ids:
        await pool.delete(*[b"arq:job:" + job_id for job_id in ids])
    await pool.delete(broker.queue_name())


@pytest.fixture
async def idle_queue(monkeypatch) -> AsyncIterator[str]:
    """This test's jobs go to a queue of their own that no worker consumes (a namespace of its
    own), so requested work stays pending and what was sent can be counted; the outbox starts
    and ends empty."""
    settings = get_settings()
    monkeypatch.setattr(settings, "redis_namespace", f"{settings.redis_namespace}-idle-{uuid.uuid4().hex[:8]}")
    await clear_outbox()
    yield broker.queue_name()
    await _drop_queue()
    await clear_outbox()


@pytest.fixture
async def broker_on_private_redis(private_redis: PrivateRedis, monkeypatch) -> AsyncIterator[PrivateRedis]:
    """The app's broker (and any worker made from the settings) on a Redis of the test's own, which
    the test may stop and start again; the outbox starts and ends empty."""
    monkeypatch.setattr(get_settings(), "redis_url", private_redis.url)
    await broker.close()
    await clear_outbox()
    yield private_redis
    private_redis.stop()
    await broker.close()  # the next use connects to the session's Redis again
    await clear_outbox()


@contextlib.asynccontextmanager
async def worker_on_the_current_redis():
    """The real arq workers (default and heavy queue) made from the settings as they are now (the
    private Redis); the value is the default queue's."""
    from worker.main import heavy_worker_settings, worker_settings

    instances = []
    for settings in (worker_settings(), heavy_worker_settings()):
        settings.pop("on_shutdown")  # the app shares the engine and pool with it in this process
        settings["cron_jobs"] = []
        instances.append(LeasedWorker(**settings, handle_signals=False, poll_delay=0.05))
    tasks = [asyncio.create_task(instance.async_run()) for instance in instances]
    try:
        yield instances[0]
    finally:
        for task, instance in zip(tasks, instances, strict=True):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
            await instance.close()
