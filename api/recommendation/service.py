"""Career recommendations: generate from the person's facts, accept (a goal and a goal_set
decision, together) or decline.

Generating computes the engine's candidates, drops those the person already accepted or
declined *with the same material facts* (`facts_key`), and upserts the rest as open rows. An
open row of the same subject whose facts changed is replaced (it was never decided, so nothing
is lost). Open rows whose subject is no longer suggested at all are kept: they were true when
made, the person may still want them, and a decision on them is theirs; they are refreshed
or replaced the next time their subject comes back.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.application import service as application_service
from api.dates import local_today
from api.db import owned
from api.errors import AppError, ErrorCode, InvalidTransition, Validator, found
from api.goal import service as goal_service
from api.journey import service as journey_service
from api.journey.history import load_history
from api.journey.ladder import latest_snapshot, load_ladder, resolve_roles
from api.journey.records import to_jsonable
from api.market import service as market_service
from api.models import CareerRecommendation, Goal
from api.recommendation import repository
from api.recommendation.engine import Candidate, MarketTrend, RecommendationFacts, load_certifications, recommend
from api.skill.taxonomy import canonical_key
from api.vocabulary import RecommendationState

MAX_LIMIT = 20
REASON_LIMIT = 1_000
GAPS_CONSIDERED = 10
TREND_WINDOW = 90


async def facts_for(session: AsyncSession, user_id: int, now: datetime | None = None) -> RecommendationFacts:
    """The person's facts the engine reads, from their rows and the market."""
    user = await journey_service.get_user(session, user_id)
    history = await load_history(session, user, now)
    ladder = load_ladder()
    snapshot = latest_snapshot(history.snapshots)
    report = await market_service.gaps(session, user_id, list(user.skills), GAPS_CONSIDERED)
    _, target, _ = resolve_roles(ladder, history.journey.current_role, history.journey.target_role)
    skills = [g.skill for g in report.gaps]
    if target is not None:
        skills += [g.skill for g in ladder.skill_gaps(target, snapshot) if g.gap > 0]
    trends: dict[str, MarketTrend] = {}
    if skills:
        demand = await market_service.skill_demand(session, list(dict.fromkeys(skills)), TREND_WINDOW)
        for trend in demand.trends:
            percent = trend.percent_change if trend.percent_change is not None else (100.0 if trend.current_count else None)
            trends[canonical_key(trend.skill)] = MarketTrend(percent, trend.previous_count + trend.current_count)
    analytics = await application_service.analytics(session, user_id)
    return RecommendationFacts(
        today=history.today,
        journey=history.journey,
        ladder=ladder,
        profile_skills=tuple(user.skills),
        snapshot=snapshot,
        gaps=tuple(report.gaps),
        jobs_considered=report.jobs_considered,
        trends=trends,
        context=history.context,
        patterns=history.patterns(),
        applied=analytics.totals.applications,
        response_rate=analytics.overall_response_rate,
        goals=tuple(history.goals),
        certifications=load_certifications(),
    )


def _row_values(candidate: Candidate) -> dict:
    return {
        "type": candidate.type.value,
        "subject_key": candidate.subject_key,
        "facts_key": candidate.facts_key,
        "title": candidate.title[:200],
        "description": candidate.description,
        "reasoning": candidate.reasoning,
        "expected_impact": candidate.expected_impact,
        "time_to_complete_days": candidate.time_to_complete_days,
        "effort": candidate.effort.value,
        "confidence": candidate.confidence,
        "market_relevance": candidate.market_relevance,
        "personal_fit": candidate.personal_fit,
        "scoring": {"scores": to_jsonable(list(candidate.scoring))},
        "goal_steps": list(candidate.goal_steps),
        "state": RecommendationState.OPEN.value,
    }


async def generate(session: AsyncSession, user_id: int, limit: int, now: datetime | None = None) -> list[CareerRecommendation]:
    """Up to `limit` fresh candidates stored as open recommendations; returns every open one, best first."""
    if not (1 <= limit <= MAX_LIMIT):
        raise AppError(f"Ask for 1 to {MAX_LIMIT} recommendations", "limit", ErrorCode.OUT_OF_RANGE)
    facts = await facts_for(session, user_id, now)
    candidates = recommend(facts)
    decided = await repository.decided_pairs(session, user_id, [c.subject_key for c in candidates])
    fresh = [c for c in candidates if (c.subject_key, c.facts_key) not in decided][:limit]
    await repository.delete_superseded(session, user_id, [(c.subject_key, c.facts_key) for c in fresh])
    await repository.upsert_open(session, user_id, [_row_values(c) for c in fresh])
    await session.flush()
    return await repository.listed(session, user_id, [RecommendationState.OPEN.value])


async def _open(session: AsyncSession, user_id: int, recommendation_id: int) -> CareerRecommendation:
    row = found(
        await owned(session, CareerRecommendation, user_id, recommendation_id, for_update=True),
        "CareerRecommendation not found",
        "id",
    )
    if row.state == RecommendationState.DECLINED:
        raise InvalidTransition("You declined this recommendation; generate again for current ones", "id", ErrorCode.DECLINED)
    if row.state == RecommendationState.ACCEPTED:
        raise InvalidTransition("You already accepted this recommendation", "id", ErrorCode.ALREADY_ACCEPTED)
    return row


async def accept(
    session: AsyncSession, user_id: int, recommendation_id: int, target_date=None, now: datetime | None = None
) -> tuple[CareerRecommendation, Goal]:
    """Create the goal (with the recommendation's steps) and a goal_set decision, and mark it
    accepted, in the caller's unit of work: a goal that fails validation writes nothing."""
    user = await journey_service.get_user(session, user_id)
    row = await _open(session, user_id, recommendation_id)
    now = now or datetime.now(UTC)
    if target_date is None:
        target_date = local_today(user.timezone, now) + timedelta(days=row.time_to_complete_days)
    difficulty = {"low": "easy", "medium": "medium", "high": "hard"}[row.effort]
    fields = {"title": row.title, "why": row.reasoning, "target_date": target_date, "difficulty": difficulty}
    goal, _, _ = await goal_service.accept_suggestion(session, user_id, fields, list(row.goal_steps))
    row.state, row.decided_at, row.goal_id = RecommendationState.ACCEPTED.value, now, goal.id
    await session.flush()
    return row, goal


async def decline(
    session: AsyncSession, user_id: int, recommendation_id: int, reason: str | None, now: datetime | None = None
) -> CareerRecommendation:
    check = Validator()
    reason = check.text("reason", reason, max_len=REASON_LIMIT, label="Reason") or None
    check.check()
    row = await _open(session, user_id, recommendation_id)
    row.state, row.decided_at, row.decline_reason = RecommendationState.DECLINED.value, now or datetime.now(UTC), reason
    await session.flush()
    return row


async def listed(session: AsyncSession, user_id: int, states: list[str] | None) -> list[CareerRecommendation]:
    return await repository.listed(session, user_id, states)
