from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import read_session
from api.discovery import repository, service
from api.discovery.types import (
    JobPreview,
    SavedSearch,
    SavedSearchConnection,
    SourceRun,
    SourceRunConnection,
    WatchedCompany,
    WatchedCompanyConnection,
)
from api.graphql.context import Context
from api.graphql.permissions import authenticated_field
from api.graphql.relay import Connection, page

ConnectionT = TypeVar("ConnectionT", bound=Connection)
Fetch = Callable[[AsyncSession, int, int, int], Awaitable[tuple[list[Any], int]]]


async def _newest_first(
    info: strawberry.Info, first: int | None, after: str | None, fetch: Fetch, node: Any, connection: type[ConnectionT]
) -> ConnectionT:
    """One page of the viewer's rows: `fetch(session, user_id, offset, limit)` → (rows, total)."""
    context: Context = info.context
    window = page(first, after, context.settings.max_page_size)
    async with read_session() as session:
        rows, total = await fetch(session, context.viewer_id, window.offset, window.limit)
    return connection.build([node.from_model(r) for r in rows], window, total)


@strawberry.type
class DiscoveryQuery:
    @authenticated_field(description="The viewer's saved searches, newest first. `first` is capped at 100.")
    async def saved_searches(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None
    ) -> SavedSearchConnection:
        return await _newest_first(
            info, first, after, repository.saved_searches_page, SavedSearch, SavedSearchConnection
        )

    @authenticated_field(description="The company boards the viewer watches, newest first. `first` is capped at 100.")
    async def watched_companies(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None
    ) -> WatchedCompanyConnection:
        fetch = repository.watched_companies_page
        return await _newest_first(info, first, after, fetch, WatchedCompany, WatchedCompanyConnection)

    @authenticated_field(description="The viewer's source runs, newest first. `first` is capped at 100.")
    async def source_runs(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None
    ) -> SourceRunConnection:
        return await _newest_first(info, first, after, repository.source_runs_page, SourceRun, SourceRunConnection)

    @authenticated_field(
        description="Read a pasted job description (title, company, location, salary, skills) without saving."
    )
    async def job_parse_text(self, info: strawberry.Info, text: str, source_url: str | None = None) -> JobPreview:
        async with read_session() as session:
            return JobPreview.from_result(await service.parse_text(session, info.context.viewer_id, text, source_url))
