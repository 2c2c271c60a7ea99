from __future__ import annotations

import strawberry

from api.db import read_session
from api.graphql.context import Context
from api.graphql.errors import PageSizeError
from api.graphql.permissions import authenticated_field
from api.graphql.relay import viewer_connection
from api.interview import repository
from api.interview.types import InterviewSession, InterviewSessionConnection


@strawberry.type
class InterviewQuery:
    @authenticated_field(description="The viewer's mock interviews, newest first.")
    async def interview_sessions(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None
    ) -> InterviewSessionConnection:
        return await viewer_connection(info, first, after, InterviewSessionConnection, InterviewSession, repository.list_page)


@strawberry.type
class InterviewViewerFields:
    @strawberry.field(description="Ended interviews with a score, oldest first: the score-over-time chart.")
    async def interview_history(self, info: strawberry.Info, last: int = 50) -> list[InterviewSession]:
        context: Context = info.context
        if not 1 <= last <= context.settings.max_page_size:
            raise PageSizeError(f"'last' must be between 1 and {context.settings.max_page_size}")
        async with read_session() as session:
            return [InterviewSession.from_model(r) for r in await repository.history(session, context.viewer_id, last)]
