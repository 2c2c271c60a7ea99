from __future__ import annotations

from collections.abc import Awaitable, Mapping
from datetime import datetime
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.graphql.context import Context
from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.execution import prefetched
from api.graphql.mapping import from_result
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection, DeletePayload, NodeIdInput
from api.job.loaders import BreakdownByJobIdLoader, JobByIdLoader
from api.models import Job as JobModel
from api.vocabulary import JobOrigin, JobType, RemoteOption

if TYPE_CHECKING:
    from api.application.types import Application
    from api.discovery.types import JobFreshness, JobSource
    from api.document.types import Document
    from api.interview.types import InterviewSession
    from api.matching.types import ScoreBreakdown

expose(JobType, RemoteOption, JobOrigin)
NOT_LOADED = object()


@strawberry.enum
class JobOrder(Enum):
    SCORE = "SCORE"
    NEWEST = "NEWEST"
    RELEVANCE = strawberry.enum_value("RELEVANCE", description="Full-text rank when filtering by text, else SCORE")


@strawberry.type
class SalaryRange:
    min: int | None
    max: int | None
    currency: str | None


@strawberry.type(name="Job")
class Job(OwnedNode, loader=JobByIdLoader):
    company: str
    title: str
    location: str
    description: str
    requirements: str
    salary: SalaryRange | None
    job_type: JobType | None
    remote_option: RemoteOption | None
    tech_stack: list[str]
    source_url: str | None
    match_score: int | None = strawberry.field(description="0–100 against the profile; null until the worker scored it")
    scored_at: datetime | None
    created_at: datetime
    updated_at: datetime
    origin: JobOrigin = JobOrigin.MANUAL
    closed_at: datetime | None = strawberry.field(default=None, description="When its posting left every source")
    is_repost: bool = strawberry.field(default=False, description="A posting seen before, re-published")
    posting_id: strawberry.Private[int | None] = None
    breakdown: strawberry.Private[Any] = None  # NOT_LOADED: the row came from a list (see score_breakdown)
    loaded_applications: strawberry.Private[list[Any] | None] = None  # the list's prefetch (`with_applications`)

    @strawberry.field(description="Why the job scored what it did: parts, matched and missing skills, what would raise it.")
    async def score_breakdown(
        self, info: strawberry.Info
    ) -> Annotated["ScoreBreakdown", strawberry.lazy("api.matching.types")] | None:
        from api.matching.types import ScoreBreakdown

        stored = self.breakdown
        if stored is NOT_LOADED:
            stored = await BreakdownByJobIdLoader.of(info.context).load(self.id)
        return ScoreBreakdown.from_stored(stored) if stored else None

    @strawberry.field(description="Every job board listing this job (discovered jobs only).")
    async def sources(self, info: strawberry.Info) -> list[Annotated["JobSource", strawberry.lazy("api.discovery.types")]]:
        from api.discovery.loaders import PostingSourcesByPostingIdLoader
        from api.discovery.types import JobSource

        if self.posting_id is None:
            return []
        return [JobSource.from_model(r) for r in await PostingSourcesByPostingIdLoader.of(info.context).load(self.posting_id)]

    @strawberry.field(description="Whether the job may no longer be filled (cautious, with its evidence) and its expiry.")
    async def freshness(self, info: strawberry.Info) -> Annotated["JobFreshness", strawberry.lazy("api.discovery.types")]:
        from api.discovery.types import job_freshness

        return await job_freshness(info, self)

    @strawberry.field(
        description="The applications for this job (at most one).",
        graphql_type=list[Annotated["Application", strawberry.lazy("api.application.types")]],
        # a list's prefetch: completed by the executor's loop, no resolver call per job
        metadata=prefetched("loaded_applications"),
    )
    def applications(self, info: strawberry.Info) -> list[Any] | Awaitable[list[Any]]:
        from api.application.loaders import ApplicationsByJobIdLoader
        from api.application.types import Application

        if self.loaded_applications is not None:
            return self.loaded_applications
        # Synchronous when a list primed the loader (no coroutine per job to complete), else batched.
        loaded = ApplicationsByJobIdLoader.of(info.context).load(self.id)
        if loaded.done():
            return [Application.from_model(r) for r in loaded.result()]

        async def later() -> list[Application]:
            return [Application.from_model(r) for r in await loaded]

        return later()

    @strawberry.field(description="Documents written for this job (cover letters, tailorings, emails), newest first.")
    async def documents(self, info: strawberry.Info) -> list[Annotated["Document", strawberry.lazy("api.document.types")]]:
        from api.document.loaders import DocumentsByJobIdLoader
        from api.document.types import Document

        return [Document.from_model(r) for r in await DocumentsByJobIdLoader.of(info.context).load(self.id)]

    @strawberry.field(description="Mock interviews practising for this job, newest first.")
    async def interview_sessions(
        self, info: strawberry.Info
    ) -> list[Annotated["InterviewSession", strawberry.lazy("api.interview.types")]]:
        from api.interview.loaders import SessionsByJobIdLoader
        from api.interview.types import InterviewSession

        return [InterviewSession.from_model(r) for r in await SessionsByJobIdLoader.of(info.context).load(self.id)]

    @classmethod
    def from_model(cls, m: JobModel | Mapping[str, Any]) -> Job:  # type: ignore[override]
        """From an ORM row, or a listed row (`repository.listed_page`: a dict of its columns)."""
        if isinstance(m, Mapping):
            column, breakdown = m.__getitem__, NOT_LOADED  # a listed row never has the breakdown
        else:
            # a list leaves the JSONB out: read it only when the query asks for it
            column, breakdown = partial(getattr, m), m.__dict__.get("score_breakdown", NOT_LOADED)
        salary = None
        if column("salary_min") is not None or column("salary_max") is not None:
            salary = SalaryRange(min=column("salary_min"), max=column("salary_max"), currency=column("salary_currency"))
        return from_result(
            cls,
            m,
            salary=salary,
            origin=column("origin") or JobOrigin.MANUAL,
            is_repost=bool(column("is_repost")),
            breakdown=breakdown,
        )


@strawberry.type
class JobConnection(Connection[Job]):
    total_count_is_estimate: bool = strawberry.field(
        default=False,
        description=(
            "True when `totalCount` is PostgreSQL's estimate, not a count: a search counts its matches exactly "
            "up to 1,000 (or the end of the page asked for) and estimates beyond; then there is a next page."
        ),
    )


async def prefetch_applications(context: Context, session: AsyncSession, job_ids: list[int]) -> dict[int, list[Any]]:
    """Read these jobs' applications in the caller's session, ready for `Job.applications` (the
    rows per job id, for `with_applications`)."""
    from api.application.loaders import ApplicationsByJobIdLoader

    return await ApplicationsByJobIdLoader.of(context).prefetch(session, job_ids)


async def prefetch_listed_applications(context: Context, job_ids: list[int]) -> dict[int, list[Any]]:
    """`prefetch_applications` straight from the driver, without a session (the jobs dashboard): the
    rows per job id are dicts of their columns."""
    from api.application.loaders import ApplicationsByJobIdLoader

    return await ApplicationsByJobIdLoader.of(context).prefetch_listed(job_ids)


def with_applications(jobs: list[Job], found: dict[int, list[Any]]) -> list[Job]:
    """The jobs with their prefetched applications (`found`: rows per job id, ORM rows or listed
    rows) in place."""
    from api.application.types import Application

    for job in jobs:
        job.loaded_applications = [Application.from_model(r) for r in found.get(job.id, ())]
    return jobs


@strawberry.input
class JobFilter:
    text: str | None = strawberry.field(
        default=None, description="Full-text search (web-search syntax) with typo tolerance on title and company"
    )
    min_score: int | None = None
    origin: JobOrigin | None = None


@strawberry.input
class JobCreateInput:
    company: str
    title: str
    location: str | None = ""
    description: str | None = ""
    requirements: str | None = ""
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = None
    job_type: JobType | None = None
    remote_option: RemoteOption | None = None
    tech_stack: list[str] | None = None
    source_url: str | None = None


@strawberry.input
class JobUpdateInput(NodeIdInput):
    company: str | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    location: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    requirements: str | None = strawberry.UNSET
    salary_min: int | None = strawberry.UNSET
    salary_max: int | None = strawberry.UNSET
    salary_currency: str | None = strawberry.UNSET
    job_type: JobType | None = strawberry.UNSET
    remote_option: RemoteOption | None = strawberry.UNSET
    tech_stack: list[str] | None = strawberry.UNSET
    source_url: str | None = strawberry.UNSET


@strawberry.input
class JobDeleteInput(NodeIdInput):
    pass


@strawberry.type
class JobPayload:
    job: Job | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class JobDeletePayload(DeletePayload):
    pass
