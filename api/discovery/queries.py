from __future__ import annotations

import strawberry

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
from api.graphql.permissions import authenticated_field
from api.graphql.relay import viewer_connection


@strawberry.type
class DiscoveryQuery:
    @authenticated_field(description="The viewer's saved searches, newest first. `first` is capped at 100.")
    async def saved_searches(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None
    ) -> SavedSearchConnection:
        return await viewer_connection(info, first, after, SavedSearchConnection, SavedSearch, repository.saved_searches_page)

    @authenticated_field(description="The company boards the viewer watches, newest first. `first` is capped at 100.")
    async def watched_companies(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None
    ) -> WatchedCompanyConnection:
        fetch = repository.watched_companies_page
        return await viewer_connection(info, first, after, WatchedCompanyConnection, WatchedCompany, fetch)

    @authenticated_field(description="The viewer's source runs, newest first. `first` is capped at 100.")
    async def source_runs(self, info: strawberry.Info, first: int | None = 20, after: str | None = None) -> SourceRunConnection:
        return await viewer_connection(info, first, after, SourceRunConnection, SourceRun, repository.source_runs_page)

    @authenticated_field(description="Read a pasted job description (title, company, location, salary, skills) without saving.")
    async def job_parse_text(self, info: strawberry.Info, text: str, source_url: str | None = None) -> JobPreview:
        async with read_session() as session:
            return JobPreview.from_result(await service.parse_text(session, info.context.viewer_id, text, source_url))
