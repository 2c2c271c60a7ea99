from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any

import strawberry
from strawberry import relay

from api import broker
from api.db import read_session
from api.discovery import repository
from api.discovery.tasks import IMPORT_CHANNEL, RUN_CHANNEL, TERMINAL
from api.discovery.types import JobImport, SourceRun
from api.errors import AppError
from api.graphql.context import Context
from api.graphql.relay import decode_id

SAFETY_POLL_SECONDS = 5.0


async def _follow(channel: str, key: int, load: Callable[[], Awaitable[Any]], fingerprint, done) -> AsyncGenerator[Any, None]:
    """Rows are the truth, a publish is only a wake-up: subscribe first, then read the row,
    yield it whenever it changed, stop once it is final."""
    pubsub = (await broker.pool()).pubsub()
    await pubsub.subscribe(broker.channel(channel, key))
    try:
        last = None
        while True:
            row = await load()
            if row is None:
                return
            current = fingerprint(row)
            if current != last:
                last = current
                yield row
            if done(row):
                return
            await pubsub.get_message(ignore_subscribe_messages=True, timeout=SAFETY_POLL_SECONDS)
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()
        await asyncio.sleep(0)


@strawberry.type
class DiscoverySubscription:
    @strawberry.subscription(
        description="Live progress of a source run: sources done of total, found, new, duplicates, status. "
        "Sends the current state first and ends when the run has finished."
    )
    async def source_run_progress(self, info: strawberry.Info, id: relay.GlobalID) -> AsyncGenerator[SourceRun, None]:
        context: Context = info.context
        user_id = context.require_user()
        try:
            run_id = decode_id(id, "SourceRun")
        except AppError:  # like a missing run: nothing to follow
            return

        async def load():
            async with read_session() as session:
                rows = await repository.source_runs_by_ids(session, user_id, [run_id])
            return rows[0] if rows else None

        def fingerprint(r):
            return (r.status, r.sources_done, r.found, r.new, r.duplicates, r.closed, r.matched)

        async for row in _follow(RUN_CHANNEL, run_id, load, fingerprint, lambda r: r.status in TERMINAL):
            yield SourceRun.from_model(row)

    @strawberry.subscription(description="A URL import as it changes; ends once it completed or failed.")
    async def job_import_updated(self, info: strawberry.Info, id: relay.GlobalID) -> AsyncGenerator[JobImport, None]:
        context: Context = info.context
        user_id = context.require_user()
        try:
            import_id = decode_id(id, "JobImport")
        except AppError:
            return

        async def load():
            async with read_session() as session:
                rows = await repository.job_imports_by_ids(session, user_id, [import_id])
            return rows[0] if rows else None

        async for row in _follow(IMPORT_CHANNEL, import_id, load, lambda r: (r.status, r.job_id),
                                 lambda r: r.status != "pending"):
            yield JobImport.from_model(row)
