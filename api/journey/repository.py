"""All SQL of the journey domain (journey, context, decisions, milestones, snapshots), always
filtered by owner (the shapes every repository shares are in `api.db`). Two
exceptions: `peer_role_moves`, read by the worker only, which returns anonymised role moves of
*other* users for the prediction's peer refinement, and `posting_skill_counts`, which reads the
global postings (no personal data) for market demand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import DateTime, Text, and_, any_, bindparam, distinct, func, literal_column, select, true
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import OWNER, DriverPage, DriverRow, rows
from api.journey.records import ROLE_MOVE_KINDS
from api.models import (
    CareerContext,
    CareerJourney,
    Decision,
    Goal,
    GoalProgressEntry,
    GoalStep,
    Milestone,
    Posting,
    SkillSnapshot,
)

# --------------------------------------------------------------------------- the read-only pages' columns

# What the Journey page's lists show, read straight from the driver (`api.db.driver_rows`, rows read
# as ORM rows are) by statements built once: no column nobody shows.
MILESTONE_COLUMNS = tuple(
    getattr(Milestone, name)
    for name in ("id", "kind", "title", "description", "impact_score", "market_value_note", "role", "achieved_on", "created_at")
)
DECISION_COLUMNS = tuple(
    getattr(Decision, name)
    for name in ("id", "goal_id", "kind", "context", "choice", "decided_at", "outcome", "lessons", "satisfaction", "outcome_at")
)
# What the Goal type shows of a goal (`api.goal.types.Goal`), read with the decision that set it.
GOAL_FIELDS = (
    *("id", "title", "why", "target_date", "status", "difficulty", "learning_format", "progress", "started_on"),
    *("completed_on", "abandoned_on", "created_at", "updated_at"),
)
SNAPSHOT_COLUMNS = tuple(
    getattr(SkillSnapshot, name) for name in ("id", "taken_on", "skills", "notes", "created_at", "updated_at")
)
# The notes without the computed market-demand notes (their share stands in for them) and what else
# they hold: what a page that does not show `marketDemandNote` reads (a sixth of the JSON to decode).
_SLIM_NOTES = literal_column(
    "(SELECT jsonb_object_agg(n.key, jsonb_build_object("
    "'market_demand', CASE WHEN jsonb_typeof(n.value->'market_demand') = 'object' "
    "THEN n.value->'market_demand'->'share' ELSE n.value->'market_demand' END, "
    "'gap', n.value->'gap')) FROM jsonb_each(skill_snapshots.notes) AS n)",
    type_=JSONB,
).label("notes")


# --------------------------------------------------------------------------- journey


async def journey_for(session: AsyncSession, user_id: int, *, for_update: bool = False) -> CareerJourney | None:
    query = select(CareerJourney).where(CareerJourney.user_id == user_id)
    return (await session.execute(query.with_for_update() if for_update else query)).scalar_one_or_none()


async def ensure_journey(session: AsyncSession, user_id: int, career_stage: str) -> CareerJourney:
    """The user's journey row, created with defaults on first use (concurrency-safe), locked."""
    await session.execute(
        insert(CareerJourney)
        .values(user_id=user_id, career_stage=career_stage)
        .on_conflict_do_nothing(index_elements=[CareerJourney.user_id])
    )
    journey = await journey_for(session, user_id, for_update=True)
    assert journey is not None
    return journey


async def journey_user_ids(session: AsyncSession) -> list[int]:
    return await rows(session, select(CareerJourney.user_id).order_by(CareerJourney.user_id))


async def count_journeys(session: AsyncSession) -> int:
    return (await session.execute(select(func.count()).select_from(CareerJourney))).scalar_one()


@dataclass(frozen=True)
class RoleMove:
    user_id: int
    role: str
    achieved_on: date


async def peer_role_moves(session: AsyncSession, exclude_user_id: int) -> list[RoleMove]:
    """Role milestones of every other user, oldest first per user. Worker-only: the caller
    turns them into anonymised transitions and only ever reports how many peers it used."""
    moves = await session.execute(
        select(Milestone.user_id, Milestone.role, Milestone.achieved_on)
        .where(
            Milestone.user_id != exclude_user_id,
            Milestone.kind.in_(ROLE_MOVE_KINDS),
            Milestone.role.is_not(None),
        )
        .order_by(Milestone.user_id, Milestone.achieved_on, Milestone.id)
    )
    return [RoleMove(r.user_id, r.role, r.achieved_on) for r in moves]


# --------------------------------------------------------------------------- context


async def context_for(session: AsyncSession, user_id: int, *, for_update: bool = False) -> CareerContext | None:
    query = select(CareerContext).where(CareerContext.user_id == user_id)
    return (await session.execute(query.with_for_update() if for_update else query)).scalar_one_or_none()


async def ensure_context(session: AsyncSession, user_id: int) -> CareerContext:
    await session.execute(
        insert(CareerContext).values(user_id=user_id).on_conflict_do_nothing(index_elements=[CareerContext.user_id])
    )
    context = await context_for(session, user_id, for_update=True)
    assert context is not None
    return context


# --------------------------------------------------------------------------- decisions


@dataclass
class DecisionFilter:
    open_only: bool = False
    decided_before: datetime | None = None  # with open_only: the overdue ones
    kinds: list[str] | None = None


@cache
def _decisions(with_goals: bool, open_only: bool, before: bool, kinds: bool) -> DriverPage:
    columns: list[Any] = list(DECISION_COLUMNS)
    if with_goals:
        columns += [getattr(Goal, name).label(f"goal__{name}") for name in GOAL_FIELDS]
    query = select(*columns)
    if with_goals:  # the owner's goal only
        query = query.select_from(Decision).outerjoin(Goal, and_(Goal.id == Decision.goal_id, Goal.user_id == Decision.user_id))
    query = query.where(Decision.user_id == OWNER)
    if open_only:
        query = query.where(Decision.outcome.is_(None))
    if before:
        query = query.where(Decision.decided_at < bindparam("decided_before", type_=DateTime(timezone=True)))
    if kinds:
        query = query.where(Decision.kind == any_(bindparam("kinds", type_=ARRAY(Text))))
    return DriverPage(query, Decision.decided_at.desc(), Decision.id.desc())


async def decisions_page(
    user_id: int, offset: int, limit: int, *, filters: DecisionFilter, with_goals: bool = False
) -> tuple[list[DriverRow], int]:
    """A page of decisions; `with_goals`: each with the goal it set (the owner's; `row.goal`, None
    without one), in the same statement."""
    statement = _decisions(with_goals, filters.open_only, filters.decided_before is not None, bool(filters.kinds))
    params = {"user_id": user_id, "decided_before": filters.decided_before, "kinds": filters.kinds}
    rows, total = await statement.read(params, offset, limit)
    for row in rows:
        goal = DriverRow((name, row.pop(f"goal__{name}")) for name in GOAL_FIELDS) if with_goals else None
        row["goal"] = goal if goal is not None and goal["id"] is not None else None
    return rows, total


# --------------------------------------------------------------------------- milestones


_MILESTONES = DriverPage(
    select(*MILESTONE_COLUMNS).where(Milestone.user_id == OWNER), Milestone.achieved_on.desc(), Milestone.id.desc()
)


async def milestones_page(user_id: int, offset: int, limit: int) -> tuple[list[DriverRow], int]:
    return await _MILESTONES.read({"user_id": user_id}, offset, limit)


async def all_milestones(session: AsyncSession, user_id: int) -> list[Milestone]:
    return await rows(
        session, select(Milestone).where(Milestone.user_id == user_id).order_by(Milestone.achieved_on, Milestone.id)
    )


# --------------------------------------------------------------------------- skill snapshots


@cache
def _snapshots(newest_first: bool, demand_notes: bool) -> DriverPage:
    columns = [_SLIM_NOTES if column is SkillSnapshot.notes and not demand_notes else column for column in SNAPSHOT_COLUMNS]
    order = SkillSnapshot.taken_on.desc() if newest_first else SkillSnapshot.taken_on.asc()
    return DriverPage(select(*columns).where(SkillSnapshot.user_id == OWNER), order)


async def snapshots_page(
    user_id: int, offset: int, limit: int, *, newest_first: bool, demand_notes: bool = True
) -> tuple[list[DriverRow], int]:
    """A page of snapshots; without `demand_notes`, their notes keep only each skill's market demand
    (the share of a computed note) and gap: `service.snapshot_skills` then maps no demand note."""
    return await _snapshots(newest_first, demand_notes).read({"user_id": user_id}, offset, limit)


async def snapshot_on(session: AsyncSession, user_id: int, day: date) -> SkillSnapshot | None:
    query = select(SkillSnapshot).where(SkillSnapshot.user_id == user_id, SkillSnapshot.taken_on == day).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def latest_snapshot(session: AsyncSession, user_id: int) -> SkillSnapshot | None:
    query = select(SkillSnapshot).where(SkillSnapshot.user_id == user_id).order_by(SkillSnapshot.taken_on.desc()).limit(1)
    return (await session.execute(query)).scalar_one_or_none()


async def all_snapshots(session: AsyncSession, user_id: int) -> list[SkillSnapshot]:
    return await rows(session, select(SkillSnapshot).where(SkillSnapshot.user_id == user_id).order_by(SkillSnapshot.taken_on))


# --------------------------------------------------------------------------- market demand (global postings)


async def posting_skill_counts(
    session: AsyncSession, forms: dict[str, str], as_of: datetime, window_days: int
) -> tuple[int, int, dict[str, tuple[int, int]]]:
    """One aggregate over the postings of two windows, ``(as_of - 2N, as_of - N]`` and
    ``(as_of - N, as_of]`` by `posted_at` (reposts excluded: they repeat a counted posting):
    the postings in each, and per canonical key the postings mentioning one of its spellings
    (``forms``: lowercased spelling -> canonical key), each posting counted once per key.
    Returns ``(current_total, previous_total, {key: (current, previous)})``."""
    current_start = as_of - timedelta(days=window_days)
    previous_start = as_of - timedelta(days=2 * window_days)
    win = (
        select(Posting.id, Posting.skills, (Posting.posted_at > current_start).label("is_current"))
        .where(Posting.posted_at > previous_start, Posting.posted_at <= as_of, Posting.repost_of_id.is_(None))
        .cte("win")
    )
    totals = (
        select(
            func.count().filter(win.c.is_current).label("current_total"),
            func.count().filter(~win.c.is_current).label("previous_total"),
        )
        .select_from(win)
        .cte("totals")
    )
    skill = func.unnest(win.c.skills).table_valued("skill").render_derived(name="s").lateral()
    wanted = (
        func.unnest(
            bindparam("forms", list(forms), type_=ARRAY(Text)),
            bindparam("keys", list(forms.values()), type_=ARRAY(Text)),
        )
        .table_valued("form", "key")
        .render_derived(name="wanted")
    )
    hits = (
        select(
            wanted.c.key,
            func.count(distinct(win.c.id)).filter(win.c.is_current).label("current_mentions"),
            func.count(distinct(win.c.id)).filter(~win.c.is_current).label("previous_mentions"),
        )
        .select_from(win.join(skill, true()).join(wanted, wanted.c.form == func.lower(func.btrim(skill.c.skill))))
        .group_by(wanted.c.key)
        .cte("hits")
    )
    query = select(
        totals.c.current_total, totals.c.previous_total, hits.c.key, hits.c.current_mentions, hits.c.previous_mentions
    ).select_from(totals.outerjoin(hits, true()))
    counts = (await session.execute(query)).all()
    current_total, previous_total = (counts[0][0], counts[0][1]) if counts else (0, 0)
    return (
        current_total,
        previous_total,
        {key: (current, previous) for _, _, key, current, previous in counts if key is not None},
    )


# --------------------------------------------------------------------------- goal history (read only)


async def goal_history(session: AsyncSession, user_id: int) -> tuple[list[Goal], list[GoalStep], list[GoalProgressEntry]]:
    """Every goal, its steps and the whole progress log, oldest first: what the learning patterns
    and the goal rules read. Goals themselves are written by `api.goal`."""
    goals = await rows(session, select(Goal).where(Goal.user_id == user_id).order_by(Goal.created_at, Goal.id))
    steps = await rows(
        session,
        select(GoalStep).where(GoalStep.user_id == user_id).order_by(GoalStep.goal_id, GoalStep.position, GoalStep.id),
    )
    entries = await rows(
        session,
        select(GoalProgressEntry)
        .where(GoalProgressEntry.user_id == user_id)
        .order_by(GoalProgressEntry.logged_at, GoalProgressEntry.id),
    )
    return goals, steps, entries
