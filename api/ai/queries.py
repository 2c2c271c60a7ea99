from __future__ import annotations

import strawberry

from api.ai import service
from api.ai.client import model_status
from api.ai.types import AiUsage, ModelStatus
from api.db import read_session
from api.graphql.context import Context


@strawberry.type
class AiQuery:
    @strawberry.field(description="The configured model's health (a real call, cached ~60 s), or the offline engine.")
    async def model_status(self, info: strawberry.Info, refresh: bool = False) -> ModelStatus:
        context: Context = info.context
        context.require_user()
        return ModelStatus.from_info(await model_status(context.settings, refresh=refresh))


@strawberry.type
class AiViewerFields:
    @strawberry.field(description="AI tokens and requests used today against the daily budget.")
    async def ai_usage(self, info: strawberry.Info) -> AiUsage:
        context: Context = info.context
        user_id = context.require_user()
        async with read_session() as session:
            return AiUsage.from_usage(await service.usage_today(session, user_id, context.settings))
