"""Career health of the viewer (`viewer.careerHealth`)."""

from __future__ import annotations

import strawberry

from api.db import unit_of_work
from api.graphql.context import Context
from api.health import service
from api.health.types import CareerHealth, CareerHealthReport


@strawberry.type
class HealthViewerFields:
    @strawberry.field(
        description="The latest monthly report and the history. This month's report is computed on first read "
        "when there is none yet; careerHealthRefresh recomputes it."
    )
    async def career_health(self, info: strawberry.Info) -> CareerHealth:
        context: Context = info.context
        async with unit_of_work() as session:  # first read of a month may write its report
            latest, months = await service.health(session, context.viewer_id)
            return CareerHealth(
                latest=CareerHealthReport.from_model(latest) if latest else None,
                history=[CareerHealthReport.from_model(m) for m in months],
            )
