from __future__ import annotations

from functools import partial

import strawberry

from api.db import read_session, unit_of_work
from api.graphql.context import Context
from api.graphql.permissions import authenticated_field
from api.graphql.relay import page, viewer_connection
from api.notification import preferences, repository
from api.notification.types import Delivery, DeliveryConnection, Notification, NotificationConnection, NotificationPreferences
from api.vocabulary import Channel, DeliveryStatus


@strawberry.type
class NotificationQuery:
    @authenticated_field(description="The viewer's notifications, newest first, with the unread count.")
    async def notifications(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None, unread_only: bool = False
    ) -> NotificationConnection:
        context: Context = info.context
        window = page(first, after, context.settings.max_page_size)
        async with read_session() as session:
            rows, total, unread = await repository.list_page(session, context.viewer_id, unread_only, window.offset, window.limit)
        return NotificationConnection.build([Notification.from_model(r) for r in rows], window, total, unread_count=unread)


@strawberry.type
class NotificationViewerFields:
    @strawberry.field(description="How and when the companion reaches the viewer (created with the defaults on first need).")
    async def notification_preferences(self, info: strawberry.Info) -> NotificationPreferences:
        async with unit_of_work() as session:
            view = await preferences.preferences(session, info.context.viewer_id)
        return NotificationPreferences.from_result(view)

    @strawberry.field(description="The delivery log: every message sent (or not) on a channel, newest first.")
    async def deliveries(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        channel: Channel | None = None,
        status: DeliveryStatus | None = None,
    ) -> DeliveryConnection:
        read = partial(
            repository.deliveries_page,
            channel=channel.value if channel is not None else None,
            status=status.value if status is not None else None,
        )
        return await viewer_connection(info, first, after, DeliveryConnection, Delivery, read)
