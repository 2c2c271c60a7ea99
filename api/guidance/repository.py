"""All SQL of guidance (insights, rules, overrides, settings), always filtered by owner.

Sections: shared (settings, rules, reactions) — evaluation (batched facts, insight writes) —
insights API (lists, state changes)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Text, and_, case, cast, delete, exists, func, or_, select
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import page, rows
from api.guidance.facts import Reactions
from api.models import (
    CareerInsight,
    Goal,
    GuidanceRule,
    GuidanceRuleOverride,
    GuidanceSetting,
    Job,
    ResumeUpload,
    SavedSearch,
    User,
)
from api.vocabulary import PRIORITY_ORDER, InsightPriority, InsightState, ResumeUploadStatus

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


# --------------------------------------------------------------------------- insights API


def _open_at(now: datetime) -> ColumnElement[bool]:
    """Neither dismissed nor acted on, and not past valid_until: still waiting for the person."""
    return and_(
        CareerInsight.dismissed_at.is_(None),
        CareerInsight.acted_at.is_(None),
        or_(CareerInsight.valid_until.is_(None), CareerInsight.valid_until >= now),
    )


def state_condition(state: InsightState | str, now: datetime) -> ColumnElement[bool]:
    """The SQL of a derived state, in the order Insight.state decides it: dismissed > acted > expired > read > new."""
    state = InsightState(state)
    if state is InsightState.DISMISSED:
        return CareerInsight.dismissed_at.is_not(None)
    if state is InsightState.ACTED:
        return and_(CareerInsight.dismissed_at.is_(None), CareerInsight.acted_at.is_not(None))
    if state is InsightState.EXPIRED:
        return and_(CareerInsight.dismissed_at.is_(None), CareerInsight.acted_at.is_(None), CareerInsight.valid_until < now)
    if state is InsightState.READ:
        return and_(_open_at(now), CareerInsight.read_at.is_not(None))
    return and_(_open_at(now), CareerInsight.read_at.is_(None))


def _priority_rank() -> ColumnElement[int]:
    return case({priority.value: rank for rank, priority in enumerate(PRIORITY_ORDER)}, value=CareerInsight.priority)


async def insights_page(
    session: AsyncSession,
    user_id: int,
    offset: int,
    limit: int,
    *,
    now: datetime,
    kinds: list[str] | None = None,
    states: list[str] | None = None,
    min_priority: str | None = None,
) -> tuple[list[CareerInsight], int]:
    """The person's insights, newest first, filtered by kind, derived state and lowest priority."""
    query = select(CareerInsight).where(CareerInsight.user_id == user_id)
    if kinds:
        query = query.where(CareerInsight.kind.in_(kinds))
    if states:
        query = query.where(or_(*(state_condition(state, now) for state in states)))
    if min_priority is not None:
        lowest = PRIORITY_ORDER.index(InsightPriority(min_priority))
        query = query.where(CareerInsight.priority.in_([p.value for p in PRIORITY_ORDER[lowest:]]))
    return await page(session, query, offset, limit, CareerInsight.created_at.desc(), CareerInsight.id.desc())


async def top_insights(session: AsyncSession, user_id: int, limit: int, now: datetime) -> list[CareerInsight]:
    """What the Today page shows: open insights, highest priority first, then newest."""
    query = (
        select(CareerInsight)
        .where(CareerInsight.user_id == user_id, _open_at(now))
        .order_by(_priority_rank().desc(), CareerInsight.created_at.desc(), CareerInsight.id.desc())
        .limit(limit)
    )
    return await rows(session, query)


async def insights_for_update(session: AsyncSession, user_id: int, insight_ids: list[int]) -> list[CareerInsight]:
    """The person's insights among `insight_ids`, locked for the unit of work (another user's find nothing)."""
    query = (
        select(CareerInsight)
        .where(CareerInsight.user_id == user_id, CareerInsight.id.in_(insight_ids))
        .order_by(CareerInsight.id)
        .with_for_update()
    )
    return await rows(session, query)


async def rules_by_ids(session: AsyncSession, rule_ids: list[int]) -> list[GuidanceRule]:
    """Rules are shared by everyone (no owner): the rule behind each insight."""
    return await rows(session, select(GuidanceRule).where(GuidanceRule.id.in_(rule_ids)))


async def override_of(session: AsyncSession, user_id: int, rule_id: int) -> GuidanceRuleOverride | None:
    query = select(GuidanceRuleOverride).where(GuidanceRuleOverride.user_id == user_id, GuidanceRuleOverride.rule_id == rule_id)
    return (await session.execute(query)).scalar_one_or_none()


async def upsert_override(
    session: AsyncSession, user_id: int, rule_id: int, *, muted: bool | None, changed: dict[str, Any], restored: list[str]
) -> GuidanceRuleOverride:
    """Lay `changed` over the stored override and drop the `restored` keys (back at their defaults), in one
    statement, so two concurrent updates of different keys both stay; `muted` None keeps the stored one."""
    statement = insert(GuidanceRuleOverride).values(
        user_id=user_id, rule_id=rule_id, muted=bool(muted), conditions={k: v for k, v in changed.items() if k not in restored}
    )
    stored = GuidanceRuleOverride.__table__.c
    merged = stored.conditions.op("||")(statement.excluded.conditions)
    if restored:
        merged = merged.op("-")(cast(restored, ARRAY(Text)))
    upsert = statement.on_conflict_do_update(
        index_elements=["user_id", "rule_id"],
        set_={
            "conditions": merged,
            "muted": stored.muted if muted is None else muted,
            "updated_at": func.now(),
        },
    ).returning(GuidanceRuleOverride)
    return (await session.execute(upsert.execution_options(populate_existing=True))).scalar_one()


async def delete_override(session: AsyncSession, user_id: int, rule_id: int) -> None:
    await session.execute(
        delete(GuidanceRuleOverride).where(GuidanceRuleOverride.user_id == user_id, GuidanceRuleOverride.rule_id == rule_id)
    )


async def first_run_checklist(session: AsyncSession, user_id: int) -> dict[str, bool]:
    """(profile, resume, job, goal, saved_search): whether the person did each first step, in one statement."""
    query = select(
        exists().where(User.id == user_id, func.cardinality(User.skills) > 0).label("profile"),
        exists()
        .where(ResumeUpload.user_id == user_id, ResumeUpload.status == ResumeUploadStatus.COMPLETED.value)
        .label("resume"),
        exists().where(Job.user_id == user_id).label("job"),
        exists().where(Goal.user_id == user_id).label("goal"),
        exists().where(SavedSearch.user_id == user_id).label("saved_search"),
    )
    return {key: bool(done) for key, done in (await session.execute(query)).one()._mapping.items()}
