from __future__ import annotations

from datetime import datetime
from typing import Iterable

import strawberry
from strawberry import relay

from api.graphql.context import Context
from api.graphql.errors import FieldError
from api.graphql.relay import Connection, encode_id
from api.models import Notification as NotificationModel


@strawberry.type(name="Notification")
class Notification(relay.Node):
    id: relay.NodeID[int]
    kind: str
    title: str
    body: str
    job_id: relay.GlobalID | None = strawberry.field(description="The job it is about, if any")
    read: bool
    created_at: datetime

    @classmethod
    def from_model(cls, m: NotificationModel) -> "Notification":
        return cls(
            id=m.id, kind=m.kind, title=m.title, body=m.body,
            job_id=relay.GlobalID.from_id(encode_id("Job", m.job_id)) if m.job_id else None,
            read=m.read_at is not None, created_at=m.created_at,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.notification.loaders import NotificationByIdLoader

        context: Context = info.context
        rows = await NotificationByIdLoader.of(context).load_many([int(i) if str(i).isdigit() else -1 for i in node_ids])
        return [cls.from_model(r) if r else None for r in rows]


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
