"""Guidance fields of the viewer: insights (all, and the top ones for Today), the effective rules,
the settings and the first-run checklist."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import strawberry

from api.db import read_session, unit_of_work
from api.graphql.relay import viewer_connection
from api.guidance import repository, service
from api.guidance.types import FirstRunChecklist, GuidanceRule, GuidanceSettings, Insight, InsightConnection, InsightFilter


@strawberry.type
class GuidanceViewerFields:
    @strawberry.field(
        description="Insights, newest first, filtered by kinds, states and lowest priority. `first` is capped at 100."
    )
    async def insights(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None, filter: InsightFilter | None = None
    ) -> InsightConnection:
        read = partial(
            repository.insights_page,
            now=datetime.now(UTC),
            kinds=[k.value for k in filter.kinds] if filter and filter.kinds else None,
            states=[s.value for s in filter.states] if filter and filter.states else None,
            min_priority=filter.min_priority.value if filter and filter.min_priority else None,
        )
        return await viewer_connection(info, first, after, InsightConnection, Insight, read)

    @strawberry.field(
        description="For Today: insights not dismissed, acted on or expired; highest priority, then newest (at most 20). "
        "The welcome back is not among them: visitRecord returns it once."
    )
    async def top_insights(self, info: strawberry.Info, limit: int = 5) -> list[Insight]:
        limit = max(0, min(limit, service.TOP_LIMIT))
        found = await repository.top_insights(info.context.viewer_id, limit, datetime.now(UTC))
        return [Insight.from_model(row) for row in found]

    @strawberry.field(description="Every rule of the companion with the viewer's thresholds, mute and what it learned from them.")
    async def guidance_rules(self, info: strawberry.Info) -> list[GuidanceRule]:
        async with read_session() as session:
            rules = await service.effective_rules(session, info.context.viewer_id)
        return [GuidanceRule.from_result(rule) for rule in rules]

    @strawberry.field(description="How much the companion speaks, and when it keeps quiet.")
    async def guidance_settings(self, info: strawberry.Info) -> GuidanceSettings:
        async with unit_of_work() as session:  # the row is created with the defaults on first need
            settings = await service.settings(session, info.context.viewer_id)
        return GuidanceSettings.from_result(settings)

    @strawberry.field(description="A new user's first steps; complete when all are done.")
    async def first_run_checklist(self, info: strawberry.Info) -> FirstRunChecklist:
        return FirstRunChecklist.from_result(await service.first_run_checklist(info.context.viewer_id))
