from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from api.market.gaps import GapReport
from api.market.service import SkillDemand as SkillDemandResult
from api.market.trends import SalaryPoint as SalaryPointResult
from api.market.trends import SkillTrend as SkillTrendResult


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


@strawberry.enum
class TrendStatus(Enum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"
    NEW = "new"
    GONE = "gone"
    NONE = "none"


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

    @classmethod
    def from_result(cls, t: SkillTrendResult) -> "SkillTrend":
        return cls(
            skill=t.skill, window_days=t.window_days, previous_count=t.previous_count, current_count=t.current_count,
            previous_total=t.previous_total, current_total=t.current_total, previous_share=t.previous_share,
            current_share=t.current_share, percent_change=t.percent_change, status=TrendStatus(t.status),
            low_confidence=t.low_confidence, sentence=t.sentence,
        )


@strawberry.type(description="Market demand for skills across all ingested postings (aggregated, no personal data).")
class SkillDemand:
    window_days: int
    as_of: date
    skills: list[str] = strawberry.field(description="The skills shown (the most demanded ones when none were asked)")
    postings: int = strawberry.field(description="Postings in both windows")
    weeks: list[WeekShare] = strawberry.field(description="Weekly share over both windows, oldest first")
    trends: list[SkillTrend]

    @classmethod
    def from_result(cls, r: SkillDemandResult) -> "SkillDemand":
        return cls(
            window_days=r.window_days, as_of=r.as_of, skills=r.skills, postings=r.postings,
            weeks=[WeekShare(week=w.week, week_start=w.week_start, postings=w.postings,
                             skills=[SkillShare(skill=s, count=w.counts.get(s, 0), share=w.shares.get(s, 0.0))
                                     for s in r.skills])
                   for w in r.weeks],
            trends=[SkillTrend.from_result(t) for t in r.trends],
        )


@strawberry.type(description="Median annual salary of one month's postings in one currency.")
class SalaryPoint:
    month: str
    currency: str
    median: float
    count: int

    @classmethod
    def from_result(cls, p: SalaryPointResult) -> "SalaryPoint":
        return cls(month=p.month, currency=p.currency, median=p.median, count=p.count)


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
class SkillGapReport:
    gaps: list[SkillGap]
    coverage_percent: float = strawberry.field(description="How much of your jobs' skill demand you already cover")
    jobs_considered: int
    skills_you_have: list[str]

    @classmethod
    def from_result(cls, r: GapReport) -> "SkillGapReport":
        return cls(
            gaps=[SkillGap(skill=g.skill, category=g.category, frequency=g.frequency,
                           coverage_percent=g.coverage_percent, trend_percent=g.trend_percent,
                           rank_score=g.rank_score, next_step=g.next_step) for g in r.gaps],
            coverage_percent=r.coverage_percent, jobs_considered=r.jobs_considered,
            skills_you_have=list(r.skills_you_have),
        )
