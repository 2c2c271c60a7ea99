from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import strawberry

from api import broker
from api.application.service import CHANNEL
from api.application.types import Application
from api.db import owned_by_ids, read_session
from api.models import Application as ApplicationModel


@strawberry.type
class ApplicationSubscription:
    @strawberry.subscription(
        description=(
            "Every change to the viewer's applications (status, fields, follow-up, interviews), made in any tab "
            "or by the worker, as the application now reads."
        )
    )
    async def application_updated(self, info: strawberry.Info) -> AsyncGenerator[Application, None]:
        # Checked here, not by a permission class (see AGENTS.md, rule 2).
        user_id = info.context.viewer_id
        pubsub = (await broker.pool()).pubsub()
        await pubsub.subscribe(broker.channel(CHANNEL, user_id))
        try:
            while True:
                # The published id is only a wake-up; the row (owner-filtered) is the truth.
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=30.0)
                if message is None:
                    continue
                ids = [int(message["data"])]
                while (more := await pubsub.get_message(ignore_subscribe_messages=True, timeout=0)) is not None:
                    if int(more["data"]) not in ids:
                        ids.append(int(more["data"]))
                async with read_session() as session:
                    rows = {row.id: row for row in await owned_by_ids(session, ApplicationModel, user_id, ids)}
                # This context lives as long as the connection: start nested fields from fresh loaders.
                info.context.loaders.clear()
                for application_id in ids:
                    if application_id in rows:
                        yield Application.from_model(rows[application_id])
        finally:
            await pubsub.unsubscribe()
            await pubsub.aclose()
            await asyncio.sleep(0)
