from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.graphql.mutation import mutation
from api.health import service
from api.health.types import CareerHealthPayload, CareerHealthRefreshInput, CareerHealthReport


@strawberry.type
class HealthMutation:
    @mutation(description="Compute this month's career health report (one per month; a refresh replaces it).")
    async def career_health_refresh(
        self, session: AsyncSession, user_id: int, input: CareerHealthRefreshInput
    ) -> CareerHealthPayload:
        row = await service.refresh(session, user_id, force=input.force is not False)
        return CareerHealthPayload(report=CareerHealthReport.from_model(row))
