"""GraphQL types of the career health report, built from its row (scores) and its `details`
and `risks` JSON by field name."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped
from api.graphql.node import OwnedNode
from api.health.loaders import CareerHealthReportByIdLoader


@strawberry.type(description="How current one skill is: recent use or improvement against its market trend.")
class SkillCurrency(Mapped):
    skill: str
    proficiency: float | None
    last_active_on: date | None = strawberry.field(description="Last improved between snapshots or practised on a goal naming it")
    days_since_active: int | None
    market_trend_percent: float | None
    currency: float = strawberry.field(description="0..1: 0.7 × recency (a year → 0) + 0.3 × market trend score")
    note: str


@strawberry.type(
    description="Postings of the last 30 days whose skills yours cover at least half of, against the 30 days before."
)
class MarketPosition(Mapped):
    covered_postings: int
    total_postings: int
    share: float
    previous_share: float | None
    trend: str = strawberry.field(description="up | down | flat | unknown")


@strawberry.type(description="Skill growth per quarter against your own past and the typical pace of your role.")
class GrowthTrajectory(Mapped):
    skill_growth_per_quarter: float | None
    past_skill_growth_per_quarter: float | None
    typical_for_role: float | None
    trend: str = strawberry.field(description="faster | slower | steady | stalled | unknown")
    note: str


@strawberry.type(description="A risk to the career, with the action that addresses it.")
class HealthRisk(Mapped):
    title: str
    detail: str
    action_label: str
    action_href: str = strawberry.field(description="In-app path: /skills, /market, /goals")


@strawberry.type(name="CareerHealthReport", description="One per month, so health has a trend.")
class CareerHealthReport(OwnedNode, loader=CareerHealthReportByIdLoader):
    month: date = strawberry.field(description="The first day of the month")
    overall: float = strawberry.field(description="0..1: 0.4 skill currency + 0.35 market position + 0.25 growth")
    skill_currency: float
    market_position: float
    growth: float
    computed_at: datetime
    details: strawberry.Private[dict[str, Any]]
    risks: strawberry.Private[list[dict[str, Any]]]

    @strawberry.field
    def skills(self) -> list[SkillCurrency]:
        return [SkillCurrency.from_result(s) for s in self.details.get("skills", [])]

    @strawberry.field
    def market(self) -> MarketPosition:
        return MarketPosition.from_result(self.details.get("market") or {})

    @strawberry.field
    def trajectory(self) -> GrowthTrajectory:
        return GrowthTrajectory.from_result(self.details.get("trajectory") or {})

    @strawberry.field(name="risks")
    def risk_list(self) -> list[HealthRisk]:
        return [HealthRisk.from_result(r, action_label=r["action"]["label"], action_href=r["action"]["href"]) for r in self.risks]


@strawberry.type(description="The latest report and the monthly history (oldest first, up to 24 months).")
class CareerHealth:
    latest: CareerHealthReport | None
    history: list[CareerHealthReport]


@strawberry.input
class CareerHealthRefreshInput:
    force: bool | None = strawberry.field(default=True, description="Recompute even when this month has a report")


@strawberry.type
class CareerHealthPayload:
    report: CareerHealthReport | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
