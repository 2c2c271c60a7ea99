from __future__ import annotations

from api.db import read_session
from api.discovery import repository
from api.graphql.loader import OwnedLoader, group
from api.models import JobImport, PostingSource, SavedSearch, SourceRun, WatchedCompany


class SavedSearchByIdLoader(OwnedLoader[int, SavedSearch]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, SavedSearch]:
        async with read_session() as session:
            return {r.id: r for r in await repository.saved_searches_by_ids(session, self.user_id, keys)}


class WatchedCompanyByIdLoader(OwnedLoader[int, WatchedCompany]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, WatchedCompany]:
        async with read_session() as session:
            return {r.id: r for r in await repository.watched_companies_by_ids(session, self.user_id, keys)}


class SourceRunByIdLoader(OwnedLoader[int, SourceRun]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, SourceRun]:
        async with read_session() as session:
            return {r.id: r for r in await repository.source_runs_by_ids(session, self.user_id, keys)}


class JobImportByIdLoader(OwnedLoader[int, JobImport]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, JobImport]:
        async with read_session() as session:
            return {r.id: r for r in await repository.job_imports_by_ids(session, self.user_id, keys)}


class LatestSourceRunBySavedSearchIdLoader(OwnedLoader[int, SourceRun]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, SourceRun]:
        async with read_session() as session:
            rows = await repository.latest_runs(session, self.user_id, SourceRun.saved_search_id, keys)
        return {r.saved_search_id: r for r in rows}


class LatestSourceRunByWatchedCompanyIdLoader(OwnedLoader[int, SourceRun]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, SourceRun]:
        async with read_session() as session:
            rows = await repository.latest_runs(session, self.user_id, SourceRun.watched_company_id, keys)
        return {r.watched_company_id: r for r in rows}


class PostingSourcesByPostingIdLoader(OwnedLoader[int, list[PostingSource]]):
    """Listings are public facts about a posting; callers reach them only through their own jobs."""

    async def load_many_from_db(self, keys: list[int]) -> dict[int, list[PostingSource]]:
        async with read_session() as session:
            return group(await repository.sources_of(session, keys), "posting_id")

    def missing(self) -> list[PostingSource]:
        return []


