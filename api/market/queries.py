from __future__ import annotations

import strawberry
from graphql import GraphQLError

from api.db import read_session
from api.graphql.context import Context
from api.graphql.errors import PageSizeError
from api.graphql.permissions import authenticated_field
from api.market import service
from api.market.types import SalaryPoint, SkillDemand, SkillGapReport


@strawberry.type
class MarketQuery:
    @authenticated_field(
        description="Market demand per skill from all ingested postings: weekly share and the trend of the last "
        "`windowDays` (30, 90 or 365) against the window before. Without skills: the most demanded ones."
    )
    async def market_skill_demand(
        self, info: strawberry.Info, skills: list[str] | None = None, window_days: int = 90
    ) -> SkillDemand:
        if window_days not in service.WINDOWS:
            raise GraphQLError("windowDays must be 30, 90 or 365")
        if skills and len(skills) > service.MAX_SKILLS:
            raise GraphQLError(f"At most {service.MAX_SKILLS} skills")
        async with read_session() as session:
            return SkillDemand.from_result(await service.skill_demand(session, skills or [], window_days))

    @authenticated_field(description="Median annual salary per month and currency of postings whose title has the keyword.")
    async def salary_trend(self, info: strawberry.Info, role_keyword: str) -> list[SalaryPoint]:
        async with read_session() as session:
            return [SalaryPoint.from_result(p) for p in await service.salary_points(session, role_keyword[:100])]


@strawberry.type
class MarketViewerFields:
    @strawberry.field(
        description="Skills your saved jobs and recommendations ask for that your profile lacks, ranked by "
        "frequency × market trend, each with a next step."
    )
    async def skill_gaps(self, info: strawberry.Info, limit: int = 10) -> SkillGapReport:
        context: Context = info.context
        if not 1 <= limit <= context.settings.max_page_size:
            raise PageSizeError(f"'limit' must be between 1 and {context.settings.max_page_size}")
        async with read_session() as session:
            report = await service.gaps(session, context.viewer_id, list(self.skills), limit)  # type: ignore[attr-defined]
        return SkillGapReport.from_result(report)
