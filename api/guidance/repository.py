"""All SQL of guidance (insights, rules, overrides, settings), always filtered by owner.

Sections: shared (settings, rules, reactions) — evaluation (batched facts, insight writes) —
insights API (lists, state changes)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.guidance.facts import Reactions
from api.models import CareerInsight, GuidanceRule, GuidanceRuleOverride, GuidanceSetting

REACTION_WINDOW = 10  # the last insights of a rule that teach the rule about the person

# --------------------------------------------------------------------------- shared


async def ensure_settings(session: AsyncSession, user_id: int) -> GuidanceSetting:
    """The person's settings row, created with the defaults on first need (race-safe)."""
    await session.execute(insert(GuidanceSetting).values(user_id=user_id).on_conflict_do_nothing(index_elements=["user_id"]))
    return (await session.execute(select(GuidanceSetting).where(GuidanceSetting.user_id == user_id))).scalar_one()


async def settings_by_user_ids(session: AsyncSession, user_ids: list[int]) -> dict[int, GuidanceSetting]:
    rows = await session.execute(select(GuidanceSetting).where(GuidanceSetting.user_id.in_(user_ids)))
    return {row.user_id: row for row in rows.scalars()}


async def all_rules(session: AsyncSession) -> list[GuidanceRule]:
    return list((await session.execute(select(GuidanceRule).order_by(GuidanceRule.id))).scalars())


async def rule_by_key(session: AsyncSession, key: str) -> GuidanceRule | None:
    return (await session.execute(select(GuidanceRule).where(GuidanceRule.key == key))).scalar_one_or_none()


async def overrides_by_user_ids(session: AsyncSession, user_ids: list[int]) -> dict[int, dict[int, GuidanceRuleOverride]]:
    """user id -> rule id -> the person's override of that rule."""
    rows = await session.execute(select(GuidanceRuleOverride).where(GuidanceRuleOverride.user_id.in_(user_ids)))
    found: dict[int, dict[int, GuidanceRuleOverride]] = defaultdict(dict)
    for row in rows.scalars():
        found[row.user_id][row.rule_id] = row
    return found


async def reactions_by_user_ids(session: AsyncSession, user_ids: list[int]) -> dict[int, dict[int, Reactions]]:
    """user id -> rule id -> reactions to the rule's last REACTION_WINDOW insights (one statement)."""
    ranked = (
        select(
            CareerInsight.user_id,
            CareerInsight.rule_id,
            CareerInsight.dismissed_at,
            CareerInsight.acted_at,
            CareerInsight.verdict,
            func.row_number()
            .over(partition_by=(CareerInsight.user_id, CareerInsight.rule_id), order_by=CareerInsight.id.desc())
            .label("position"),
        )
        .where(CareerInsight.user_id.in_(user_ids), CareerInsight.rule_id.is_not(None))
        .subquery()
    )
    query = (
        select(
            ranked.c.user_id,
            ranked.c.rule_id,
            func.count(),
            func.count(ranked.c.dismissed_at),
            func.count().filter(ranked.c.verdict == "not_useful"),
            func.count().filter(ranked.c.verdict == "useful"),
            func.count(ranked.c.acted_at),
        )
        .where(ranked.c.position <= REACTION_WINDOW)
        .group_by(ranked.c.user_id, ranked.c.rule_id)
    )
    found: dict[int, dict[int, Reactions]] = defaultdict(dict)
    for user_id, rule_id, shown, dismissed, not_useful, useful, acted in await session.execute(query):
        found[user_id][rule_id] = Reactions(shown, dismissed, not_useful, useful, acted)
    return found
