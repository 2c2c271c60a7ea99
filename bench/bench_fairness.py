"""One person's burst of generations vs another person's alert: how long the alert takes.

One person fires BENCH_BURST `coverLetterGenerate` calls at once (offline engine, rate limit off);
right after, another person adds a strongly matching job. Prints the seconds until that person's
alert (the notification row) exists and how many of the burst's letters were still unfinished then:
with the heavy queue (api.queue.HEAVY, as shipped) and, for comparison, everything on one queue.
Figures only: no assertions.

Uses BENCH_DATABASE_URL / BENCH_REDIS_URL (default: the local servers) and its own database.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scratch import scratch_database

BURST = int(os.environ.get("BENCH_BURST", "100"))
PARALLEL = 20  # requests of the burst in flight at once
COVER_LETTER = """
mutation Letter($input: CoverLetterGenerateInput!) { coverLetterGenerate(input: $input) { errors { code } } }
"""


async def main() -> None:
    async with scratch_database():
        await run()


async def count(sql: str, user_id: int) -> int:
    from sqlalchemy import text

    from api.db import read_session

    async with read_session() as session:
        return (await session.execute(text(sql), {"user": user_id})).scalar_one()


async def one_round(client, one_queue: bool) -> tuple[float, int]:
    from api import broker, queue
    from tests.support.graphql import db_id, signed_up
    from tests.support.jobs import PROFILE_UPDATE, STRONG_JOB, STRONG_PROFILE, create_job

    original = queue.queue_for
    if one_queue:
        queue.queue_for = lambda function: broker.queue_name()  # type: ignore[assignment]
    try:
        busy, other = await signed_up(client), await signed_up(client)
        await other.gql(PROFILE_UPDATE, {"input": STRONG_PROFILE})
        job_id = await create_job(busy, company="Acme", title="Engineer")
        gate = asyncio.Semaphore(PARALLEL)

        async def letter() -> None:
            async with gate:
                await busy.gql(COVER_LETTER, {"input": {"jobId": job_id, "tone": "CASUAL"}})

        await asyncio.gather(*(letter() for _ in range(BURST)))
        started = time.perf_counter()
        await create_job(other, **STRONG_JOB)
        while not await count("SELECT count(*) FROM notifications WHERE user_id = :user", db_id(other.user_id)):
            await asyncio.sleep(0.05)
        waited = time.perf_counter() - started
        unfinished = await count(
            "SELECT count(*) FROM documents WHERE user_id = :user AND status IN ('pending', 'streaming')", db_id(busy.user_id)
        )
        deadline = time.perf_counter() + 120  # let the burst finish before the next round
        while time.perf_counter() < deadline and await count(
            "SELECT count(*) FROM documents WHERE user_id = :user AND status = 'pending'", db_id(busy.user_id)
        ):
            await asyncio.sleep(0.2)
        return waited, unfinished
    finally:
        queue.queue_for = original  # type: ignore[assignment]


async def run() -> None:
    import httpx
    from arq.worker import Worker

    from api.app import create_app
    from api.config import get_settings
    from tests.support.running import running_server
    from worker.main import heavy_worker_settings, worker_settings

    get_settings.cache_clear()
    settings = get_settings()
    settings.rate_limit_generations = 0  # the queues alone
    settings.openai_model = ""
    workers = []
    for each in (worker_settings(), heavy_worker_settings()):
        each.update(on_shutdown=None, cron_jobs=[])
        workers.append(Worker(**each, handle_signals=False, poll_delay=0.05))
    tasks = [asyncio.create_task(w.async_run()) for w in workers]
    try:
        async with running_server(create_app()) as url, httpx.AsyncClient(base_url=url, timeout=120) as client:
            print(f"burst of {BURST} cover letters, then another person's strong match")
            for label, one_queue in (("heavy queue (shipped)", False), ("one queue (before)", True)):
                waited, unfinished = await one_round(client, one_queue)
                print(f"{label:>22}: alert after {waited:6.2f} s, {unfinished:>4} of the burst still unfinished then")
    finally:
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


if __name__ == "__main__":
    asyncio.run(main())
