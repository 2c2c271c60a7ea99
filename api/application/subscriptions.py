from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api import broker
from api.application.service import CHANNEL
from api.application.types import Application
from api.db import owned_by_ids, read_session
from api.models import Application as ApplicationModel


def _reader(user_id: int):
    async def read(messages: list[str], since: int | None) -> list[ApplicationModel]:
        ids = list(dict.fromkeys(int(message) for message in messages if message.isdigit()))
        if not ids:
            return []
        async with read_session() as session:
            rows = {row.id: row for row in await owned_by_ids(session, ApplicationModel, user_id, ids)}
        return [rows[i] for i in ids if i in rows]

    return read


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
        # The published ids are only a wake-up; the rows (owner-filtered) are the truth, read once
        # for every subscriber of this user in the process.
        async with broker.hub().join(broker.channel(CHANNEL, user_id), _reader(user_id)) as member:
            while True:
                rows = await member.next()
                # This context lives as long as the connection: start nested fields from fresh loaders.
                info.context.loaders.clear()
                for row in rows:
                    yield Application.from_model(row)
