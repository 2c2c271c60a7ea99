"""The transactional outbox: what a job request costs a unit of work, and how fast the relay empties
a backlog (what a Redis outage leaves behind).

    .venv/bin/python bench/bench_outbox.py [UNITS] [BACKLOG]

Runs UNITS (default 2,000) units of work that each insert a row and request no job, then as many
that also request one job (outbox row inserted in the transaction, sent to arq after the commit,
row deleted without waiting for the disk), and prints units per second and SQL statements per unit
for both. Then stores BACKLOG (default 10,000) due
outbox rows and times one relay sending them all, and again two relays at once (each row sent once:
the queue length is printed). Figures only: no assertions.

Uses BENCH_DATABASE_URL / BENCH_REDIS_URL (default: the local servers), its own database and Redis
namespace (its queue is deleted at the end).
"""

from __future__ import annotations

import asyncio
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scratch import scratch_database


async def main() -> None:
    units = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    backlog = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    async with scratch_database():
        from api import broker

        try:
            await requests(units)
            await relays(backlog)
        finally:
            pool = await broker.pool()
            await pool.delete(broker.queue_name())
            async for key in pool.scan_iter(match=f"arq:job:{broker.queue_name()}:*"):
                await pool.delete(key)
            await broker.close()


async def requests(units: int) -> None:
    from sqlalchemy import event, text

    from api import db, queue

    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    async with db.unit_of_work() as session:  # the row each unit of work writes
        await session.execute(text("CREATE TABLE bench_rows (id bigserial PRIMARY KEY, n integer)"))
    event.listen(db.get_engine().sync_engine, "before_cursor_execute", record)
    try:
        for label, jobs in (("no job", 0), ("one job", 1)):
            statements.clear()
            started = time.perf_counter()
            for n in range(units):
                async with db.unit_of_work() as session:
                    await session.execute(text("INSERT INTO bench_rows (n) VALUES (:n)"), {"n": n})
                    for _ in range(jobs):
                        queue.enqueue("job_score", n, True, key=f"bench:{n}")
            elapsed = time.perf_counter() - started
            print(f"units of work with {label}: {units / elapsed:,.0f}/s, {len(statements) / units:.1f} SQL statements each")
    finally:
        event.remove(db.get_engine().sync_engine, "before_cursor_execute", record)


async def store(rows: int) -> None:
    from api.db import unit_of_work
    from api.models import JobOutbox

    due = datetime.now(UTC) - timedelta(seconds=1)
    async with unit_of_work() as session:
        session.add_all([JobOutbox(function="job_score", args=[n, True], key=None, next_attempt_at=due) for n in range(rows)])


async def relays(backlog: int) -> None:
    from api import broker
    from api.outbox import relay

    pool = await broker.pool()
    await pool.delete(broker.queue_name())
    await store(backlog)
    started = time.perf_counter()
    sent = await relay()
    elapsed = time.perf_counter() - started
    print(f"one relay: {sent:,} rows sent in {elapsed:.2f} s ({sent / elapsed:,.0f}/s)")
    await pool.delete(broker.queue_name())
    await store(backlog)
    started = time.perf_counter()
    counts = await asyncio.gather(relay(), relay())
    elapsed = time.perf_counter() - started
    queued = await pool.zcard(broker.queue_name())
    print(f"two relays at once: {counts[0]:,} + {counts[1]:,} rows sent in {elapsed:.2f} s; {queued:,} jobs queued")


if __name__ == "__main__":
    asyncio.run(main())
