from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

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
from api.graphql.inputs import given_fields
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.job.types import Job, JobPayload

_JOB_FIELDS = (
    "company",
    "title",
    "location",
    "description",
    "salary_min",
    "salary_max",
    "salary_currency",
    "job_type",
    "remote_option",
    "tech_stack",
)


@strawberry.type
class DiscoveryMutation:
    @mutation(description="Save a search the worker runs on a schedule (daily by default).")
    async def saved_search_create(self, session: AsyncSession, user_id: int, input: SavedSearchCreateInput) -> SavedSearchPayload:
        search = await service.create_search(session, user_id, given_fields(input))
        return SavedSearchPayload(saved_search=SavedSearch.from_model(search))

    @mutation(description="Change a saved search; only the fields given change.")
    async def saved_search_update(self, session: AsyncSession, user_id: int, input: SavedSearchUpdateInput) -> SavedSearchPayload:
        changes = given_fields(input, exclude=("id",))
        search = await service.update_search(session, user_id, decode_id(input.id, "SavedSearch"), changes)
        return SavedSearchPayload(saved_search=SavedSearch.from_model(search))

    @mutation(description="Delete a saved search (its jobs stay).")
    async def saved_search_delete(
        self, session: AsyncSession, user_id: int, input: SavedSearchDeleteInput
    ) -> SavedSearchDeletePayload:
        await service.delete_search(session, user_id, decode_id(input.id, "SavedSearch"))
        return SavedSearchDeletePayload(deleted_id=input.id)

    @mutation(description="Watch a company's Greenhouse, Lever or Ashby board.")
    async def watched_company_add(
        self, session: AsyncSession, user_id: int, input: WatchedCompanyAddInput
    ) -> WatchedCompanyPayload:
        company = await service.add_company(session, user_id, input.source, input.board_token, input.name, input.interval_hours)
        return WatchedCompanyPayload(watched_company=WatchedCompany.from_model(company))

    @mutation(description="Stop watching a company board (its jobs stay).")
    async def watched_company_remove(
        self, session: AsyncSession, user_id: int, input: WatchedCompanyRemoveInput
    ) -> WatchedCompanyRemovePayload:
        await service.remove_company(session, user_id, decode_id(input.id, "WatchedCompany"))
        return WatchedCompanyRemovePayload(deleted_id=input.id)

    @mutation(
        description="Fetch a saved search or watched company now. Follow it with sourceRunProgress. "
        "One refresh at a time: another while one runs is RATE_LIMITED."
    )
    async def source_refresh(self, session: AsyncSession, user_id: int, input: SourceRefreshInput) -> SourceRunPayload:
        search_id = decode_id(input.saved_search_id, "SavedSearch", "saved_search_id") if input.saved_search_id else None
        company_id = (
            decode_id(input.watched_company_id, "WatchedCompany", "watched_company_id") if input.watched_company_id else None
        )
        run = await service.refresh(session, user_id, saved_search_id=search_id, watched_company_id=company_id)
        return SourceRunPayload(source_run=SourceRun.from_model(run))

    @mutation(
        description="Import a job from its page. Returns a pending import at once; the worker reads the page "
        "(schema.org JobPosting, else its main text). Poll node(id) or subscribe to jobImportUpdated."
    )
    async def job_import_from_url(self, session: AsyncSession, user_id: int, input: JobImportFromUrlInput) -> JobImportPayload:
        return JobImportPayload(job_import=JobImport.from_model(await service.import_from_url(session, user_id, input.url)))

    @mutation(description="Save a completed import as a job; fields given replace what was read.")
    async def job_import_save(self, session: AsyncSession, user_id: int, input: JobImportSaveInput) -> JobPayload:
        job = await service.save_import(session, user_id, decode_id(input.id, "JobImport"), given_fields(input, _JOB_FIELDS))
        return JobPayload(job=Job.from_model(job))

    @mutation(description="Create a job from a pasted description (see jobParseText for a preview).")
    async def job_create_from_text(self, session: AsyncSession, user_id: int, input: JobCreateFromTextInput) -> JobPayload:
        overrides = given_fields(input, _JOB_FIELDS)
        job = await service.create_from_text(session, user_id, input.text, input.source_url, overrides)
        return JobPayload(job=Job.from_model(job))
