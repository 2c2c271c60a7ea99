"""A scratch database for one bench run: created on the bench server, migrated to head, pointed at
by DATABASE_URL (and REDIS_URL in its own namespace), and dropped afterwards whatever happens."""

from __future__ import annotations

import asyncio
import os
import random
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

SERVER = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


@asynccontextmanager
async def scratch_database() -> AsyncIterator[str]:
    from tests.support.services import create_database, drop_database, migrate

    name = f"cc_bench_{uuid.uuid4().hex[:8]}"
    database_url = await asyncio.to_thread(create_database, SERVER, name)
    os.environ.update(
        DATABASE_URL=database_url,
        REDIS_URL=REDIS,
        REDIS_NAMESPACE=f"ccbench-{name}",
        SECRET_KEY="bench-" + "k" * 40,
        STATEMENT_TIMEOUT="0",  # seeding 100k rows in one statement is not a request
    )
    try:
        await asyncio.to_thread(migrate, database_url, "head")
        yield database_url
    finally:
        from api import db

        await db.dispose()
        await asyncio.to_thread(drop_database, SERVER, name)


POSTING_COLUMNS = ("id", "source", "fuzzy_key", "company", "title", "skills", "posted_at")


def posting_rows(rng: random.Random, now: datetime, skills: Sequence[str], count: int = 6000) -> list[tuple]:
    """Postings of the last 60 days, three skills each; Kubernetes rises in the last 30 (a market nudge to find)."""
    rows = []
    for posting_id in range(1, count + 1):
        posted = now - timedelta(days=rng.randint(0, 59), hours=rng.randint(0, 23))
        rising = ["Kubernetes"] if posted > now - timedelta(days=30) and rng.random() < 0.3 else []
        rows.append(
            (
                posting_id,
                "bench",
                f"key{posting_id}",
                f"Company {posting_id % 800}",
                "Engineer",
                rng.sample(skills, 3) + rising,
                posted,
            )
        )
    return rows
