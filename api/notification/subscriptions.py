from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry import relay

from api import broker
from api.db import read_session
from api.graphql.relay import decode_id
from api.models import Notification as NotificationModel
from api.notification import repository
from api.notification.service import CHANNEL
from api.notification.types import Notification

PAGE = 100


def _reader(user_id: int):
    async def read(messages: list[str], since: int | None) -> list[NotificationModel]:
        async with read_session() as session:
            return await repository.newer_than(session, user_id, since or 0, limit=PAGE)

    return read


@strawberry.type
class NotificationSubscription:
    @strawberry.subscription(
        description="Live notifications of the viewer. With `after`, first replays what was missed since that id."
    )
    async def notification_received(
        self, info: strawberry.Info, after: relay.GlobalID | None = None
    ) -> AsyncGenerator[Notification, None]:
        # Checked here, not by a permission class: a refused subscription must arrive as a result
        # with errors ("next"), which a permission class would turn into a protocol "error".
        user_id = info.context.viewer_id
        if after is not None:
            last = decode_id(after, "Notification", "after")
        else:
            async with read_session() as session:
                last = await repository.latest_id(session, user_id)
        # Published ids are only a wake-up; the rows are the truth. Every subscriber of this user in
        # the process shares one feed: one read per alert, from the oldest position among them
        # (this one's catch-up included), and again after a lost Redis connection.
        async with broker.hub().join(
            broker.channel(CHANNEL, user_id), _reader(user_id), last=last, cursor=lambda row: row.id, page=PAGE
        ) as member:
            while True:
                for row in await member.next():
                    yield Notification.from_model(row)
