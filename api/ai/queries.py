from __future__ import annotations

import strawberry

from api.ai import service
from api.ai.client import model_status
from api.ai.types import AiUsage, ModelStatus
from api.db import read_session
from api.graphql.permissions import authenticated_field


@strawberry.type
class AiQuery:
    @authenticated_field(description="The configured model's health (a real call, cached ~60 s), or the offline engine.")
    async def model_status(self, info: strawberry.Info, refresh: bool = False) -> ModelStatus:
        return ModelStatus.from_result(await model_status(info.context.settings, refresh=refresh))


@strawberry.type
class AiViewerFields:
    @strawberry.field(description="AI tokens and requests used today against the daily budget.")
    async def ai_usage(self, info: strawberry.Info) -> AiUsage:
        async with read_session() as session:
            return AiUsage.from_result(await service.usage_today(session, info.context.viewer_id, info.context.settings))
