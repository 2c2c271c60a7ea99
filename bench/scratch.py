"""A scratch database for one bench run: created on the bench server, migrated to head, pointed at
by DATABASE_URL (and REDIS_URL in its own namespace), and dropped afterwards whatever happens."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

SERVER = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


@asynccontextmanager
async def scratch_database() -> AsyncIterator[str]:
    from tests.support.services import create_database, drop_database, migrate

    name = f"cc_bench_{uuid.uuid4().hex[:8]}"
    database_url = await asyncio.to_thread(create_database, SERVER, name)
    os.environ.update(
        DATABASE_URL=database_url, REDIS_URL=REDIS, REDIS_NAMESPACE=f"ccbench-{name}", SECRET_KEY="bench-" + "k" * 40
    )
    try:
        await asyncio.to_thread(migrate, database_url, "head")
        yield database_url
    finally:
        from api import db

        await db.dispose()
        await asyncio.to_thread(drop_database, SERVER, name)
