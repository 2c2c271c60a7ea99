from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Hashable
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from api import broker
from api.db import read_session
from api.discovery import repository
from api.discovery.tasks import IMPORT_CHANNEL, RUN_CHANNEL, TERMINAL
from api.discovery.types import JobImport, SourceRun
from api.errors import AppError
from api.graphql.relay import decode_id
from api.vocabulary import JobImportStatus

SAFETY_POLL_SECONDS = 5.0


async def _follow(
    info: strawberry.Info,
    global_id: relay.GlobalID,
    type_name: str,
    channel: str,
    by_ids: Callable[[AsyncSession, int, list[int]], Awaitable[list[Any]]],
    state: Callable[[Any], Hashable],
    done: Callable[[Any], bool],
) -> AsyncGenerator[Any, None]:
    """Rows are the truth, a publish is only a wake-up: subscribe first, then read the viewer's
    row, yield it whenever its state changed, stop once it is final (or missing)."""
    # Checked here, not by a permission class: a refused subscription must arrive as a result
    # with errors ("next"), which a permission class would turn into a protocol "error".
    user_id = info.context.viewer_id
    try:
        row_id = decode_id(global_id, type_name)
    except AppError:  # like a missing row: nothing to follow
        return
    async with broker.hub().listen(broker.channel(channel, row_id)) as listener:
        last = None
        while True:
            async with read_session() as session:
                rows = await by_ids(session, user_id, [row_id])
            if not rows:
                return
            current = state(rows[0])
            if current != last:
                last = current
                yield rows[0]
            if done(rows[0]):
                return
            await listener.wait(SAFETY_POLL_SECONDS)
            listener.take()


@strawberry.type
class DiscoverySubscription:
    @strawberry.subscription(
        description="Live progress of a source run: sources done of total, found, new, duplicates, status. "
        "Sends the current state first and ends when the run has finished."
    )
    async def source_run_progress(self, info: strawberry.Info, id: relay.GlobalID) -> AsyncGenerator[SourceRun, None]:
        async for row in _follow(
            info,
            id,
            "SourceRun",
            RUN_CHANNEL,
            repository.source_runs_by_ids,
            state=lambda r: (r.status, r.sources_done, r.found, r.new, r.duplicates, r.closed, r.matched),
            done=lambda r: r.status in TERMINAL,
        ):
            yield SourceRun.from_model(row)

    @strawberry.subscription(description="A URL import as it changes; ends once it completed or failed.")
    async def job_import_updated(self, info: strawberry.Info, id: relay.GlobalID) -> AsyncGenerator[JobImport, None]:
        async for row in _follow(
            info,
            id,
            "JobImport",
            IMPORT_CHANNEL,
            repository.job_imports_by_ids,
            state=lambda r: (r.status, r.job_id),
            done=lambda r: r.status != JobImportStatus.PENDING,
        ):
            yield JobImport.from_model(row)
