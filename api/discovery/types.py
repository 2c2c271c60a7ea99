from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Iterable

import strawberry
from strawberry import relay

from api.graphql.context import Context
from api.graphql.errors import FieldError
from api.graphql.relay import Connection, encode_id
from api.job.types import JobType, RemoteOption
from api.models import JobImport as JobImportModel
from api.models import PostingSource as PostingSourceModel
from api.models import SavedSearch as SavedSearchModel
from api.models import SourceRun as SourceRunModel
from api.models import WatchedCompany as WatchedCompanyModel

if TYPE_CHECKING:
    from api.job.types import Job


def _gid(type_name: str, db_id: int | None) -> relay.GlobalID | None:
    return relay.GlobalID.from_id(encode_id(type_name, db_id)) if db_id else None


async def _resolve(cls, loader, info: strawberry.Info, node_ids: Iterable[str]) -> list:
    context: Context = info.context
    rows = await loader.of(context).load_many([int(i) if str(i).isdigit() else -1 for i in node_ids])
    return [cls.from_model(r) if r else None for r in rows]


@strawberry.enum(description="Company job boards that can be watched by their board token")
class JobBoard(Enum):
    GREENHOUSE = "greenhouse"
    LEVER = "lever"
    LEVER_EU = "lever_eu"
    ASHBY = "ashby"


@strawberry.enum(description="Job search sources a saved search runs on (Adzuna/USAJobs need API keys)")
class SearchSource(Enum):
    REMOTIVE = "remotive"
    ARBEITNOW = "arbeitnow"
    REMOTEOK = "remoteok"
    ADZUNA = "adzuna"
    USAJOBS = "usajobs"


@strawberry.enum
class SourceRunStatus(Enum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"


@strawberry.enum
class SourceRunTrigger(Enum):
    MANUAL = "manual"
    SCHEDULE = "schedule"


@strawberry.enum
class JobImportStatus(Enum):
    PENDING = "pending"
    COMPLETED = "completed"
    FAILED = "failed"


@strawberry.type(description="What one source contributed to a run.")
class SourceOutcome:
    source: str
    status: str = strawberry.field(description="ok | skipped | error")
    message: str
    found: int
    new: int
    duplicates: int
    closed: int
    matched: int


@strawberry.type(name="SourceRun", description="One fetch of a saved search or watched company, with live progress.")
class SourceRun(relay.Node):
    id: relay.NodeID[int]
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
    def from_model(cls, m: SourceRunModel) -> "SourceRun":
        outcomes = [SourceOutcome(**{k: o.get(k, 0 if k not in ("source", "status", "message") else "") for k in
                                     ("source", "status", "message", "found", "new", "duplicates", "closed", "matched")})
                    for o in m.outcomes or []]
        return cls(
            id=m.id, label=m.label, trigger=SourceRunTrigger(m.trigger), status=SourceRunStatus(m.status),
            sources_total=m.sources_total, sources_done=m.sources_done, found=m.found, new=m.new,
            duplicates=m.duplicates, closed=m.closed, matched=m.matched, outcomes=outcomes, error=m.error,
            started_at=m.started_at, finished_at=m.finished_at, created_at=m.created_at,
            saved_search_id=_gid("SavedSearch", m.saved_search_id),
            watched_company_id=_gid("WatchedCompany", m.watched_company_id),
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.discovery.loaders import SourceRunByIdLoader

        return await _resolve(cls, SourceRunByIdLoader, info, node_ids)


@strawberry.type(name="SavedSearch")
class SavedSearch(relay.Node):
    id: relay.NodeID[int]
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
        from api.discovery.loaders import LatestSourceRunBySavedSearchIdLoader

        row = await LatestSourceRunBySavedSearchIdLoader.of(info.context).load(self.id)
        return SourceRun.from_model(row) if row else None

    @classmethod
    def from_model(cls, m: SavedSearchModel) -> "SavedSearch":
        return cls(
            id=m.id, name=m.name, keywords=list(m.keywords), locations=list(m.locations), remote=m.remote,
            sources=[SearchSource(s) for s in m.sources], interval_hours=m.interval_hours,
            last_run_at=m.last_run_at, next_run_at=m.next_run_at, created_at=m.created_at,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.discovery.loaders import SavedSearchByIdLoader

        return await _resolve(cls, SavedSearchByIdLoader, info, node_ids)


@strawberry.type(name="WatchedCompany")
class WatchedCompany(relay.Node):
    id: relay.NodeID[int]
    source: JobBoard
    board_token: str
    name: str
    interval_hours: int
    last_run_at: datetime | None
    next_run_at: datetime | None
    created_at: datetime

    @strawberry.field(description="The newest run, if any.")
    async def last_run(self, info: strawberry.Info) -> SourceRun | None:
        from api.discovery.loaders import LatestSourceRunByWatchedCompanyIdLoader

        row = await LatestSourceRunByWatchedCompanyIdLoader.of(info.context).load(self.id)
        return SourceRun.from_model(row) if row else None

    @classmethod
    def from_model(cls, m: WatchedCompanyModel) -> "WatchedCompany":
        return cls(
            id=m.id, source=JobBoard(m.source), board_token=m.board_token, name=m.name,
            interval_hours=m.interval_hours, last_run_at=m.last_run_at, next_run_at=m.next_run_at,
            created_at=m.created_at,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.discovery.loaders import WatchedCompanyByIdLoader

        return await _resolve(cls, WatchedCompanyByIdLoader, info, node_ids)


@strawberry.type(description="A job board listing of a discovered job.")
class JobSource:
    source: str
    url: str
    first_seen_at: datetime
    last_seen_at: datetime
    closed_at: datetime | None

    @classmethod
    def from_model(cls, m: PostingSourceModel) -> "JobSource":
        return cls(source=m.source, url=m.url, first_seen_at=m.first_seen_at, last_seen_at=m.last_seen_at,
                   closed_at=m.closed_at)


@strawberry.type
class PreviewSalary:
    min: float | None
    max: float | None
    currency: str | None
    period: str | None = strawberry.field(description="year | month | week | day | hour")


@strawberry.type(description="What we read from a page or a pasted description, before it becomes a job.")
class JobPreview:
    title: str
    company: str
    locations: list[str]
    remote_option: RemoteOption | None
    job_type: JobType | None
    salary: PreviewSalary | None
    description: str
    skills: list[str]
    posted_at: datetime | None
    url: str | None
    extraction: str = strawberry.field(description="json-ld | microdata | rdfa | text | pasted")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "JobPreview":
        salary = d.get("salary")
        return cls(
            title=d.get("title") or "", company=d.get("company") or "", locations=list(d.get("locations") or []),
            remote_option=RemoteOption(d["remote"]) if d.get("remote") else None,
            job_type=JobType(d["job_type"]) if d.get("job_type") else None,
            salary=PreviewSalary(**salary) if salary else None,
            description=d.get("description") or "", skills=list(d.get("skills") or []),
            posted_at=datetime.fromisoformat(d["posted_at"]) if d.get("posted_at") else None,
            url=d.get("url"), extraction=d.get("extraction") or "text",
        )


@strawberry.type(name="JobImport", description="A job being imported from a URL: pending, then a preview to save.")
class JobImport(relay.Node):
    id: relay.NodeID[int]
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
    def from_model(cls, m: JobImportModel) -> "JobImport":
        return cls(
            id=m.id, url=m.url, status=JobImportStatus(m.status),
            preview=JobPreview.from_dict(m.preview) if m.preview else None, error=m.error, error_code=m.error_code,
            created_at=m.created_at, updated_at=m.updated_at, job_db_id=m.job_id,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.discovery.loaders import JobImportByIdLoader

        return await _resolve(cls, JobImportByIdLoader, info, node_ids)


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
class SavedSearchUpdateInput:
    id: relay.GlobalID
    name: str | None = strawberry.UNSET
    keywords: list[str] | None = strawberry.UNSET
    locations: list[str] | None = strawberry.UNSET
    remote: bool | None = strawberry.UNSET
    sources: list[SearchSource] | None = strawberry.UNSET
    interval_hours: int | None = strawberry.UNSET


@strawberry.input
class SavedSearchDeleteInput:
    id: relay.GlobalID


@strawberry.type
class SavedSearchPayload:
    saved_search: SavedSearch | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class SavedSearchDeletePayload:
    deleted_id: relay.GlobalID | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class WatchedCompanyAddInput:
    source: JobBoard
    board_token: str = strawberry.field(description="The board slug ('vercel') or the board's URL")
    name: str | None = None
    interval_hours: int | None = None


@strawberry.input
class WatchedCompanyRemoveInput:
    id: relay.GlobalID


@strawberry.type
class WatchedCompanyRemovePayload:
    deleted_id: relay.GlobalID | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


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
