from __future__ import annotations

from datetime import date

import strawberry

from api.graphql.enums import expose
from api.graphql.mapping import Mapped
from api.vocabulary import TrendStatus

expose(TrendStatus)


@strawberry.type
class SkillShare:
    skill: str
    count: int = strawberry.field(description="Postings that week mentioning the skill")
    share: float = strawberry.field(description="Percent of that week's postings")


@strawberry.type
class WeekShare:
    week: str = strawberry.field(description="ISO week, e.g. 2025-W03")
    week_start: date
    postings: int
    skills: list[SkillShare]


@strawberry.type(description="Postings mentioning a skill in the last window vs the one before.")
class SkillTrend:
    skill: str
    window_days: int
    previous_count: int
    current_count: int
    previous_total: int
    current_total: int
    previous_share: float
    current_share: float
    percent_change: float | None = strawberry.field(description="Null when the previous window had none")
    status: TrendStatus
    low_confidence: bool = strawberry.field(description="Fewer than 20 postings behind it")
    sentence: str = strawberry.field(description="e.g. 'Kubernetes +23% in postings over 90 days, 412 → 507.'")


@strawberry.type(description="Market demand for skills across all ingested postings (aggregated, no personal data).")
class SkillDemand(Mapped):
    window_days: int
    as_of: date
    skills: list[str] = strawberry.field(description="The skills shown (the most demanded ones when none were asked)")
    postings: int = strawberry.field(description="Postings in both windows")
    weeks: list[WeekShare] = strawberry.field(description="Weekly share over both windows, oldest first")
    trends: list[SkillTrend]


@strawberry.type(description="Median annual salary of one month's postings in one currency.")
class SalaryPoint(Mapped):
    month: str
    currency: str
    median: float
    count: int


@strawberry.type
class SkillGap:
    skill: str
    category: str | None
    frequency: int = strawberry.field(description="Jobs asking for it")
    coverage_percent: float = strawberry.field(description="Share of the jobs considered that ask for it")
    trend_percent: float | None = strawberry.field(description="Market change over 90 days; null when unknown")
    rank_score: float = strawberry.field(description="frequency × (1 + trend/100)")
    next_step: str


@strawberry.type
class SkillGapReport(Mapped):
    gaps: list[SkillGap]
    coverage_percent: float = strawberry.field(description="How much of your jobs' skill demand you already cover")
    jobs_considered: int
    skills_you_have: list[str]
