from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.graphql.mapping import from_result
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.notification import service
from api.notification.types import NotificationMarkReadInput, NotificationMarkReadPayload


@strawberry.type
class NotificationMutation:
    @mutation(description="Mark some (or all) notifications as read.")
    async def notification_mark_read(
        self, session: AsyncSession, user_id: int, input: NotificationMarkReadInput
    ) -> NotificationMarkReadPayload:
        ids = [decode_id(i, "Notification", "ids") for i in input.ids] if input.ids is not None else None
        return from_result(NotificationMarkReadPayload, await service.mark_read(session, user_id, ids))
