from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import AsyncSession

from api.db import read_session
from api.discovery import repository
from api.graphql.loader import OwnedLoader, group
from api.models import PostingSource, SourceRun


class _ByIdLoader(OwnedLoader[int, Any]):
    """The viewer's rows by id, read by `fetch(session, user_id, ids)`."""

    fetch: ClassVar[Callable[[AsyncSession, int, list[int]], Awaitable[list[Any]]]]

    async def load_many_from_db(self, keys: list[int]) -> dict[int, Any]:
        async with read_session() as session:
            return {row.id: row for row in await type(self).fetch(session, self.user_id, keys)}


class SavedSearchByIdLoader(_ByIdLoader):
    fetch = repository.saved_searches_by_ids


class WatchedCompanyByIdLoader(_ByIdLoader):
    fetch = repository.watched_companies_by_ids


class SourceRunByIdLoader(_ByIdLoader):
    fetch = repository.source_runs_by_ids


class JobImportByIdLoader(_ByIdLoader):
    fetch = repository.job_imports_by_ids


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
