from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import from_result
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection, encode_id
from api.models import Delivery as DeliveryModel
from api.models import Notification as NotificationModel
from api.notification.loaders import DeliveryByIdLoader, NotificationByIdLoader
from api.vocabulary import Channel, DeliveryStatus

if TYPE_CHECKING:
    from api.digest.types import Digest
    from api.guidance.types import Insight

expose(Channel, DeliveryStatus)


def href_of(m: NotificationModel) -> str | None:
    """Where the notification leads in the app: the digest (its id is in the dedupe key "digest:<id>"),
    the job of a job alert, the insights; else nowhere."""
    if m.kind == "digest" and m.dedupe_key.startswith("digest:") and m.dedupe_key[7:].isdigit():
        return f"/digests/{encode_id('Digest', int(m.dedupe_key[7:]))}"
    if m.job_id is not None:
        return f"/jobs/{encode_id('Job', m.job_id)}"
    if m.insight_id is not None or m.kind == "insight":
        return "/insights"
    return None


@strawberry.type(name="Notification")
class Notification(OwnedNode, loader=NotificationByIdLoader):
    kind: str
    title: str
    body: str
    job_id: relay.GlobalID | None = strawberry.field(description="The job it is about, if any")
    read: bool
    created_at: datetime
    href: str | None = strawberry.field(default=None, description="Where it leads in the app (an in-app path), if anywhere")
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
        return from_result(cls, m, job_id=job_id, read=m.read_at is not None, href=href_of(m))


@strawberry.type(name="Delivery", description="One message to one channel, with its outcome (the delivery log).")
class Delivery(OwnedNode, loader=DeliveryByIdLoader):
    channel: Channel
    topic: str = strawberry.field(description='A NotificationTopic value, or "verification" / "test"')
    subject: str
    status: DeliveryStatus
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    digest_id: strawberry.Private[int | None] = None

    @strawberry.field(description="The digest it carried, if any.")
    async def digest(self, info: strawberry.Info) -> Annotated["Digest", strawberry.lazy("api.digest.types")] | None:
        if self.digest_id is None:
            return None
        from api.digest.loaders import DigestByIdLoader
        from api.digest.types import Digest

        row = await DigestByIdLoader.of(info.context).load(self.digest_id)
        return Digest.from_model(row) if row is not None else None

    @classmethod
    def from_model(cls, m: DeliveryModel) -> Delivery:  # type: ignore[override]
        return from_result(cls, m)


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
