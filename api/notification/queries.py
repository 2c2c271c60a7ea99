from __future__ import annotations

import strawberry

from api.db import read_session
from api.graphql.context import Context
from api.graphql.permissions import authenticated_field
from api.graphql.relay import page
from api.notification import repository
from api.notification.types import Notification, NotificationConnection


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
