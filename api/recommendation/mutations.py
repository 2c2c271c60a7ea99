from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.goal.types import Goal
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.recommendation import service
from api.recommendation.types import (
    CareerRecommendation,
    CareerRecommendationAcceptInput,
    CareerRecommendationDeclineInput,
    CareerRecommendationPayload,
    CareerRecommendationsGenerateInput,
    CareerRecommendationsPayload,
)

DEFAULT_LIMIT = 5


@strawberry.type
class RecommendationMutation:
    @mutation(
        description="Compute recommendations from your facts and store new ones; declined ones come back only when their facts change."
    )
    async def career_recommendations_generate(
        self, session: AsyncSession, user_id: int, input: CareerRecommendationsGenerateInput
    ) -> CareerRecommendationsPayload:
        limit = DEFAULT_LIMIT if input.limit is None else input.limit
        rows = await service.generate(session, user_id, limit)
        return CareerRecommendationsPayload(recommendations=[CareerRecommendation.from_model(r) for r in rows])

    @mutation(description="Accept an open recommendation: creates its goal and a goal_set decision, together.")
    async def career_recommendation_accept(
        self, session: AsyncSession, user_id: int, input: CareerRecommendationAcceptInput
    ) -> CareerRecommendationPayload:
        row, goal = await service.accept(session, user_id, decode_id(input.id, "CareerRecommendation"), input.target_date)
        return CareerRecommendationPayload(recommendation=CareerRecommendation.from_model(row), goal=Goal.from_model(goal))

    @mutation(description="Decline an open recommendation, optionally saying why. It returns only when its facts change.")
    async def career_recommendation_decline(
        self, session: AsyncSession, user_id: int, input: CareerRecommendationDeclineInput
    ) -> CareerRecommendationPayload:
        row = await service.decline(session, user_id, decode_id(input.id, "CareerRecommendation"), input.reason)
        return CareerRecommendationPayload(recommendation=CareerRecommendation.from_model(row))
