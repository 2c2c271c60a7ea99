"""Career memory: the journey, career context, decisions, milestones and skill snapshots.

Every change buffers a `journey_recompute` job (sent after commit) so the worker refreshes
the cached learning patterns, velocity and prediction. Services flush, never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.dates import local_today, start_of_day
from api.db import DriverRow, owned
from api.errors import ErrorCode, Validator, found
from api.job import repository as job_repository
from api.journey import demand, repository
from api.journey.common import norm
from api.journey.history import default_stage, load_history, peer_transitions
from api.journey.ladder import load_ladder, resolve_roles
from api.journey.records import ROLE_MOVE_KINDS, to_jsonable
from api.models import Application, CareerContext, CareerJourney, Decision, Milestone, SkillSnapshot, User
from api.skill.taxonomy import canonical
from api.user import repository as user_repository
from api.vocabulary import ApplicationStatus, CareerStage, DecisionKind, LearningFormat, MilestoneKind, values

NAME_LIMIT = 200
TEXT_LIMIT = 5_000
LIST_LIMIT = 30
MAX_SKILLS = 200
SKILL_NAME_LIMIT = 80
OVERDUE_AFTER = timedelta(days=30)
UNRATED_PROFICIENCY = 0.5  # a profile skill never rated in a snapshot starts mid-scale
FUTURE_SKEW = timedelta(minutes=5)  # client clocks run a little ahead


async def flush_and_recompute(session: AsyncSession, user_id: int) -> None:
    """Flush a change and refresh the cached analytics after this unit of work commits. No dedupe
    key: a job that is already running may have read the old rows; the worker serialises runs
    per user."""
    await session.flush()
    queue.enqueue("journey_recompute", user_id)


async def get_user(session: AsyncSession, user_id: int) -> User:
    user = found(await user_repository.get(session, user_id), "User not found")
    return user


def overdue_before(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) - OVERDUE_AFTER


def _not_after_today(check: Validator, field: str, value: date | None, today: date, label: str) -> None:
    if value is not None and value > today:
        check.add(field, f"{label} cannot be in the future", ErrorCode.OUT_OF_RANGE)


def _clean_list(check: Validator, field: str, entries: list[str] | None) -> list[str]:
    items = [v.strip() for v in entries or [] if v and v.strip()]
    if len(items) > LIST_LIMIT:
        check.add(field, f"At most {LIST_LIMIT} entries", ErrorCode.TOO_LONG)
        return []
    if any(len(v) > NAME_LIMIT for v in items):
        check.add(field, f"Each entry must be at most {NAME_LIMIT} characters", ErrorCode.TOO_LONG)
        return []
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------------- journey


async def update_journey(session: AsyncSession, user_id: int, changes: dict[str, Any]) -> CareerJourney:
    user = await get_user(session, user_id)
    check = Validator()
    clean: dict[str, Any] = {}
    for name, label in (("current_role", "Current role"), ("current_company", "Company")):
        if name in changes:
            clean[name] = check.text(name, changes[name], max_len=NAME_LIMIT, label=label) or ""
    if "target_role" in changes:
        clean["target_role"] = check.text("target_role", changes["target_role"], max_len=NAME_LIMIT, label="Target role") or None
    if "career_stage" in changes and changes["career_stage"] is not None:
        check.one_of("career_stage", changes["career_stage"], CareerStage, "Career stage")
        clean["career_stage"] = changes["career_stage"]
    if "role_started_on" in changes:
        _not_after_today(check, "role_started_on", changes["role_started_on"], local_today(user.timezone), "The role start")
        clean["role_started_on"] = changes["role_started_on"]
    check.check()
    journey = await repository.ensure_journey(session, user_id, default_stage(user))
    for name, value in clean.items():
        setattr(journey, name, value)
    await flush_and_recompute(session, user_id)
    return journey


# --------------------------------------------------------------------------- career context


async def update_context(session: AsyncSession, user_id: int, changes: dict[str, Any]) -> CareerContext:
    user = await get_user(session, user_id)
    today = local_today(user.timezone)
    check = Validator()
    clean: dict[str, Any] = {}
    for name, label in (
        ("current_situation", "Current situation"),
        ("short_term_goals", "Short-term goals"),
        ("long_term_vision", "Long-term vision"),
    ):
        if name in changes:
            clean[name] = check.text(name, changes[name], max_len=TEXT_LIMIT, label=label) or ""
    if "learning_preferences" in changes:
        formats = list(dict.fromkeys(changes["learning_preferences"] or []))
        if any(f not in values(LearningFormat) for f in formats):
            check.add("learning_preferences", f"Learning formats must be among: {', '.join(values(LearningFormat))}")
        clean["learning_preferences"] = formats
    if "hours_per_week" in changes:
        hours = changes["hours_per_week"]
        if hours is not None and not (0 <= hours <= 168):
            check.add("hours_per_week", "Hours per week must be between 0 and 168", ErrorCode.OUT_OF_RANGE)
        clean["hours_per_week"] = hours
    if "budget" in changes:
        budget = changes["budget"]
        if budget is not None and not (0 <= budget <= 10_000_000):
            check.add("budget", "Budget must be between 0 and 10,000,000", ErrorCode.OUT_OF_RANGE)
        clean["budget"] = budget
    for name in ("commitments", "motivation_factors", "stress_factors"):
        if name in changes:
            clean[name] = _clean_list(check, name, changes[name])
    if "stress_level" in changes:
        level = changes["stress_level"]
        if level is not None and not (1 <= level <= 5):
            check.add("stress_level", "Stress level must be between 1 and 5", ErrorCode.OUT_OF_RANGE)
        clean["stress_level"] = level
    if changes.get("last_assessed_on") is not None:
        _not_after_today(check, "last_assessed_on", changes["last_assessed_on"], today, "The assessment date")
        clean["last_assessed_on"] = changes["last_assessed_on"]
    else:
        clean["last_assessed_on"] = today  # saving the context is an assessment
    check.check()
    context = await repository.ensure_context(session, user_id)
    for name, value in clean.items():
        setattr(context, name, value)
    await flush_and_recompute(session, user_id)
    return context


# --------------------------------------------------------------------------- decisions


async def record_decision(
    session: AsyncSession,
    user_id: int,
    kind: str,
    context: str | None,
    choice: str | None,
    decided_at: datetime | None = None,
    goal_id: int | None = None,
) -> Decision:
    check = Validator()
    check.one_of("kind", kind, DecisionKind, "Kind")
    context = check.text("context", context, max_len=TEXT_LIMIT, label="Context") or ""
    choice = check.text("choice", choice, max_len=TEXT_LIMIT, required=True, label="Choice")
    now = datetime.now(UTC)
    if decided_at is not None and decided_at > now + FUTURE_SKEW:
        check.add("decided_at", "A decision cannot be dated in the future", ErrorCode.OUT_OF_RANGE)
    check.check()
    decision = Decision(user_id=user_id, kind=kind, context=context, choice=choice, decided_at=decided_at or now, goal_id=goal_id)
    session.add(decision)
    await flush_and_recompute(session, user_id)
    return decision


async def record_outcome(
    session: AsyncSession,
    user_id: int,
    decision_id: int,
    outcome: str | None,
    lessons: str | None,
    satisfaction: int | None,
) -> Decision:
    check = Validator()
    outcome = check.text("outcome", outcome, max_len=TEXT_LIMIT, required=True, label="Outcome")
    lessons = check.text("lessons", lessons, max_len=TEXT_LIMIT, label="Lessons") or None
    if satisfaction is not None and not (1 <= satisfaction <= 10):
        check.add("satisfaction", "Satisfaction must be between 1 and 10", ErrorCode.OUT_OF_RANGE)
    check.check()
    decision = found(await owned(session, Decision, user_id, decision_id, for_update=True), "Decision not found", "id")
    decision.outcome, decision.lessons, decision.satisfaction = outcome, lessons, satisfaction
    decision.outcome_at = datetime.now(UTC)
    await flush_and_recompute(session, user_id)
    return decision


def is_overdue(outcome: str | None, decided_at: datetime, now: datetime | None = None) -> bool:
    return outcome is None and decided_at < overdue_before(now)


# --------------------------------------------------------------------------- milestones


async def add_milestone(session: AsyncSession, user_id: int, fields: dict[str, Any]) -> Milestone:
    user = await get_user(session, user_id)
    today = local_today(user.timezone)
    check = Validator()
    kind = fields.get("kind")
    check.one_of("kind", kind, MilestoneKind, "Kind")
    title = check.text("title", fields.get("title"), max_len=NAME_LIMIT, required=True, label="Title")
    description = check.text("description", fields.get("description"), max_len=TEXT_LIMIT, label="Description") or ""
    note = check.text("market_value_note", fields.get("market_value_note"), max_len=TEXT_LIMIT, label="Market value note") or ""
    role = check.text("role", fields.get("role"), max_len=NAME_LIMIT, label="Role") or None
    impact = fields.get("impact_score")
    if impact is not None and not (1 <= impact <= 10):
        check.add("impact_score", "Impact score must be between 1 and 10", ErrorCode.OUT_OF_RANGE)
    achieved_on = fields.get("achieved_on") or today
    _not_after_today(check, "achieved_on", achieved_on, today, "A milestone")
    check.check()
    milestone = Milestone(
        user_id=user_id,
        kind=kind,
        title=title,
        description=description,
        impact_score=impact,
        market_value_note=note,
        role=role,
        achieved_on=achieved_on,
    )
    session.add(milestone)
    if role and kind in ROLE_MOVE_KINDS:
        journey = await repository.ensure_journey(session, user_id, default_stage(user))
        if journey.role_started_on is None or achieved_on >= journey.role_started_on:
            journey.current_role, journey.role_started_on = role, achieved_on
    await flush_and_recompute(session, user_id)
    queue.enqueue("guidance_evaluate_user", user_id, "milestone_based", key=f"guidance:{user_id}:milestone_based")
    return milestone


# --------------------------------------------------------------------------- skill snapshots


@dataclass
class SkillLevel:
    skill: str
    proficiency: float
    market_demand: float | None = None
    gap: float | None = None


@dataclass
class DraftSkill:
    skill: str
    proficiency: float
    last_proficiency: float | None
    in_profile: bool


async def snapshot_draft(session: AsyncSession, user_id: int) -> list[DraftSkill]:
    """What a new snapshot starts from: the last snapshot's levels plus the profile's skills."""
    user = await get_user(session, user_id)
    last = await repository.latest_snapshot(session, user_id)
    levels = dict(last.skills) if last else {}
    profile = {canonical(s).casefold(): canonical(s) for s in user.skills}
    drafts = [DraftSkill(skill, float(level), float(level), skill.casefold() in profile) for skill, level in levels.items()]
    known = {d.skill.casefold() for d in drafts}
    drafts += [DraftSkill(name, UNRATED_PROFICIENCY, None, True) for key, name in profile.items() if key not in known]
    return sorted(drafts, key=lambda d: d.skill.casefold())


def _clean_levels(check: Validator, levels: list[SkillLevel]) -> list[SkillLevel]:
    if len(levels) > MAX_SKILLS:
        check.add("skills", f"At most {MAX_SKILLS} skills", ErrorCode.TOO_LONG)
        return []
    clean: dict[str, SkillLevel] = {}
    for level in levels:
        name = canonical((level.skill or "").strip()) if (level.skill or "").strip() else ""
        if not name:
            check.add("skills", "Every skill needs a name", ErrorCode.REQUIRED)
            continue
        if len(name) > SKILL_NAME_LIMIT:
            check.add("skills", f"Skill names must be at most {SKILL_NAME_LIMIT} characters", ErrorCode.TOO_LONG)
            continue
        for value, label in (
            (level.proficiency, "Proficiency"),
            (level.market_demand, "Market demand"),
            (level.gap, "Gap"),
        ):
            if value is not None and not (0 <= value <= 1):
                check.add("skills", f"{label} of {name} must be between 0 and 1", ErrorCode.OUT_OF_RANGE)
        clean[name.casefold()] = SkillLevel(name, level.proficiency, level.market_demand, level.gap)
    return list(clean.values())


def _market_as_of(user: User, day: date, now: datetime | None = None) -> datetime:
    """The end of a snapshot's market window: now for today's, the end of its day (in the
    user's timezone) for a past one, so an old snapshot shows the market of its day."""
    now = now or datetime.now(UTC)
    if day >= local_today(user.timezone, now):
        return now
    return start_of_day(day + timedelta(days=1), user.timezone).astimezone(UTC)


async def _market_notes(session: AsyncSession, user: User, levels: list[SkillLevel], day: date) -> dict[str, dict[str, Any]]:
    """Market demand from the instance's own postings for every skill the client gave no value
    for: one aggregate query for them all. A thin window yields a note with only the posting
    count and a message, never a guess."""
    wanted = [lv.skill for lv in levels if lv.market_demand is None]
    if not wanted:
        return {}
    as_of = _market_as_of(user, day)
    current_total, previous_total, mentions = await repository.posting_skill_counts(
        session, demand.skill_forms(wanted), as_of, demand.WINDOW_DAYS
    )
    counts = demand.PostingCounts(as_of, demand.WINDOW_DAYS, current_total, previous_total, mentions)
    return {skill: to_jsonable(demand.market_demand(skill, counts)) for skill in wanted}


async def _gap_notes(session: AsyncSession, user: User, levels: list[SkillLevel], day: date) -> dict[str, dict[str, Any]]:
    """Per skill: market demand (the client's value when given, else computed from the
    instance's postings, see `api.journey.demand`) and the gap to the target role's expected
    level (from the ladder) when the skill is one of its key skills and no gap was given."""
    journey = await repository.journey_for(session, user.id)
    ladder = load_ladder()
    _, target, _ = resolve_roles(ladder, journey.current_role if journey else None, journey.target_role if journey else None)
    needs = dict(target.key_skills) if target else {}
    market = await _market_notes(session, user, levels, day)
    notes: dict[str, dict[str, Any]] = {}
    for level in levels:
        need = needs.get(norm(level.skill))
        gap = level.gap if level.gap is not None else (round(max(0.0, need - level.proficiency), 3) if need is not None else None)
        market_demand = level.market_demand if level.market_demand is not None else market.get(level.skill)
        if market_demand is not None or gap is not None:
            notes[level.skill] = {"market_demand": market_demand, "gap": gap}
    return notes


@dataclass
class SnapshotSkill:
    skill: str
    proficiency: float
    market_demand: float | None
    demand_note: dict[str, Any] | None  # `demand.MarketDemand` as stored
    gap: float | None


def snapshot_skills(snapshot: SkillSnapshot | DriverRow) -> list[SnapshotSkill]:
    """A snapshot's skills by name with what `_gap_notes` noted: the market demand is the
    client's number, or the share in a note computed from the postings."""
    notes = snapshot.notes or {}
    skills = []
    for name, level in sorted(snapshot.skills.items(), key=lambda item: item[0].casefold()):
        note = notes.get(name) or {}
        demand_note = note.get("market_demand")
        computed = demand_note if isinstance(demand_note, dict) else None
        share = computed.get("share") if computed is not None else demand_note
        skills.append(SnapshotSkill(name, float(level), share, computed, note.get("gap")))
    return skills


async def take_snapshot(
    session: AsyncSession, user_id: int, levels: list[SkillLevel] | None, taken_on: date | None = None
) -> SkillSnapshot:
    """A dated map skill → proficiency. Without levels it is pre-filled from the last snapshot
    and the profile. A second snapshot on the same day replaces that day's."""
    user = await get_user(session, user_id)
    today = local_today(user.timezone)
    check = Validator()
    if levels is None:
        levels = [SkillLevel(d.skill, d.proficiency) for d in await snapshot_draft(session, user_id)]
    levels = _clean_levels(check, levels)
    day = taken_on or today
    _not_after_today(check, "taken_on", day, today, "A snapshot")
    check.check()
    snapshot = await repository.snapshot_on(session, user_id, day)
    if snapshot is None:
        snapshot = SkillSnapshot(user_id=user_id, taken_on=day)
        session.add(snapshot)
    snapshot.skills = {lv.skill: lv.proficiency for lv in levels}
    snapshot.notes = await _gap_notes(session, user, levels, snapshot.taken_on)
    await flush_and_recompute(session, user_id)
    return snapshot


async def update_snapshot(session: AsyncSession, user_id: int, snapshot_id: int, levels: list[SkillLevel]) -> SkillSnapshot:
    user = await get_user(session, user_id)
    check = Validator()
    levels = _clean_levels(check, levels)
    check.check()
    snapshot = found(
        await owned(session, SkillSnapshot, user_id, snapshot_id, for_update=True),
        "SkillSnapshot not found",
        "id",
    )
    snapshot.skills = {lv.skill: lv.proficiency for lv in levels}
    snapshot.notes = await _gap_notes(session, user, levels, snapshot.taken_on)
    await flush_and_recompute(session, user_id)
    return snapshot


# --------------------------------------------------------------------------- application events


def _clip(text: str, limit: int = NAME_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def record_application_outcome(session: AsyncSession, user_id: int, application: Application, previous: str) -> None:
    """Called in the application's unit of work. An accepted offer is a role change: a decision,
    a new_role milestone and the journey's new current role. Declining an offer is a decision."""
    accepted = application.status == ApplicationStatus.ACCEPTED
    if not accepted and not (application.status == ApplicationStatus.DECLINED and previous == ApplicationStatus.OFFER):
        return
    job = await job_repository.get(session, user_id, application.job_id)
    if job is None:
        return
    user = await get_user(session, user_id)
    session.add(
        Decision(
            user_id=user_id,
            kind=DecisionKind.ROLE_CHANGE if accepted else DecisionKind.JOB_OFFER,
            context=f"Offer from {job.company} for {job.title}",
            choice=f"{'Accepted' if accepted else 'Declined'} the offer: {job.title} at {job.company}",
            decided_at=datetime.now(UTC),
        )
    )
    if accepted:
        today = local_today(user.timezone)
        session.add(
            Milestone(
                user_id=user_id,
                kind=MilestoneKind.NEW_ROLE,
                title=_clip(f"New role: {job.title} at {job.company}"),
                description=f"Accepted the offer from {job.company}.",
                role=job.title,
                achieved_on=today,
            )
        )
        journey = await repository.ensure_journey(session, user_id, default_stage(user))
        journey.current_role, journey.current_company, journey.role_started_on = job.title, job.company, today
    await flush_and_recompute(session, user_id)


# --------------------------------------------------------------------------- cached analytics


MIN_PEER_JOURNEYS = 5


async def recompute(session: AsyncSession, user_id: int, now: datetime | None = None) -> CareerJourney | None:
    """Recompute patterns, velocity and prediction into the journey row. Locking the row first
    serialises runs per user, so the last committed result always reflects the latest data."""
    user = await user_repository.get(session, user_id)
    if user is None:  # deleted meanwhile
        return None
    journey = await repository.ensure_journey(session, user_id, default_stage(user))
    history = await load_history(session, user, now)
    peers = None
    if await repository.count_journeys(session) >= MIN_PEER_JOURNEYS:
        peers = peer_transitions(await repository.peer_role_moves(session, user_id))
    journey.patterns = to_jsonable(history.patterns())
    journey.velocity = to_jsonable(history.velocity())
    journey.prediction = to_jsonable(history.prediction(peers))
    journey.computed_at = history.now
    await session.flush()
    return journey
