"""Recommendation fields of the viewer (`viewer.careerRecommendations`)."""

from __future__ import annotations

import strawberry

from api.db import read_session
from api.graphql.context import Context
from api.recommendation import service
from api.recommendation.types import CareerRecommendation
from api.vocabulary import RecommendationState


@strawberry.type
class RecommendationViewerFields:
    @strawberry.field(description="Stored recommendations: open ones best first, then decided ones, newest decision first.")
    async def career_recommendations(
        self, info: strawberry.Info, states: list[RecommendationState] | None = None
    ) -> list[CareerRecommendation]:
        context: Context = info.context
        async with read_session() as session:
            rows = await service.listed(session, context.viewer_id, [s.value for s in states] if states else None)
        return [CareerRecommendation.from_model(r) for r in rows]
