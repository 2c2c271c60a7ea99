from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from api.discovery.freshness import CompanyHistory, staleness
from api.discovery.loaders import (
    CompanyHistoryByCompanyLoader,
    JobImportByIdLoader,
    LatestSourceRunBySavedSearchIdLoader,
    LatestSourceRunByWatchedCompanyIdLoader,
    PostingFreshnessByPostingIdLoader,
    SavedSearchByIdLoader,
    SourceRunByIdLoader,
    WatchedCompanyByIdLoader,
)
from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped, from_result
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection, DeletePayload, NodeIdInput
from api.models import JobImport as JobImportModel
from api.models import SourceRun as SourceRunModel
from api.vocabulary import JobBoard, JobImportStatus, JobType, RemoteOption, SearchSource, SourceRunStatus, SourceRunTrigger

if TYPE_CHECKING:
    from api.job.types import Job

expose(JobBoard, description="Company job boards that can be watched by their board token")
expose(SearchSource, description="Job search sources a saved search runs on (Adzuna/USAJobs need API keys)")
expose(SourceRunStatus, SourceRunTrigger, JobImportStatus)


def _global_id(type_name: str, db_id: int | None) -> relay.GlobalID | None:
    return relay.GlobalID(type_name, str(db_id)) if db_id else None


@strawberry.type(description="What one source contributed to a run.")
class SourceOutcome:
    # Defaults: outcomes are JSON stored with the run, read back as they were written.
    source: str = ""
    status: str = strawberry.field(default="", description="ok | skipped | error")
    message: str = ""
    found: int = 0
    new: int = 0
    duplicates: int = 0
    closed: int = 0
    matched: int = 0


@strawberry.type(name="SourceRun", description="One fetch of a saved search or watched company, with live progress.")
class SourceRun(OwnedNode, loader=SourceRunByIdLoader):
    label: str
    trigger: SourceRunTrigger
    status: SourceRunStatus
    sources_total: int
    sources_done: int
    found: int = strawberry.field(description="Postings the sources listed")
    new: int = strawberry.field(description="Postings never seen before (reposts included)")
    duplicates: int = strawberry.field(description="Postings already known (same listing, URL or company/title/location)")
    closed: int = strawberry.field(description="Postings gone from a board since its last fetch")
    matched: int = strawberry.field(description="Jobs added to your list by this run")
    outcomes: list[SourceOutcome]
    error: str | None
    started_at: datetime | None
    finished_at: datetime | None
    created_at: datetime
    saved_search_id: relay.GlobalID | None
    watched_company_id: relay.GlobalID | None

    @classmethod
    def from_model(cls, m: SourceRunModel) -> SourceRun:  # type: ignore[override]
        return from_result(
            cls,
            m,
            outcomes=m.outcomes or [],
            saved_search_id=_global_id("SavedSearch", m.saved_search_id),
            watched_company_id=_global_id("WatchedCompany", m.watched_company_id),
        )


@strawberry.type(name="SavedSearch")
class SavedSearch(OwnedNode, loader=SavedSearchByIdLoader):
    name: str
    keywords: list[str]
    locations: list[str]
    remote: bool | None = strawberry.field(description="true: remote only; false: on-site/hybrid only; null: any")
    sources: list[SearchSource] = strawberry.field(description="Empty: every search source")
    interval_hours: int
    last_run_at: datetime | None
    next_run_at: datetime | None
    created_at: datetime

    @strawberry.field(description="The newest run, if any.")
    async def last_run(self, info: strawberry.Info) -> SourceRun | None:
        row = await LatestSourceRunBySavedSearchIdLoader.of(info.context).load(self.id)
        return SourceRun.from_model(row) if row else None


@strawberry.type(name="WatchedCompany")
class WatchedCompany(OwnedNode, loader=WatchedCompanyByIdLoader):
    source: JobBoard
    board_token: str
    name: str
    interval_hours: int
    last_run_at: datetime | None
    next_run_at: datetime | None
    created_at: datetime

    @strawberry.field(description="The newest run, if any.")
    async def last_run(self, info: strawberry.Info) -> SourceRun | None:
        row = await LatestSourceRunByWatchedCompanyIdLoader.of(info.context).load(self.id)
        return SourceRun.from_model(row) if row else None


@strawberry.type(description="A job board listing of a discovered job.")
class JobSource(Mapped):
    source: str
    url: str
    first_seen_at: datetime
    last_seen_at: datetime
    closed_at: datetime | None


@strawberry.type(description="A cautious signal that a job may no longer be filled, with its evidence; never a verdict.")
class JobFreshness:
    possibly_stale: bool = strawberry.field(description="Only when a strong signal holds or two weaker ones agree")
    evidence: list[str] = strawberry.field(description="The facts behind the signal, e.g. 'Listed for 74 days'")
    expires_at: datetime | None = strawberry.field(description="The job board's own expiry date, when it gives one")


async def job_freshness(info: strawberry.Info, job: Job) -> JobFreshness:
    """Batched: one statement for the postings and one for the caller's company histories per request."""
    posting_loader = PostingFreshnessByPostingIdLoader.of(info.context)
    history_loader = CompanyHistoryByCompanyLoader.of(info.context)
    posting, history = await asyncio.gather(
        posting_loader.load(job.posting_id) if job.posting_id is not None else _none(),
        history_loader.load(job.company.lower()),
    )
    company = CompanyHistory(job.company, history.applications, history.responses) if history else None
    now = datetime.now(UTC)
    if posting is None:  # a job added by hand: only the person's own history speaks
        result = staleness(None, None, None, 0, job.closed_at, company, now)
        return JobFreshness(possibly_stale=result.possibly_stale, evidence=result.evidence, expires_at=None)
    result = staleness(
        posting.posted_at,
        posting.first_seen_at,
        posting.expires_at,
        posting.repost_count,
        job.closed_at or posting.closed_at,
        company,
        now,
        first_posted_at=posting.first_posted_at,
    )
    return JobFreshness(possibly_stale=result.possibly_stale, evidence=result.evidence, expires_at=posting.expires_at)


async def _none() -> None:
    return None


@strawberry.type
class PreviewSalary:
    min: float | None
    max: float | None
    currency: str | None
    period: str | None = strawberry.field(description="year | month | week | day | hour")


@strawberry.type(description="What we read from a page or a pasted description, before it becomes a job.")
class JobPreview(Mapped):
    title: str
    company: str
    locations: list[str]
    remote: RemoteOption | None = strawberry.field(name="remoteOption")  # the preview dict's name
    job_type: JobType | None
    salary: PreviewSalary | None
    description: str
    skills: list[str]
    posted_at: datetime | None
    url: str | None
    extraction: str = strawberry.field(description="json-ld | microdata | rdfa | text | pasted")


@strawberry.type(name="JobImport", description="A job being imported from a URL: pending, then a preview to save.")
class JobImport(OwnedNode, loader=JobImportByIdLoader):
    url: str
    status: JobImportStatus
    preview: JobPreview | None
    error: str | None = strawberry.field(description="Why it failed, in plain words")
    error_code: str | None
    created_at: datetime
    updated_at: datetime
    job_db_id: strawberry.Private[int | None] = None

    @strawberry.field(description="The job it was saved as, once saved.")
    async def job(self, info: strawberry.Info) -> Annotated["Job", strawberry.lazy("api.job.types")] | None:
        from api.job.loaders import JobByIdLoader
        from api.job.types import Job

        if self.job_db_id is None:
            return None
        row = await JobByIdLoader.of(info.context).load(self.job_db_id)
        return Job.from_model(row) if row else None

    @classmethod
    def from_model(cls, m: JobImportModel) -> JobImport:  # type: ignore[override]
        return from_result(cls, m, job_db_id=m.job_id)


@strawberry.type
class SavedSearchConnection(Connection[SavedSearch]):
    pass


@strawberry.type
class WatchedCompanyConnection(Connection[WatchedCompany]):
    pass


@strawberry.type
class SourceRunConnection(Connection[SourceRun]):
    pass


# --- inputs and payloads -----------------------------------------------------------------------


@strawberry.input
class SavedSearchCreateInput:
    keywords: list[str]
    name: str | None = None
    locations: list[str] | None = None
    remote: bool | None = None
    sources: list[SearchSource] | None = strawberry.field(default=None, description="Omit for every search source")
    interval_hours: int | None = strawberry.field(default=None, description="Default 24 (daily)")


@strawberry.input
class SavedSearchUpdateInput(NodeIdInput):
    name: str | None = strawberry.UNSET
    keywords: list[str] | None = strawberry.UNSET
    locations: list[str] | None = strawberry.UNSET
    remote: bool | None = strawberry.UNSET
    sources: list[SearchSource] | None = strawberry.UNSET
    interval_hours: int | None = strawberry.UNSET


@strawberry.input
class SavedSearchDeleteInput(NodeIdInput):
    pass


@strawberry.type
class SavedSearchPayload:
    saved_search: SavedSearch | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class SavedSearchDeletePayload(DeletePayload):
    pass


@strawberry.input
class WatchedCompanyAddInput:
    source: JobBoard
    board_token: str = strawberry.field(
        description="The board slug ('vercel') or the board's URL; Workday: 'tenant/site/wdN' or the careers URL; "
        "CAREERS_PAGE: the page's URL"
    )
    name: str | None = None
    interval_hours: int | None = None


@strawberry.input
class WatchedCompanyRemoveInput(NodeIdInput):
    pass


@strawberry.type
class WatchedCompanyRemovePayload(DeletePayload):
    pass


@strawberry.type
class WatchedCompanyPayload:
    watched_company: WatchedCompany | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class SourceRefreshInput:
    saved_search_id: relay.GlobalID | None = None
    watched_company_id: relay.GlobalID | None = None


@strawberry.type
class SourceRunPayload:
    source_run: SourceRun | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class JobImportFromUrlInput:
    url: str


@strawberry.type
class JobImportPayload:
    job_import: JobImport | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input(description="Fields given here replace what was read from the page or text.")
class JobImportSaveInput:
    id: relay.GlobalID
    company: str | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    location: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    salary_min: int | None = strawberry.UNSET
    salary_max: int | None = strawberry.UNSET
    salary_currency: str | None = strawberry.UNSET
    job_type: JobType | None = strawberry.UNSET
    remote_option: RemoteOption | None = strawberry.UNSET
    tech_stack: list[str] | None = strawberry.UNSET


@strawberry.input
class JobCreateFromTextInput:
    text: str
    source_url: str | None = None
    company: str | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    location: str | None = strawberry.UNSET
