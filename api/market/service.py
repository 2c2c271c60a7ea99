"""Market intelligence and analytics: SQL aggregates in, the pure functions of `api.market` out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.application.funnel import PipelineAnalytics, pipeline_analytics
from api.market import repository
from api.market._util import iso_week, week_start
from api.market.gaps import GapReport, skill_gaps
from api.market.trends import (
    SalaryPoint,
    SkillTrend,
    WeeklyShare,
    salary_trend,
    skill_trends,
    trend_percent_map,
    weekly_skill_share,
)
from api.matching import repository as recommendations
from api.matching.scoring import taxonomy_for
from api.skill.taxonomy import Taxonomy, default_taxonomy

WINDOWS = (30, 90, 365)
TOP_SKILLS = 6
MAX_SKILLS = 12
GAP_TREND_WINDOW = 90
RECOMMENDATIONS_FOR_GAPS = 50
SALARY_YEARS = 2
# the app's statuses in the vocabulary of the pure analytics (declined = the person said no)
STATUS_FOR_ANALYTICS = {"interested": "saved", "declined": "withdrawn"}


@dataclass
class SkillDemand:
    window_days: int
    as_of: date
    skills: list[str]
    weeks: list[WeeklyShare]
    trends: list[SkillTrend]
    postings: int


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


async def _presence_rows(
    session: AsyncSession, skills: list[str], first_day: date, as_of: date, tx: Taxonomy
) -> list[tuple[date, list[str]]]:
    keys = sorted({tx.canonical(s).lower() for s in skills} | {s.lower() for s in skills})
    grouped = await repository.skill_presence_by_day(session, keys, _start_of(first_day), _start_of(as_of + timedelta(days=1)))
    rows: list[tuple[date, list[str]]] = []
    for day, present, count in grouped:
        rows.extend([(day, present)] * count)
    return rows


async def skill_demand(session: AsyncSession, skills: list[str], window_days: int, as_of: date | None = None) -> SkillDemand:
    """Weekly share of postings mentioning each skill over both windows, and the trend of the
    current window against the previous one (all postings, all users)."""
    tx = default_taxonomy()
    as_of = as_of or datetime.now(UTC).date()
    first_day = as_of - timedelta(days=2 * window_days - 1)
    wanted = list(dict.fromkeys(tx.canonical(s) for s in skills if s and s.strip()))[:MAX_SKILLS]
    if not wanted:
        wanted = await repository.top_skills(session, _start_of(as_of - timedelta(days=window_days - 1)), TOP_SKILLS)
    rows = await _presence_rows(session, wanted, first_day, as_of, tx) if wanted else []
    weeks = weekly_skill_share(rows, wanted, tx) if wanted else []
    weeks = _pad_weeks(weeks, wanted, week_start(first_day), week_start(as_of))
    trends = list(skill_trends(rows, window_days, as_of, wanted, tx).values()) if wanted else []
    return SkillDemand(window_days, as_of, wanted, weeks, trends, len(rows))


def _pad_weeks(weeks: list[WeeklyShare], skills: list[str], first: date, last: date) -> list[WeeklyShare]:
    """A continuous weekly axis over the whole span, so charts show quiet weeks as zero."""
    by_start = {w.week_start: w for w in weeks}
    out: list[WeeklyShare] = []
    current = first
    while current <= last:
        out.append(by_start.get(current) or WeeklyShare(iso_week(current), current, 0, {s: 0 for s in skills},
                                                        {s: 0.0 for s in skills}))
        current += timedelta(days=7)
    return out


async def salary_points(session: AsyncSession, role_keyword: str) -> list[SalaryPoint]:
    keyword = " ".join((role_keyword or "").split())
    if not keyword:
        return []
    since = datetime.now(UTC) - timedelta(days=365 * SALARY_YEARS)
    rows = await repository.salary_rows(session, keyword, since)
    return salary_trend([(r[0].date(), *r[1:]) for r in rows], keyword)


async def gaps(session: AsyncSession, user_id: int, profile_skills: list[str], limit: int) -> GapReport:
    """Skills the user's saved jobs and top recommendations ask for that the profile lacks,
    ranked by frequency × market trend (90 days, all postings)."""
    tx = await taxonomy_for(session, user_id)
    lists: dict[int, list[str]] = dict(await repository.saved_job_skills(session, user_id))
    recommended, _ = await recommendations.recommendations(session, user_id, 0, RECOMMENDATIONS_FOR_GAPS)
    for job in recommended:
        lists.setdefault(job.id, list(job.tech_stack))
    demanded = list(dict.fromkeys(tx.canonical(s) for stack in lists.values() for s in stack))
    have = set(tx.canonical_set(profile_skills))
    missing = [s for s in demanded if tx.canonical_key(s) not in have]
    trends: dict[str, float] = {}
    if missing:
        as_of = datetime.now(UTC).date()
        rows = await _presence_rows(session, missing, as_of - timedelta(days=2 * GAP_TREND_WINDOW - 1), as_of, tx)
        trends = trend_percent_map(skill_trends(rows, GAP_TREND_WINDOW, as_of, missing, tx))
    return skill_gaps(profile_skills, lists.values(), trends, tx, limit)


@dataclass
class Analytics:
    jobs: int
    by_status: dict[str, int]  # in the app's own statuses (interested … declined)
    pipeline: PipelineAnalytics
    weeks: list[tuple[str, date, int]]


async def analytics(session: AsyncSession, user_id: int) -> Analytics:
    history: dict[int, list[tuple[str, datetime]]] = {}
    for change in await repository.status_history(session, user_id):
        history.setdefault(change.application_id, []).append(
            (STATUS_FOR_ANALYTICS.get(change.to_status, change.to_status), change.changed_at)
        )
    rows = []
    by_status: dict[str, int] = {}
    for application, origin, posting_source in await repository.application_rows(session, user_id):
        by_status[application.status] = by_status.get(application.status, 0) + 1
        rows.append({
            "status": STATUS_FOR_ANALYTICS.get(application.status, application.status),
            "source": posting_source if origin == "discovered" and posting_source else origin,
            "created_at": application.created_at, "applied_at": application.applied_at,
            "interview_at": application.interview_at, "offer_at": application.offer_at,
            "decided_at": application.decided_at, "status_history": history.get(application.id, []),
        })
    result = pipeline_analytics(rows)
    return Analytics(await repository.job_count(session, user_id), dict(sorted(by_status.items())), result,
                     _weeks(result.per_week))


def _weeks(per_week: dict[str, int]) -> list[tuple[str, date, int]]:
    """ISO weeks → a continuous list (week, its Monday, applications) from the first to the last."""
    if not per_week:
        return []
    starts = {date.fromisocalendar(int(w[:4]), int(w[6:]), 1): n for w, n in per_week.items()}
    out, current, last = [], min(starts), max(starts)
    while current <= last:
        out.append((iso_week(current), current, starts.get(current, 0)))
        current += timedelta(days=7)
    return out
