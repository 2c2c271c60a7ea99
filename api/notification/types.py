from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped, from_result
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection
from api.models import Delivery as DeliveryModel
from api.models import Notification as NotificationModel
from api.notification.loaders import DeliveryByIdLoader, NotificationByIdLoader
from api.notification.messages import notification_href
from api.vocabulary import Channel, DeliveryStatus, JobAlertMode, NotificationTopic

if TYPE_CHECKING:
    from api.digest.types import Digest
    from api.guidance.types import Insight

expose(Channel, DeliveryStatus, JobAlertMode, NotificationTopic)


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
        return from_result(
            cls,
            m,
            job_id=job_id,
            read=m.read_at is not None,
            href=notification_href(m.kind, m.dedupe_key, m.job_id, m.insight_id),
        )


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


# --------------------------------------------------------------------------- preferences and channels


@strawberry.type(description="The channels one topic goes to (in-app always among them).")
class TopicChannels(Mapped):
    topic: NotificationTopic
    channels: list[Channel]


@strawberry.type(description="Whether a channel can carry messages, and if not, why.")
class ChannelStatus(Mapped):
    channel: Channel
    configured: bool = strawberry.field(description="EMAIL: SMTP set up on the server; NTFY/WEBHOOK: URL set; IN_APP: always")
    ready: bool = strawberry.field(description="Can carry messages now (EMAIL also needs a verified address)")
    detail: str = strawberry.field(description='"Email is not configured on this server", "Verify your address first", "Ready"')


@strawberry.type(description="How and when the companion reaches the viewer: per topic and channel, quiet hours, digests.")
class NotificationPreferences(Mapped):
    topics: list[TopicChannels] = strawberry.field(description="Every topic, in NotificationTopic order")
    quiet_hours_start: str | None = strawberry.field(description='"22:00" local; null = no quiet hours')
    quiet_hours_end: str | None = strawberry.field(description='"07:00" local')
    morning_enabled: bool
    morning_time: str = strawberry.field(description='"07:30" local')
    evening_enabled: bool
    evening_time: str = strawberry.field(description='"19:00" local')
    send_when_quiet: bool = strawberry.field(description="Send a digest even when there is nothing worth saying")
    vacation_until: date | None = strawberry.field(description="Nothing but in-app through this local date")
    job_alert_mode: JobAlertMode
    timezone: str
    email: str = strawberry.field(description="The address mails go to (the account's unless changed)")
    email_verified: bool
    ntfy_url: str | None
    ntfy_token_set: bool
    webhook_url: str | None
    webhook_secret: str | None = strawberry.field(
        description="Signs webhook bodies (X-CC-Signature); generated when a URL is first set"
    )
    channels: list[ChannelStatus]
    next_morning_at: datetime | None
    next_evening_at: datetime | None


@strawberry.type
class DeliveryConnection(Connection[Delivery]):
    pass


@strawberry.input
class TopicChannelsInput:
    topic: NotificationTopic
    channels: list[Channel]


@strawberry.input(description="Only the given fields change.")
class NotificationPreferencesUpdateInput:
    topics: list[TopicChannelsInput] | None = strawberry.UNSET
    quiet_hours_start: str | None = strawberry.UNSET
    quiet_hours_end: str | None = strawberry.UNSET
    morning_enabled: bool | None = strawberry.UNSET
    morning_time: str | None = strawberry.UNSET
    evening_enabled: bool | None = strawberry.UNSET
    evening_time: str | None = strawberry.UNSET
    send_when_quiet: bool | None = strawberry.UNSET
    vacation_until: date | None = strawberry.UNSET
    job_alert_mode: JobAlertMode | None = strawberry.UNSET
    timezone: str | None = strawberry.UNSET
    email: str | None = strawberry.field(default=strawberry.UNSET, description="A new address must be verified again")
    ntfy_url: str | None = strawberry.UNSET
    ntfy_token: str | None = strawberry.UNSET
    webhook_url: str | None = strawberry.UNSET


@strawberry.type
class NotificationPreferencesPayload:
    preferences: NotificationPreferences | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class EmailVerificationSendInput:
    email: str | None = strawberry.field(default=None, description="Change the address first")


@strawberry.type
class EmailVerificationSendPayload:
    sent: bool = False
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class ChannelTestInput:
    channel: Channel


@strawberry.type
class ChannelTestPayload:
    delivery: Delivery | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class WebhookSecretRotateInput:
    confirm: bool = True
