"""The monthly career health report: computed from the person's snapshots, goal activity, profile
and the market, stored once per user and local month (a refresh in the same month replaces it).

`careerHealth` returns what is stored, except that a month without a report yet gets one on
first read (a brand-new user sees a report at once); `careerHealthRefresh` recomputes on demand
and the worker's monthly job (`tasks.health_reports_monthly`) computes everyone's new month.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.dates import local_today
from api.health import repository
from api.health.report import GoalActivity, HealthFacts, HealthReport, health_report, month_of
from api.journey import service as journey_service
from api.journey.history import load_history
from api.journey.ladder import latest_snapshot, load_ladder
from api.journey.records import to_jsonable
from api.market import service as market_service
from api.market.service import MAX_SKILLS
from api.models import CareerHealthReport

TREND_WINDOW = 90


async def _trends(session: AsyncSession, skills: list[str], today) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for start in range(0, len(skills), MAX_SKILLS):
        demand = await market_service.skill_demand(session, skills[start : start + MAX_SKILLS], TREND_WINDOW, today)
        for trend in demand.trends:
            out[trend.skill] = (
                trend.percent_change if trend.percent_change is not None else (100.0 if trend.current_count else None)
            )
    return out


async def compute(session: AsyncSession, user_id: int, now: datetime | None = None) -> HealthReport:
    user = await journey_service.get_user(session, user_id)
    now = now or datetime.now(UTC)
    history = await load_history(session, user, now)
    today = local_today(user.timezone, now)
    newest = latest_snapshot(history.snapshots)
    skills = list(dict.fromkeys([*(newest.skills if newest else ()), *user.skills]))
    window = timedelta(days=30)
    postings = await repository.posting_skills(session, now - 2 * window, now)
    facts = HealthFacts(
        today=today,
        snapshots=history.snapshots,
        profile_skills=tuple(user.skills),
        activity=[GoalActivity(title, day) for title, day in await repository.goal_activity(session, user_id, user.timezone)],
        trends=await _trends(session, skills, today) if skills else {},
        current_postings=[s for at, s in postings if at > now - window],
        previous_postings=[s for at, s in postings if at <= now - window],
        ladder=load_ladder(),
        current_role=history.journey.current_role or None,
    )
    return health_report(facts)


def _values(report: HealthReport, now: datetime) -> dict:
    return {
        "month": report.month,
        "overall": report.overall,
        "skill_currency": report.skill_currency,
        "market_position": report.market_position,
        "growth": report.growth,
        "details": to_jsonable({"skills": report.skills, "market": report.market, "trajectory": report.trajectory}),
        "risks": [
            {"title": r.title, "detail": r.detail, "action": {"label": r.action_label, "href": r.action_href}}
            for r in report.risks
        ],
        "computed_at": now,
    }


async def refresh(session: AsyncSession, user_id: int, now: datetime | None = None, *, force: bool = True) -> CareerHealthReport:
    """This local month's report, recomputed (force) or only computed when there is none yet."""
    now = now or datetime.now(UTC)
    if not force:
        user = await journey_service.get_user(session, user_id)
        stored = await repository.report_for_month(session, user_id, month_of(local_today(user.timezone, now)))
        if stored is not None:
            return stored
    report = await compute(session, user_id, now)
    return await repository.upsert_report(session, user_id, _values(report, now), replace=force)


async def health(
    session: AsyncSession, user_id: int, now: datetime | None = None
) -> tuple[CareerHealthReport | None, list[CareerHealthReport]]:
    """(latest, history oldest first up to 24 months); computes this month's on first read."""
    await refresh(session, user_id, now, force=False)
    months = await repository.history(session, user_id)
    return (months[-1] if months else None), months


__all__ = ["compute", "health", "refresh"]
