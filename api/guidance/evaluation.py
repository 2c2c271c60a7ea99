"""The evaluation service: gathers the facts of a batch of users (a constant number of statements
per batch), lets the engine decide, writes the insights once per dedupe key, raises the live
notifications that are due and moves each person's next evaluation. Takes the session explicitly;
flushes, never commits. Publishing happens after the caller commits (`announce`).

Delivery: high and urgent insights (and medium ones for eager people) raise a notification
("insight", with the insight's id), except during the person's quiet hours: those stay
`notified = false` and the hourly cron delivers them once quiet hours are over (`deliver_pending`).
"""

from __future__ import annotations

import dataclasses
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.ai import client as model_clients
from api.dates import aware
from api.guidance import conditions as rule_conditions
from api.guidance import engine, repository, schedule
from api.guidance.facts import (
    ApplicationFact,
    EntryFact,
    GoalFact,
    JobFact,
    MarketFacts,
    MilestoneFact,
    Readiness,
    SkillDemand,
    SnapshotFact,
    StatusChangeFact,
    StepFact,
    UserFacts,
)
from api.journey.ladder import Ladder, load_ladder, skill_readiness
from api.journey.records import SkillSnapshot
from api.models import CareerInsight, GuidanceRule, GuidanceRuleOverride, GuidanceSetting
from api.notification import repository as notification_repository
from api.notification import service as notifications
from api.notification.repository import DEFAULT_QUIET_HOURS
from api.notification.service import Created, NewNotification
from api.skill.taxonomy import canonical
from api.vocabulary import (
    ApplicationStatus,
    GoalDifficulty,
    GoalStatus,
    GuidanceLevel,
    InsightKind,
    InsightPriority,
    JobOrigin,
    MilestoneKind,
    NotificationTopic,
    TriggerType,
)

log = logging.getLogger(__name__)

NOTIFICATION_KIND = "insight"
VISIT_RULE = "welcome_back"  # runs on a visit (record_visit), never on a schedule or an event
MARKET_RULE = "market_nudge"  # its window is the one market demand is counted over
DEFAULT_MARKET_WINDOW = 30
DELIVERY_WINDOW = timedelta(days=2)  # a held-back alert older than this is left to the Today page
REPHRASE_TASK = "insight_rephrase"  # api.guidance.tasks.insight_rephrase, by name (after commit)


# --------------------------------------------------------------------------- facts


@lru_cache(maxsize=1024)
def known_zone(name: str) -> str:
    """The person's zone when this machine knows it, else UTC (checked once per name)."""
    return name if schedule.valid_timezone(name) else "UTC"


@dataclass(frozen=True)
class Batch:
    """Everything one run needs about a batch of users."""

    facts: dict[int, UserFacts]
    settings: dict[int, GuidanceSetting]
    quiet_hours: dict[int, tuple[time | None, time | None]]  # from the person's notification preferences
    rules: dict[int, list[engine.PersonRule]]  # user id -> the rules as they apply to that person


def rule_spec(row: GuidanceRule, position: int) -> engine.RuleSpec:
    return engine.RuleSpec(
        id=row.id,
        key=row.key,
        kind=InsightKind(row.insight_kind),
        priority=InsightPriority(row.priority),
        trigger_type=TriggerType(row.trigger_type),
        title_template=row.title_template,
        message_template=row.message_template,
        active=row.active,
        position=position,
    )


def _effective(row: GuidanceRule, override: GuidanceRuleOverride | None) -> rule_conditions.Conditions:
    try:
        return rule_conditions.effective(row.key, row.conditions, override.conditions if override else None)
    except rule_conditions.InvalidConditions:
        log.warning("guidance rule %s: a stored override no longer fits its schema; defaults used", row.key)
        return rule_conditions.validate(row.key, row.conditions)


def _person_rules(
    rules: Sequence[GuidanceRule],
    overrides: Mapping[int, GuidanceRuleOverride],
    reactions: Mapping[int, Any],
    last_at: Mapping[int, datetime],
) -> list[engine.PersonRule]:
    found = []
    for position, row in enumerate(rules):
        if row.key not in rule_conditions.SCHEMAS:
            continue
        override = overrides.get(row.id)
        found.append(
            engine.PersonRule(
                spec=rule_spec(row, position),
                conditions=_effective(row, override),
                muted=bool(override and override.muted),
                reactions=reactions.get(row.id),
                last_insight_at=last_at.get(row.id),
            )
        )
    return found


def _market_window(person_rules: Iterable[engine.PersonRule]) -> int:
    for person_rule in person_rules:
        if person_rule.spec.key == MARKET_RULE:
            return int(getattr(person_rule.conditions, "window_days", DEFAULT_MARKET_WINDOW))
    return DEFAULT_MARKET_WINDOW


async def market_facts(session: AsyncSession, now: datetime, window_days: int) -> MarketFacts:
    """Demand per skill over all postings in the window and the one before it (one statement);
    spellings that name the same skill (aliases) are counted together under its canonical name."""
    current_total, previous_total, spellings = await repository.posting_skill_counts(session, now, window_days)
    merged: dict[str, list[Any]] = {}
    for spelling, (current, previous) in spellings.items():
        name = canonical(spelling) or spelling
        counts = merged.setdefault(name.lower(), [name, 0, 0])
        counts[1] += current
        counts[2] += previous
    skills = {
        key: SkillDemand(
            skill=name,
            current=min(current, current_total),
            previous=min(previous, previous_total),
            current_total=current_total,
            previous_total=previous_total,
        )
        for key, (name, current, previous) in merged.items()
    }
    return MarketFacts(window_days, aware(now).date(), current_total, previous_total, skills)


async def load_batch(session: AsyncSession, user_ids: list[int], now: datetime, *, lock: bool = False) -> Batch:
    """The facts, settings and per-person rules of a batch: the same statements whatever its size."""
    now = aware(now)
    ids = sorted(set(user_ids))
    since = now - timedelta(days=repository.HISTORY_DAYS)
    long_since = now - timedelta(days=repository.LONG_HISTORY_DAYS)
    rules = await repository.all_rules(session)
    settings = await (repository.settings_for_update(session, ids) if lock else repository.settings_by_user_ids(session, ids))
    overrides = await repository.overrides_by_user_ids(session, ids)
    reactions = await repository.reactions_by_user_ids(session, ids)
    last_at = await repository.last_insight_at_by_user_ids(session, ids)
    users = await repository.users_by_ids(session, ids)
    journeys = await repository.journeys_by_user_ids(session, ids)
    resumes = await repository.resume_times_by_user_ids(session, ids)
    goals = await repository.goals_by_user_ids(session, ids, since)
    steps = await repository.steps_by_user_ids(session, ids, since)
    entries = await repository.entries_by_user_ids(session, ids, since)
    milestones = await repository.milestones_by_user_ids(session, ids, long_since.date())
    applications = await repository.applications_by_user_ids(session, ids, long_since)
    changes = await repository.status_changes_by_user_ids(session, ids, long_since)
    jobs = await repository.jobs_by_user_ids(session, ids, since)
    snapshots = await repository.snapshots_by_user_ids(session, ids, long_since.date())

    person_rules = {
        user.id: _person_rules(rules, overrides.get(user.id, {}), reactions.get(user.id, {}), last_at.get(user.id, {}))
        for user in users
    }
    markets = {
        window: await market_facts(session, now, window) for window in sorted({_market_window(r) for r in person_rules.values()})
    }

    steps_by_goal: dict[int, list[StepFact]] = defaultdict(list)
    for step in steps:
        steps_by_goal[step.goal_id].append(StepFact(step.id, step.title, step.position, step.done, step.done_at))
    goals_by_user: dict[int, list[GoalFact]] = defaultdict(list)
    for goal in goals:
        goals_by_user[goal.user_id].append(
            GoalFact(
                id=goal.id,
                title=goal.title,
                status=GoalStatus(goal.status),
                difficulty=GoalDifficulty(goal.difficulty),
                progress=goal.progress,
                started_on=goal.started_on,
                target_date=goal.target_date,
                completed_on=goal.completed_on,
                steps=tuple(steps_by_goal.get(goal.id, ())),
                why=goal.why,
            )
        )
    entries_by_user: dict[int, list[EntryFact]] = defaultdict(list)
    for entry in entries:
        entries_by_user[entry.user_id].append(
            EntryFact(entry.goal_id, entry.logged_at, entry.amount, entry.minutes, entry.mood, entry.energy, entry.note)
        )
    milestones_by_user: dict[int, list[MilestoneFact]] = defaultdict(list)
    for milestone in milestones:
        milestones_by_user[milestone.user_id].append(
            MilestoneFact(milestone.id, MilestoneKind(milestone.kind), milestone.title, milestone.achieved_on, milestone.role)
        )
    history: dict[int, list[StatusChangeFact]] = defaultdict(list)
    for change in changes:
        history[change.application_id].append(
            StatusChangeFact(
                ApplicationStatus(change.from_status) if change.from_status else None,
                ApplicationStatus(change.to_status),
                change.changed_at,
            )
        )
    applications_by_user: dict[int, list[ApplicationFact]] = defaultdict(list)
    for application in applications:
        applications_by_user[application.user_id].append(_application(application, history.get(application.id, [])))
    jobs_by_user: dict[int, list[JobFact]] = defaultdict(list)
    for job in jobs:
        jobs_by_user[job.user_id].append(_job(job))
    snapshots_by_user: dict[int, list[SnapshotFact]] = defaultdict(list)
    for snapshot in snapshots:
        snapshots_by_user[snapshot.user_id].append(SnapshotFact(snapshot.taken_on, dict(snapshot.skills or {})))
    ladder = load_ladder()

    facts: dict[int, UserFacts] = {}
    for user in users:
        journey = journeys.get(user.id)
        setting = settings.get(user.id)
        profile_times = [t for t in (user.updated_at, resumes.get(user.id)) if t is not None]
        facts[user.id] = UserFacts(
            user_id=user.id,
            timezone=known_zone(user.timezone),
            now=now,
            skills=tuple(user.skills or ()),
            profile_updated_at=max(profile_times) if profile_times else None,
            last_seen_at=user.last_seen_at,
            wellbeing=bool(setting and setting.wellbeing),
            target_role=(journey.target_role or None) if journey else None,
            current_role=(journey.current_role or None) if journey else None,
            patterns=journey.patterns if journey else None,
            goals=tuple(goals_by_user.get(user.id, ())),
            entries=tuple(entries_by_user.get(user.id, ())),
            milestones=tuple(milestones_by_user.get(user.id, ())),
            applications=tuple(applications_by_user.get(user.id, ())),
            jobs=tuple(jobs_by_user.get(user.id, ())),
            snapshots=tuple(snapshots_by_user.get(user.id, ())),
            market=markets[_market_window(person_rules[user.id])],
            readiness=_readiness(journey.prediction if journey else None, snapshots_by_user.get(user.id, ()), now, ladder),
            reactions={rule.key: reactions[user.id][rule.id] for rule in rules if rule.id in reactions.get(user.id, {})},
        )
    quiet_hours = await notification_repository.quiet_hours_by_user_ids(session, list(facts))
    return Batch(facts, settings, quiet_hours, person_rules)


async def load_facts(session: AsyncSession, user_ids: list[int], now: datetime) -> dict[int, UserFacts]:
    return (await load_batch(session, user_ids, now)).facts


def _application(row: Any, changes: list[StatusChangeFact]) -> ApplicationFact:
    applied = next((c.changed_at for c in changes if c.to_status == ApplicationStatus.APPLIED), None)
    last_change = max([row.created_at, *(c.changed_at for c in changes)])
    return ApplicationFact(
        id=row.id,
        job_id=row.job_id,
        title=row.title,
        company=row.company,
        status=ApplicationStatus(row.status),
        created_at=row.created_at,
        applied_at=applied or row.applied_at,
        last_change_at=last_change,
        history=tuple(changes),
        notes=row.notes or "",
    )


def _job(row: Any) -> JobFact:
    parsed = row.parsed_requirements if isinstance(row.parsed_requirements, Mapping) else {}
    must = tuple(str(s) for s in parsed.get("must_have") or ())
    nice = tuple(str(s) for s in parsed.get("nice_to_have") or ())
    skills = tuple(dict.fromkeys([*(row.tech_stack or ()), *must, *nice]))
    return JobFact(
        id=row.id,
        title=row.title,
        company=row.company,
        created_at=row.created_at,
        skills=skills,
        must_haves=must,
        score=float(row.match_score) if row.match_score is not None else None,
        discovered=row.origin == JobOrigin.DISCOVERED,
        applied=bool(row.applied),
    )


def _readiness(prediction: Any, snapshots: Sequence[SnapshotFact], now: datetime, ladder: Ladder) -> Readiness | None:
    """From the journey's cached prediction: readiness 0..1 for the target role and its skill gaps;
    with the readiness before the newest skill snapshot (the second-newest against the same role)."""
    if not isinstance(prediction, Mapping):
        return None
    readiness, role = prediction.get("readiness"), prediction.get("target_role")
    if not isinstance(readiness, int | float) or not role:
        return None
    gaps = prediction.get("skill_gaps") or ()
    missing = tuple(str(g["skill"]) for g in gaps if isinstance(g, Mapping) and g.get("skill") and (g.get("gap") or 0) > 0)
    return Readiness(
        role=str(role),
        percent=round(float(readiness) * 100, 1),
        missing=missing,
        previous_percent=_previous_readiness(str(role), snapshots, now, ladder),
    )


def _previous_readiness(role: str, snapshots: Sequence[SnapshotFact], now: datetime, ladder: Ladder) -> float | None:
    """Readiness (percent) for `role` against the second-newest snapshot up to today, as the journey's
    prediction computes it against the newest; None with fewer than two snapshots or off the ladder."""
    target = ladder.find(role)
    taken = sorted((s for s in snapshots if s.taken_on <= now.date()), key=lambda s: s.taken_on)
    if target is None or len(taken) < 2:
        return None
    previous = SkillSnapshot(taken[-2].taken_on, taken[-2].skills)  # proficiencies are 0..1 (a table constraint)
    value = skill_readiness(ladder.skill_gaps(target, previous))
    return round(value * 100, 1) if value is not None else None


# --------------------------------------------------------------------------- evaluation


@dataclass
class Summary:
    evaluated: int = 0
    insight_ids: list[int] = field(default_factory=list)
    notifications: list[Created] = field(default_factory=list)
    deferred: int = 0  # alerts held back by quiet hours, delivered later


def _level(setting: GuidanceSetting | None) -> GuidanceLevel:
    return GuidanceLevel(setting.level) if setting is not None else GuidanceLevel.NORMAL


def _preferences(setting: GuidanceSetting | None) -> engine.Preferences:
    return engine.Preferences(level=_level(setting), wellbeing=bool(setting and setting.wellbeing))


def _row(candidate: engine.Candidate, now: datetime) -> dict[str, Any]:
    return {
        "user_id": candidate.user_id,
        "rule_id": candidate.rule_id,
        "kind": candidate.kind.value,
        "priority": candidate.priority.value,
        "title": candidate.title,
        "message": candidate.message,
        "evidence": candidate.evidence_json(),
        "actions": candidate.actions_json(),
        "dedupe_key": candidate.dedupe_key,
        "valid_until": candidate.valid_until,
        "created_at": now,
    }


def _today_counts(times: Iterable[tuple[int, datetime]], facts: Mapping[int, UserFacts], now: datetime) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for user_id, created_at in times:
        start, end = schedule.local_day_bounds(now, facts[user_id].timezone)
        if start <= aware(created_at) < end:
            counts[user_id] += 1
    return counts


async def evaluate_users(
    session: AsyncSession,
    user_ids: Sequence[int],
    now: datetime,
    *,
    only_trigger: TriggerType | None = None,
    reschedule: bool | None = None,
) -> Summary:
    """Evaluate the rules for a batch of users and write what they raise. `only_trigger` limits the
    run to the rules of one trigger (events); the schedule moves on for full runs unless told."""
    now = aware(now)
    ids = sorted(set(user_ids))
    summary = Summary()
    if not ids:
        return summary
    await repository.ensure_settings_for(session, ids)
    batch = await load_batch(session, ids, now, lock=True)
    candidates: dict[int, list[engine.Candidate]] = {}
    for user_id, facts in batch.facts.items():
        setting = batch.settings.get(user_id)
        if _level(setting) == GuidanceLevel.OFF:
            continue
        summary.evaluated += 1
        candidates[user_id] = engine.decide(
            facts, batch.rules[user_id], _preferences(setting), only_trigger=only_trigger, skip_keys=(VISIT_RULE,)
        )
    keys = [(c.user_id, c.dedupe_key) for found in candidates.values() for c in found]
    existing = await repository.existing_dedupe_keys(session, keys) if keys else set()
    times = await repository.insight_times_since(session, list(candidates), now - timedelta(hours=27)) if keys else []
    today_counts = _today_counts(times, batch.facts, now)
    chosen: list[engine.Candidate] = []
    for user_id, found in candidates.items():
        setting = batch.settings.get(user_id)
        cap = setting.daily_cap if setting is not None else 3
        user_existing = {key for owner, key in existing if owner == user_id}
        chosen.extend(engine.choose(found, user_existing, cap - today_counts.get(user_id, 0)))
    written = await repository.insert_insights(session, [_row(c, now) for c in chosen])
    summary.insight_ids = sorted(written.values())
    rephrase(summary.insight_ids)
    alerts: list[NewNotification] = []
    alerted: list[int] = []
    for candidate in chosen:
        insight_id = written.get((candidate.user_id, candidate.dedupe_key))
        setting = batch.settings.get(candidate.user_id)
        if insight_id is None or not engine.notifies(candidate.priority, _level(setting)):
            continue
        facts = batch.facts[candidate.user_id]
        if schedule.in_quiet_hours(now, facts.timezone, *batch.quiet_hours[candidate.user_id]):
            summary.deferred += 1
            continue
        alerts.append(_alert(insight_id, candidate.user_id, candidate.title, candidate.message))
        alerted.append(insight_id)
    summary.notifications = await notifications.create_many(session, alerts) if alerts else []
    await notifications.send_on_channels(session, summary.notifications, NotificationTopic.INSIGHTS)
    await repository.mark_notified(session, alerted)
    if reschedule if reschedule is not None else only_trigger is None:
        await repository.reschedule(session, now, _next_evaluations(batch, now))
    return summary


def rephrase(insight_ids: Iterable[int]) -> None:
    """With a model configured (only then), have the new insights' wording reworded after commit;
    the offline engine keeps our deterministic wording."""
    if not model_clients.configured():
        return
    for insight_id in insight_ids:
        queue.enqueue(REPHRASE_TASK, insight_id, key=f"insight-rephrase:{insight_id}")


def _alert(insight_id: int, user_id: int, title: str, message: str) -> NewNotification:
    return NewNotification(
        user_id=user_id,
        kind=NOTIFICATION_KIND,
        title=title,
        body=message,
        dedupe_key=f"insight:{insight_id}",
        insight_id=insight_id,
    )


def _next_evaluations(batch: Batch, now: datetime) -> dict[int, datetime | None]:
    found: dict[int, datetime | None] = {}
    for user_id, facts in batch.facts.items():
        setting = batch.settings.get(user_id)
        hour = setting.evaluation_hour if setting is not None else 8
        found[user_id] = schedule.next_evaluation(now, facts.timezone, hour, _level(setting))
    return found


async def announce(summary: Summary) -> None:
    """After commit: wake the subscribers of each new notification."""
    for created in summary.notifications:
        await notifications.announce(created)


async def deliver_pending(session: AsyncSession, now: datetime, limit: int = 1000) -> list[Created]:
    """Raise the notifications that quiet hours held back, for people whose quiet hours are over."""
    now = aware(now)
    pending = await repository.pending_deliveries(session, now, now - DELIVERY_WINDOW, limit)
    due = [
        row
        for row in pending
        if not schedule.in_quiet_hours(
            now,
            known_zone(row.timezone),
            *((row.quiet_hours_start, row.quiet_hours_end) if row.has_preferences else DEFAULT_QUIET_HOURS),
        )
    ]
    created = await notifications.create_many(session, [_alert(row.id, row.user_id, row.title, row.message) for row in due])
    await notifications.send_on_channels(session, created, NotificationTopic.INSIGHTS)
    await repository.mark_notified(session, [row.id for row in due])
    return created


# --------------------------------------------------------------------------- visits


async def record_visit(session: AsyncSession, user_id: int, now: datetime) -> tuple[CareerInsight | None, int]:
    """Note a visit: swap the person's last visit to `now` (atomically) and, when they were away at
    least the welcome-back rule's days (their threshold), write the welcome back once.
    Returns (the new insight or None, whole days away)."""
    now = aware(now)
    found, previous = await repository.swap_last_seen(session, user_id, now)
    if not found or previous is None:
        return None, 0
    away = max(0, (now - aware(previous)).days)
    batch = await load_batch(session, [user_id], now)
    facts = batch.facts.get(user_id)
    setting = batch.settings.get(user_id)
    if facts is None or _level(setting) == GuidanceLevel.OFF:
        return None, away
    candidates = engine.decide(
        dataclasses.replace(facts, last_seen_at=previous), batch.rules[user_id], _preferences(setting), only_keys=(VISIT_RULE,)
    )
    if not candidates:
        return None, away
    insight = await repository.insert_insight(session, _row(candidates[0], now))
    if insight is not None:
        rephrase([insight.id])
    return insight, away
