from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from api.db import read_session
from api.discovery import repository
from api.discovery.freshness import CompanyHistory
from api.graphql.loader import OwnedLoader, by_id_loader, group
from api.models import JobImport, PostingSource, SavedSearch, SourceRun, WatchedCompany

SavedSearchByIdLoader = by_id_loader(SavedSearch)
WatchedCompanyByIdLoader = by_id_loader(WatchedCompany)
SourceRunByIdLoader = by_id_loader(SourceRun)
JobImportByIdLoader = by_id_loader(JobImport)
HISTORY_WINDOW = timedelta(days=365)


class _LatestRunLoader(OwnedLoader[int, SourceRun]):
    """The newest run per saved search or watched company (`column` says which)."""

    column: ClassVar[Any]

    async def load_many_from_db(self, keys: list[int]) -> dict[int, SourceRun]:
        column = type(self).column  # read on the class: on an instance the ORM descriptor would look for a row
        async with read_session() as session:
            rows = await repository.latest_runs(session, self.user_id, column, keys)
        return {getattr(row, column.key): row for row in rows}


class LatestSourceRunBySavedSearchIdLoader(_LatestRunLoader):
    column = SourceRun.saved_search_id


class LatestSourceRunByWatchedCompanyIdLoader(_LatestRunLoader):
    column = SourceRun.watched_company_id


class PostingSourcesByPostingIdLoader(OwnedLoader[int, list[PostingSource]]):
    """Listings are public facts about a posting; callers reach them only through their own jobs."""

    async def load_many_from_db(self, keys: list[int]) -> dict[int, list[PostingSource]]:
        async with read_session() as session:
            return group(await repository.sources_of(session, keys), "posting_id")

    def missing(self) -> list[PostingSource]:
        return []


class PostingFreshnessByPostingIdLoader(OwnedLoader[int, Any]):
    """A posting's dates and repost chain (public facts, reached only through the caller's jobs)."""

    async def load_many_from_db(self, keys: list[int]) -> dict[int, Any]:
        async with read_session() as session:
            return {row.id: row for row in await repository.freshness_of_postings(session, keys)}


class CompanyHistoryByCompanyLoader(OwnedLoader[str, CompanyHistory | None]):
    """The caller's applications of the last year to a company (keyed by its lower-cased name)."""

    async def load_many_from_db(self, keys: list[str]) -> dict[str, CompanyHistory | None]:
        since = datetime.now(UTC) - HISTORY_WINDOW
        async with read_session() as session:
            rows = await repository.company_histories(session, self.user_id, keys, since)
        return {row.company: CompanyHistory(row.company, row.applications, row.responses) for row in rows}
