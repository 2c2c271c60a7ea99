"""Viewer fields of mock interviews, mixed into the User type (`viewer.interviewHistory`)."""

from __future__ import annotations

import strawberry

from api.db import read_session
from api.graphql.context import Context
from api.graphql.errors import PageSizeError
from api.interview import repository
from api.interview.types import InterviewSession


@strawberry.type
class InterviewViewerFields:
    @strawberry.field(description="Ended interviews with a score, oldest first: the score-over-time chart.")
    async def interview_history(self, info: strawberry.Info, last: int = 50) -> list[InterviewSession]:
        context: Context = info.context
        user_id = context.require_user()
        if not 1 <= last <= context.settings.max_page_size:
            raise PageSizeError(f"'last' must be between 1 and {context.settings.max_page_size}")
        async with read_session() as session:
            return [InterviewSession.from_model(r) for r in await repository.history(session, user_id, last)]
