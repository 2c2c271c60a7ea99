from __future__ import annotations

import strawberry

from api.application import repository
from api.application.types import Application, ApplicationConnection, ApplicationStatus
from api.db import read_session
from api.graphql.context import Context
from api.graphql.relay import page


@strawberry.type
class ApplicationQuery:
    @strawberry.field(description="The viewer's applications, optionally only some statuses. `first` is capped at 100.")
    async def applications(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        status: list[ApplicationStatus] | None = None,
    ) -> ApplicationConnection:
        context: Context = info.context
        user_id = context.require_user()
        window = page(first, after, context.settings.max_page_size)
        async with read_session() as session:
            rows, total = await repository.list_page(
                session, user_id, [s.value for s in status] if status else None, window.offset, window.limit
            )
        return ApplicationConnection.build([Application.from_model(r) for r in rows], window, total)
