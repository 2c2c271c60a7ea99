"""Viewer fields of AI assistance, mixed into the User type (`viewer.aiUsage`)."""

from __future__ import annotations

import strawberry

from api.ai import service
from api.ai.types import AiUsage
from api.db import read_session
from api.graphql.context import Context


@strawberry.type
class AssistViewerFields:
    @strawberry.field(description="AI tokens and requests used today against the daily budget.")
    async def ai_usage(self, info: strawberry.Info) -> AiUsage:
        context: Context = info.context
        user_id = context.require_user()
        async with read_session() as session:
            return AiUsage.from_usage(await service.usage_today(session, user_id, context.settings))
