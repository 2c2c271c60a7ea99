"""Market intelligence: SQL aggregates over every posting in, the pure functions of `api.market` out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.dates import iso_week, start_of_day, week_start
from api.market import repository
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


@dataclass
class SkillShare:
    skill: str
    count: int
    share: float


@dataclass
class WeekShare:
    week: str
    week_start: date
    postings: int
    skills: list[SkillShare]  # every skill of the demand, in its order


@dataclass
class SkillDemand:
    window_days: int
    as_of: date
    skills: list[str]
    weeks: list[WeekShare]
    trends: list[SkillTrend]
    postings: int


async def _presence_rows(
    session: AsyncSession, skills: list[str], first_day: date, as_of: date, tx: Taxonomy
) -> list[tuple[date, list[str]]]:
    keys = sorted({tx.canonical(s).lower() for s in skills} | {s.lower() for s in skills})
    grouped = await repository.skill_presence_by_day(
        session, keys, start_of_day(first_day), start_of_day(as_of + timedelta(days=1))
    )
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
        wanted = await repository.top_skills(session, start_of_day(as_of - timedelta(days=window_days - 1)), TOP_SKILLS)
    rows = await _presence_rows(session, wanted, first_day, as_of, tx) if wanted else []
    weeks = _weeks(weekly_skill_share(rows, wanted, tx) if wanted else [], wanted, week_start(first_day), week_start(as_of))
    trends = list(skill_trends(rows, window_days, as_of, wanted, tx).values()) if wanted else []
    return SkillDemand(window_days, as_of, wanted, weeks, trends, len(rows))


def _weeks(shares: list[WeeklyShare], skills: list[str], first: date, last: date) -> list[WeekShare]:
    """A continuous weekly axis over the whole span, so charts show quiet weeks as zero."""
    by_start = {w.week_start: w for w in shares}
    out: list[WeekShare] = []
    current = first
    while current <= last:
        found = by_start.get(current) or WeeklyShare(iso_week(current), current, 0)
        counts = [SkillShare(s, found.counts.get(s, 0), found.shares.get(s, 0.0)) for s in skills]
        out.append(WeekShare(found.week, current, found.postings, counts))
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
