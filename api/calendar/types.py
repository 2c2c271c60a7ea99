from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from api.calendar.loaders import InterviewAppointmentByIdLoader
from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection, DeletePayload, NodeIdInput
from api.vocabulary import AppointmentKind

if TYPE_CHECKING:
    from api.application.types import Application

expose(AppointmentKind)


@strawberry.type(name="InterviewAppointment", description="A scheduled interview of an application (not a mock interview).")
class InterviewAppointment(OwnedNode, loader=InterviewAppointmentByIdLoader):
    application_id: strawberry.Private[int]
    starts_at: datetime
    timezone: str = strawberry.field(description="The IANA zone it was given in; show the start in it")
    duration_minutes: int
    kind: AppointmentKind
    location: str
    link: str
    notes: str

    @strawberry.field
    async def application(self, info: strawberry.Info) -> Annotated["Application", strawberry.lazy("api.application.types")]:
        from api.application.loaders import ApplicationByIdLoader
        from api.application.types import Application

        return Application.from_model(await ApplicationByIdLoader.of(info.context).load(self.application_id))


@strawberry.type
class InterviewAppointmentConnection(Connection[InterviewAppointment]):
    pass


@strawberry.input
class InterviewAppointmentCreateInput:
    application_id: relay.GlobalID
    starts_at: datetime = strawberry.field(description="With a UTC offset, e.g. 2025-03-03T10:00:00+01:00")
    timezone: str = strawberry.field(description="IANA time zone, e.g. Europe/Berlin")
    duration_minutes: int | None = 60
    kind: AppointmentKind | None = AppointmentKind.OTHER
    location: str | None = ""
    link: str | None = strawberry.field(default="", description="An http(s) address (video call, details)")
    notes: str | None = ""


@strawberry.input
class InterviewAppointmentUpdateInput(NodeIdInput):
    """Only given fields change."""

    starts_at: datetime | None = strawberry.UNSET
    timezone: str | None = strawberry.UNSET
    duration_minutes: int | None = strawberry.UNSET
    kind: AppointmentKind | None = strawberry.UNSET
    location: str | None = strawberry.UNSET
    link: str | None = strawberry.UNSET
    notes: str | None = strawberry.UNSET


@strawberry.input
class InterviewAppointmentDeleteInput(NodeIdInput):
    pass


@strawberry.type
class InterviewAppointmentPayload:
    interview: InterviewAppointment | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class InterviewAppointmentDeletePayload(DeletePayload):
    pass


@strawberry.type(description="The secret calendar (ICS) feed: interviews, follow-ups and goal target dates.")
class CalendarFeed(Mapped):
    active: bool
    created_at: datetime | None


@strawberry.input
class CalendarFeedCreateInput:
    confirm: bool = True


@strawberry.input
class CalendarFeedRevokeInput:
    confirm: bool = True


@strawberry.type
class CalendarFeedPayload:
    feed: CalendarFeed | None = None
    url: str | None = strawberry.field(default=None, description="The feed's address with its secret; only shown on create")
    errors: list[FieldError] = strawberry.field(default_factory=list)
