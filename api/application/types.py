from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from api.application.loaders import ApplicationByIdLoader, HistoryByApplicationIdLoader
from api.application.service import TRANSITIONS
from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection, NodeIdInput
from api.vocabulary import ApplicationStatus

if TYPE_CHECKING:
    from api.calendar.types import InterviewAppointment
    from api.document.types import Document
    from api.job.types import Job

expose(ApplicationStatus)


@strawberry.type
class StatusChange(Mapped):
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus
    changed_at: datetime


@strawberry.type(name="Application")
class Application(OwnedNode, loader=ApplicationByIdLoader):
    job_id: strawberry.Private[int]
    status: ApplicationStatus
    notes: str
    applied_at: datetime | None
    interview_at: datetime | None
    offer_at: datetime | None
    decided_at: datetime | None
    follow_up_on: date | None = strawberry.field(
        description="When to follow up: applied + 7 days by default, editable; cleared when the status moves on."
    )
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="Statuses this application may move to next.")
    def allowed_transitions(self) -> list[ApplicationStatus]:
        return [ApplicationStatus(s) for s in TRANSITIONS[self.status]]

    @strawberry.field
    async def job(self, info: strawberry.Info) -> Annotated["Job", strawberry.lazy("api.job.types")]:
        from api.job.loaders import JobByIdLoader
        from api.job.types import Job

        return Job.from_model(await JobByIdLoader.of(info.context).load(self.job_id))

    @strawberry.field(description="Every status change, oldest first.")
    async def history(self, info: strawberry.Info) -> list[StatusChange]:
        return [StatusChange.from_model(r) for r in await HistoryByApplicationIdLoader.of(info.context).load(self.id)]

    @strawberry.field(description="Documents written for this application's job (one application per job), newest first.")
    async def documents(self, info: strawberry.Info) -> list[Annotated["Document", strawberry.lazy("api.document.types")]]:
        from api.document.loaders import DocumentsByJobIdLoader
        from api.document.types import Document

        return [Document.from_model(r) for r in await DocumentsByJobIdLoader.of(info.context).load(self.job_id)]

    @strawberry.field(description="Scheduled interviews of this application, soonest first.")
    async def interviews(
        self, info: strawberry.Info
    ) -> list[Annotated["InterviewAppointment", strawberry.lazy("api.calendar.types")]]:
        from api.calendar.loaders import InterviewsByApplicationIdLoader
        from api.calendar.types import InterviewAppointment

        rows = await InterviewsByApplicationIdLoader.of(info.context).load(self.id)
        return [InterviewAppointment.from_model(r) for r in rows]


@strawberry.type
class ApplicationConnection(Connection[Application]):
    pass


@strawberry.input
class ApplicationCreateInput:
    job_id: relay.GlobalID
    status: ApplicationStatus | None = ApplicationStatus.INTERESTED
    notes: str | None = None


@strawberry.input
class ApplicationStatusUpdateInput(NodeIdInput):
    status: ApplicationStatus


@strawberry.input
class ApplicationUpdateInput(NodeIdInput):
    """Only given fields change."""

    notes: str | None = strawberry.field(default=strawberry.UNSET, description="null clears")
    follow_up_on: date | None = strawberry.field(
        default=strawberry.UNSET,
        description="null clears; only while applied, not before the date you applied",
    )


@strawberry.type
class ApplicationPayload:
    application: Application | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class AnalyticsTotals:
    jobs: int
    applications: int = strawberry.field(description="Applications that reached 'applied'")
    interviews: int
    offers: int


@strawberry.type
class StatusCount:
    status: str
    count: int


@strawberry.type
class FunnelStep:
    stage: str = strawberry.field(description="applied | interview | offer | accepted")
    count: int
    conversion_from_previous: float | None = strawberry.field(description="Percent of the previous stage")


@strawberry.type
class SourceResponse:
    source: str = strawberry.field(description="manual | imported | the job board it was found on")
    applied: int
    responses: int
    response_rate: float | None


@strawberry.type
class ApplicationsWeek:
    week: str
    week_start: date
    count: int


@strawberry.type
class StageDuration:
    stage: str
    days: float | None


@strawberry.type(description="Your pipeline: totals, funnel, response by source, pace, time in each stage.")
class Analytics(Mapped):
    totals: AnalyticsTotals
    by_status: list[StatusCount]
    funnel: list[FunnelStep]
    response_by_source: list[SourceResponse]
    overall_response_rate: float | None
    applications_per_week: list[ApplicationsWeek]
    average_days_in_stage: list[StageDuration]
