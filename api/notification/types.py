from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from api.graphql.errors import FieldError
from api.graphql.mapping import from_result
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection
from api.models import Notification as NotificationModel
from api.notification.loaders import NotificationByIdLoader

if TYPE_CHECKING:
    from api.guidance.types import Insight


@strawberry.type(name="Notification")
class Notification(OwnedNode, loader=NotificationByIdLoader):
    kind: str
    title: str
    body: str
    job_id: relay.GlobalID | None = strawberry.field(description="The job it is about, if any")
    read: bool
    created_at: datetime
    insight_id: strawberry.Private[int | None] = None

    @strawberry.field(description="The insight it is about (null unless the notification is about an insight).")
    async def insight(self, info: strawberry.Info) -> Annotated["Insight", strawberry.lazy("api.guidance.types")] | None:
        if self.insight_id is None:
            return None
        from api.guidance.loaders import InsightByIdLoader
        from api.guidance.types import Insight

        row = await InsightByIdLoader.of(info.context).load(self.insight_id)
        return Insight.from_model(row) if row is not None else None

    @classmethod
    def from_model(cls, m: NotificationModel) -> Notification:  # type: ignore[override]
        job_id = relay.GlobalID("Job", str(m.job_id)) if m.job_id else None
        return from_result(cls, m, job_id=job_id, read=m.read_at is not None)


@strawberry.type
class NotificationConnection(Connection[Notification]):
    unread_count: int


@strawberry.input
class NotificationMarkReadInput:
    ids: list[relay.GlobalID] | None = strawberry.field(default=None, description="Omit to mark all as read")


@strawberry.type
class NotificationMarkReadPayload:
    marked: int = 0
    unread_count: int = 0
    errors: list[FieldError] = strawberry.field(default_factory=list)
