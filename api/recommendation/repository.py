"""All SQL of career recommendations, always filtered by owner."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import rows
from api.models import CareerRecommendation
from api.recommendation.engine import WEIGHTS
from api.vocabulary import RecommendationState

# The engine's ranking, in SQL, so stored lists come back in the same order.
RANK = (
    WEIGHTS["market_relevance"] * CareerRecommendation.market_relevance
    + WEIGHTS["personal_fit"] * CareerRecommendation.personal_fit
    + WEIGHTS["confidence"] * CareerRecommendation.confidence
)
REFRESHED = (
    "type",
    "title",
    "description",
    "reasoning",
    "expected_impact",
    "time_to_complete_days",
    "effort",
    "confidence",
    "market_relevance",
    "personal_fit",
    "scoring",
    "goal_steps",
)


async def listed(session: AsyncSession, user_id: int, states: list[str] | None) -> list[CareerRecommendation]:
    """Open ones best first; decided ones (when asked for) after them, newest decision first."""
    query = select(CareerRecommendation).where(CareerRecommendation.user_id == user_id)
    if states:
        query = query.where(CareerRecommendation.state.in_(states))
    is_open = CareerRecommendation.state == RecommendationState.OPEN
    query = query.order_by(
        is_open.desc(),
        RANK.desc(),
        CareerRecommendation.decided_at.desc().nulls_last(),
        CareerRecommendation.id.desc(),
    )
    return await rows(session, query)


async def decided_pairs(session: AsyncSession, user_id: int, subject_keys: list[str]) -> set[tuple[str, str]]:
    """(subject_key, facts_key) of the accepted or declined ones among these subjects."""
    if not subject_keys:
        return set()
    query = select(CareerRecommendation.subject_key, CareerRecommendation.facts_key).where(
        CareerRecommendation.user_id == user_id,
        CareerRecommendation.subject_key.in_(subject_keys),
        CareerRecommendation.state != RecommendationState.OPEN,
    )
    return {(r.subject_key, r.facts_key) for r in await session.execute(query)}


async def delete_superseded(session: AsyncSession, user_id: int, current: list[tuple[str, str]]) -> None:
    """Open ones of these subjects whose facts changed (never decided, so nothing is lost)."""
    if not current:
        return
    subjects = [s for s, _ in current]
    await session.execute(
        delete(CareerRecommendation).where(
            CareerRecommendation.user_id == user_id,
            CareerRecommendation.state == RecommendationState.OPEN,
            CareerRecommendation.subject_key.in_(subjects),
            tuple_(CareerRecommendation.subject_key, CareerRecommendation.facts_key).not_in(current),
        )
    )


async def upsert_open(session: AsyncSession, user_id: int, values: list[dict[str, Any]]) -> None:
    """Insert new open ones; an open one with the same subject and facts gets the fresh wording
    and scores. A decided row with the same key stays as it is (the unique index makes two
    concurrent runs collapse into one row)."""
    if not values:
        return
    statement = insert(CareerRecommendation).values([{**v, "user_id": user_id} for v in values])
    statement = statement.on_conflict_do_update(
        index_elements=[CareerRecommendation.user_id, CareerRecommendation.subject_key, CareerRecommendation.facts_key],
        set_={**{name: statement.excluded[name] for name in REFRESHED}, "updated_at": func.now()},
        where=CareerRecommendation.state == RecommendationState.OPEN,
    )
    await session.execute(statement)
