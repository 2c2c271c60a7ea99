from __future__ import annotations

from typing import Any

import strawberry

from api.db import unit_of_work
from api.discovery import service
from api.discovery.types import (
    JobCreateFromTextInput,
    JobImport,
    JobImportFromUrlInput,
    JobImportPayload,
    JobImportSaveInput,
    SavedSearch,
    SavedSearchCreateInput,
    SavedSearchDeleteInput,
    SavedSearchDeletePayload,
    SavedSearchPayload,
    SavedSearchUpdateInput,
    SourceRefreshInput,
    SourceRun,
    SourceRunPayload,
    WatchedCompany,
    WatchedCompanyAddInput,
    WatchedCompanyPayload,
    WatchedCompanyRemoveInput,
    WatchedCompanyRemovePayload,
)
from api.graphql.errors import run_mutation
from api.graphql.inputs import given_fields
from api.graphql.relay import decode_id
from api.job.types import Job, JobPayload

_SEARCH_FIELDS = ("name", "keywords", "locations", "remote", "sources", "interval_hours")
_JOB_FIELDS = ("company", "title", "location", "description", "salary_min", "salary_max", "salary_currency",
               "job_type", "remote_option", "tech_stack")


def _search_changes(input: Any) -> service.SearchChanges:
    changes = service.SearchChanges()
    for name, value in given_fields(input, _SEARCH_FIELDS).items():
        setattr(changes, name, value)
        changes.given.add(name)
    return changes


@strawberry.type
class DiscoveryMutation:
    @strawberry.mutation(description="Save a search the worker runs on a schedule (daily by default).")
    async def saved_search_create(self, info: strawberry.Info, input: SavedSearchCreateInput) -> SavedSearchPayload:
        user_id = info.context.require_user()

        async def build() -> SavedSearchPayload:
            async with unit_of_work() as session:
                search = await service.create_search(session, user_id, _search_changes(input))
                return SavedSearchPayload(saved_search=SavedSearch.from_model(search))

        return await run_mutation(build, lambda errors: SavedSearchPayload(errors=errors))

    @strawberry.mutation(description="Change a saved search; only the fields given change.")
    async def saved_search_update(self, info: strawberry.Info, input: SavedSearchUpdateInput) -> SavedSearchPayload:
        user_id = info.context.require_user()

        async def build() -> SavedSearchPayload:
            search_id = decode_id(input.id, "SavedSearch")
            async with unit_of_work() as session:
                search = await service.update_search(session, user_id, search_id, _search_changes(input))
                return SavedSearchPayload(saved_search=SavedSearch.from_model(search))

        return await run_mutation(build, lambda errors: SavedSearchPayload(errors=errors))

    @strawberry.mutation(description="Delete a saved search (its jobs stay).")
    async def saved_search_delete(self, info: strawberry.Info, input: SavedSearchDeleteInput) -> SavedSearchDeletePayload:
        user_id = info.context.require_user()

        async def build() -> SavedSearchDeletePayload:
            search_id = decode_id(input.id, "SavedSearch")
            async with unit_of_work() as session:
                await service.delete_search(session, user_id, search_id)
            return SavedSearchDeletePayload(deleted_id=input.id)

        return await run_mutation(build, lambda errors: SavedSearchDeletePayload(errors=errors))

    @strawberry.mutation(description="Watch a company's Greenhouse, Lever or Ashby board.")
    async def watched_company_add(self, info: strawberry.Info, input: WatchedCompanyAddInput) -> WatchedCompanyPayload:
        user_id = info.context.require_user()

        async def build() -> WatchedCompanyPayload:
            async with unit_of_work() as session:
                company = await service.add_company(
                    session, user_id, input.source.value, input.board_token, input.name, input.interval_hours
                )
                return WatchedCompanyPayload(watched_company=WatchedCompany.from_model(company))

        return await run_mutation(build, lambda errors: WatchedCompanyPayload(errors=errors))

    @strawberry.mutation(description="Stop watching a company board (its jobs stay).")
    async def watched_company_remove(
        self, info: strawberry.Info, input: WatchedCompanyRemoveInput
    ) -> WatchedCompanyRemovePayload:
        user_id = info.context.require_user()

        async def build() -> WatchedCompanyRemovePayload:
            company_id = decode_id(input.id, "WatchedCompany")
            async with unit_of_work() as session:
                await service.remove_company(session, user_id, company_id)
            return WatchedCompanyRemovePayload(deleted_id=input.id)

        return await run_mutation(build, lambda errors: WatchedCompanyRemovePayload(errors=errors))

    @strawberry.mutation(
        description="Fetch a saved search or watched company now. Follow it with sourceRunProgress. "
        "One refresh at a time: another while one runs is RATE_LIMITED."
    )
    async def source_refresh(self, info: strawberry.Info, input: SourceRefreshInput) -> SourceRunPayload:
        user_id = info.context.require_user()

        async def build() -> SourceRunPayload:
            search_id = decode_id(input.saved_search_id, "SavedSearch", "savedSearchId") if input.saved_search_id else None
            company_id = (decode_id(input.watched_company_id, "WatchedCompany", "watchedCompanyId")
                          if input.watched_company_id else None)
            async with unit_of_work() as session:
                run = await service.refresh(session, user_id, saved_search_id=search_id, watched_company_id=company_id)
                return SourceRunPayload(source_run=SourceRun.from_model(run))

        return await run_mutation(build, lambda errors: SourceRunPayload(errors=errors))

    @strawberry.mutation(
        description="Import a job from its page. Returns a pending import at once; the worker reads the page "
        "(schema.org JobPosting, else its main text). Poll node(id) or subscribe to jobImportUpdated."
    )
    async def job_import_from_url(self, info: strawberry.Info, input: JobImportFromUrlInput) -> JobImportPayload:
        user_id = info.context.require_user()

        async def build() -> JobImportPayload:
            async with unit_of_work() as session:
                item = await service.import_from_url(session, user_id, input.url)
                return JobImportPayload(job_import=JobImport.from_model(item))

        return await run_mutation(build, lambda errors: JobImportPayload(errors=errors))

    @strawberry.mutation(description="Save a completed import as a job; fields given replace what was read.")
    async def job_import_save(self, info: strawberry.Info, input: JobImportSaveInput) -> JobPayload:
        user_id = info.context.require_user()

        async def build() -> JobPayload:
            import_id = decode_id(input.id, "JobImport")
            async with unit_of_work() as session:
                job = await service.save_import(session, user_id, import_id, given_fields(input, _JOB_FIELDS))
                return JobPayload(job=Job.from_model(job))

        return await run_mutation(build, lambda errors: JobPayload(errors=errors))

    @strawberry.mutation(description="Create a job from a pasted description (see jobParseText for a preview).")
    async def job_create_from_text(self, info: strawberry.Info, input: JobCreateFromTextInput) -> JobPayload:
        user_id = info.context.require_user()

        async def build() -> JobPayload:
            async with unit_of_work() as session:
                job = await service.create_from_text(session, user_id, input.text, input.source_url, given_fields(input, _JOB_FIELDS))
                return JobPayload(job=Job.from_model(job))

        return await run_mutation(build, lambda errors: JobPayload(errors=errors))
