from __future__ import annotations

import strawberry

from api.db import read_session, unit_of_work
from api.graphql.errors import run_mutation
from api.graphql.relay import decode_id
from api.notification import repository, service
from api.notification.types import (
    NotificationMarkReadInput,
    NotificationMarkReadPayload,
)


@strawberry.type
class NotificationMutation:
    @strawberry.mutation(description="Mark some (or all) notifications as read.")
    async def notification_mark_read(
        self, info: strawberry.Info, input: NotificationMarkReadInput
    ) -> NotificationMarkReadPayload:
        user_id = info.context.require_user()

        async def build() -> NotificationMarkReadPayload:
            ids = [decode_id(i, "Notification", "ids") for i in input.ids] if input.ids is not None else None
            async with unit_of_work() as session:
                marked = await service.mark_read(session, user_id, ids)
            async with read_session() as session:
                _, _, unread = await repository.list_page(session, user_id, True, 0, 0)
            return NotificationMarkReadPayload(marked=marked, unread_count=unread)

        return await run_mutation(build, lambda errors: NotificationMarkReadPayload(errors=errors))
