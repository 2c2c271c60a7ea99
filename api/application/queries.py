from __future__ import annotations

import strawberry

from api.application import repository, service
from api.application.types import Analytics, Application, ApplicationConnection, ApplicationStatus
from api.db import read_session
from api.graphql.context import Context
from api.graphql.permissions import authenticated_field
from api.graphql.relay import page


@strawberry.type
class ApplicationQuery:
    @authenticated_field(
        description="The viewer's applications, optionally only some statuses. `first` is capped at 100."
    )
    async def applications(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        status: list[ApplicationStatus] | None = None,
    ) -> ApplicationConnection:
        context: Context = info.context
        user_id = context.viewer_id
        window = page(first, after, context.settings.max_page_size)
        async with read_session() as session:
            rows, total = await repository.list_page(
                session, user_id, list(status) if status else None, window.offset, window.limit
            )
        return ApplicationConnection.build([Application.from_model(r) for r in rows], window, total)


@strawberry.type
class ApplicationViewerFields:
    @strawberry.field(
        description="Your pipeline analytics: totals, funnel, response rate by source, pace, stage times."
    )
    async def analytics(self, info: strawberry.Info) -> Analytics:
        user_id = info.context.viewer_id
        async with read_session() as session:
            return Analytics.from_result(await service.analytics(session, user_id))
