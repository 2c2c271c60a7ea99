from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Iterable

import strawberry
from strawberry import relay

from api.application.service import TRANSITIONS
from api.graphql.context import Context
from api.graphql.errors import FieldError
from api.graphql.relay import Connection
from api.models import Application as ApplicationModel
from api.models import ApplicationStatusChange

if TYPE_CHECKING:
    from api.document.types import Document
    from api.job.types import Job


@strawberry.enum
class ApplicationStatus(Enum):
    INTERESTED = "interested"
    APPLIED = "applied"
    INTERVIEW = "interview"
    OFFER = "offer"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REJECTED = "rejected"


@strawberry.type
class StatusChange:
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus
    changed_at: datetime

    @classmethod
    def from_model(cls, m: ApplicationStatusChange) -> "StatusChange":
        return cls(
            from_status=ApplicationStatus(m.from_status) if m.from_status else None,
            to_status=ApplicationStatus(m.to_status),
            changed_at=m.changed_at,
        )


@strawberry.type(name="Application")
class Application(relay.Node):
    id: relay.NodeID[int]
    job_id: strawberry.Private[int]
    status: ApplicationStatus
    notes: str
    applied_at: datetime | None
    interview_at: datetime | None
    offer_at: datetime | None
    decided_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="Statuses this application may move to next.")
    def allowed_transitions(self) -> list[ApplicationStatus]:
        return [ApplicationStatus(s) for s in TRANSITIONS[self.status.value]]

    @strawberry.field
    async def job(self, info: strawberry.Info) -> Annotated["Job", strawberry.lazy("api.job.types")]:
        from api.job.loaders import JobByIdLoader
        from api.job.types import Job

        return Job.from_model(await JobByIdLoader.of(info.context).load(self.job_id))

    @strawberry.field(description="Every status change, oldest first.")
    async def history(self, info: strawberry.Info) -> list[StatusChange]:
        from api.application.loaders import HistoryByApplicationIdLoader

        return [StatusChange.from_model(r) for r in await HistoryByApplicationIdLoader.of(info.context).load(self.id)]

    @strawberry.field(description="Documents written for this application's job (one application per job), newest first.")
    async def documents(self, info: strawberry.Info) -> list[Annotated["Document", strawberry.lazy("api.document.types")]]:
        from api.document.loaders import DocumentsByJobIdLoader
        from api.document.types import Document

        return [Document.from_model(r) for r in await DocumentsByJobIdLoader.of(info.context).load(self.job_id)]

    @classmethod
    def from_model(cls, m: ApplicationModel) -> "Application":
        return cls(
            id=m.id, job_id=m.job_id, status=ApplicationStatus(m.status), notes=m.notes,
            applied_at=m.applied_at, interview_at=m.interview_at, offer_at=m.offer_at,
            decided_at=m.decided_at, created_at=m.created_at, updated_at=m.updated_at,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.application.loaders import ApplicationByIdLoader

        context: Context = info.context
        rows = await ApplicationByIdLoader.of(context).load_many([int(i) if str(i).isdigit() else -1 for i in node_ids])
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type
class ApplicationConnection(Connection[Application]):
    pass


@strawberry.input
class ApplicationCreateInput:
    job_id: relay.GlobalID
    status: ApplicationStatus | None = ApplicationStatus.INTERESTED
    notes: str | None = None


@strawberry.input
class ApplicationStatusUpdateInput:
    id: relay.GlobalID
    status: ApplicationStatus


@strawberry.input
class ApplicationUpdateInput:
    id: relay.GlobalID
    notes: str


@strawberry.type
class ApplicationPayload:
    application: Application | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
