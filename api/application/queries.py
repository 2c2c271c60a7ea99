from __future__ import annotations

from functools import partial

import strawberry

from api.application import repository, service
from api.application.types import Analytics, Application, ApplicationConnection, ApplicationStatus
from api.db import read_session
from api.graphql.permissions import authenticated_field
from api.graphql.relay import viewer_connection


@strawberry.type
class ApplicationQuery:
    @authenticated_field(description="The viewer's applications, optionally only some statuses. `first` is capped at 100.")
    async def applications(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        status: list[ApplicationStatus] | None = None,
    ) -> ApplicationConnection:
        read = partial(repository.list_page, statuses=list(status) if status else None)
        return await viewer_connection(info, first, after, ApplicationConnection, Application, read)


@strawberry.type
class ApplicationViewerFields:
    @strawberry.field(description="Your pipeline analytics: totals, funnel, response rate by source, pace, stage times.")
    async def analytics(self, info: strawberry.Info) -> Analytics:
        user_id = info.context.viewer_id
        async with read_session() as session:
            return Analytics.from_result(await service.analytics(session, user_id))

    @strawberry.field(description="Applied applications whose follow-up date is your local today or earlier, oldest first.")
    async def follow_ups_due(self, info: strawberry.Info) -> list[Application]:
        async with read_session() as session:
            return [Application.from_model(row) for row in await service.follow_ups_due(session, info.context.viewer_id)]
