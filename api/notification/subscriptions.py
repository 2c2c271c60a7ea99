from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import strawberry
from strawberry import relay

from api import broker
from api.db import read_session
from api.graphql.relay import decode_id
from api.notification import repository
from api.notification.service import CHANNEL
from api.notification.types import Notification


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
        pubsub = (await broker.pool()).pubsub()
        # Subscribe before reading the database, so nothing committed in between is missed.
        await pubsub.subscribe(broker.channel(CHANNEL, user_id))
        try:
            async with read_session() as session:
                last = (
                    decode_id(after, "Notification", "after")
                    if after is not None
                    else await repository.latest_id(session, user_id)
                )
            while True:
                async with read_session() as session:
                    rows = await repository.newer_than(session, user_id, last)
                for row in rows:
                    last = row.id
                    yield Notification.from_model(row)
                if rows:
                    continue
                # Published ids are only a wake-up; the rows are the truth. The timeout
                # doubles as a safety poll should a message be lost.
                await pubsub.get_message(ignore_subscribe_messages=True, timeout=30.0)
        finally:
            await pubsub.unsubscribe()
            await pubsub.aclose()
            await asyncio.sleep(0)
