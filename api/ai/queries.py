from __future__ import annotations

import strawberry

from api.ai.client import model_status
from api.ai.types import ModelStatus
from api.graphql.context import Context


@strawberry.type
class AssistQuery:
    @strawberry.field(description="The configured model's health (a real call, cached ~60 s), or the offline engine.")
    async def model_status(self, info: strawberry.Info, refresh: bool = False) -> ModelStatus:
        context: Context = info.context
        context.require_user()
        return ModelStatus.from_info(await model_status(context.settings, refresh=refresh))
