"""Viewer fields of market intelligence: mixed into the User type (`viewer.skillGaps`, `viewer.analytics`)."""

from __future__ import annotations

import strawberry

from api.db import read_session
from api.graphql.context import Context
from api.graphql.errors import PageSizeError
from api.market import service
from api.market.types import Analytics, SkillGapReport


@strawberry.type
class InsightViewerFields:
    @strawberry.field(
        description="Skills your saved jobs and recommendations ask for that your profile lacks, ranked by "
        "frequency × market trend, each with a next step."
    )
    async def skill_gaps(self, info: strawberry.Info, limit: int = 10) -> SkillGapReport:
        context: Context = info.context
        user_id = context.require_user()
        if not 1 <= limit <= context.settings.max_page_size:
            raise PageSizeError(f"'limit' must be between 1 and {context.settings.max_page_size}")
        async with read_session() as session:
            return SkillGapReport.from_result(await service.gaps(session, user_id, list(self.skills), limit))  # type: ignore[attr-defined]

    @strawberry.field(description="Your pipeline analytics: totals, funnel, response rate by source, pace, stage times.")
    async def analytics(self, info: strawberry.Info) -> Analytics:
        user_id = info.context.require_user()
        async with read_session() as session:
            return Analytics.from_result(await service.analytics(session, user_id))
