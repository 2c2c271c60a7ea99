"""All SQL of guidance (insights, rules, overrides, settings), always filtered by owner.

Sections: shared (settings, rules, reactions) — evaluation (batched facts, insight writes) —
insights API (lists, state changes)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Integer,
    Row,
    Text,
    and_,
    bindparam,
    case,
    cast,
    delete,
    exists,
    func,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import BindParameter

from api.db import OWNER, DriverRow, any_id, driver_row, driver_rows, page, rows
from api.guidance.facts import Reactions
from api.models import (
    Application,
    ApplicationStatusChange,
    CareerInsight,
    CareerJourney,
    Goal,
    GoalProgressEntry,
    GoalStep,
    GuidanceRule,
    GuidanceRuleOverride,
    GuidanceSetting,
    Job,
    Milestone,
    NotificationPreference,
    ResumeUpload,
    SavedSearch,
    SkillSnapshot,
    User,
)
from api.vocabulary import (
    PRIORITY_ORDER,
    ApplicationStatus,
    GoalStatus,
    GuidanceLevel,
    InsightKind,
    InsightPriority,
    InsightState,
    ResumeUploadStatus,
)

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


# --------------------------------------------------------------------------- evaluation
# A constant number of statements per batch of users, whatever its size: each query reads one
# kind of row for every user of the batch (`user_id IN (...)`), never one per user or per rule.

HISTORY_DAYS = 180  # progress entries, jobs and quiet goals the rules look back on
LONG_HISTORY_DAYS = 400  # milestones, applications and skill snapshots


async def ensure_settings_for(session: AsyncSession, user_ids: list[int]) -> None:
    """Settings rows with the defaults for the users that have none (one statement, race-safe)."""
    if not user_ids:
        return
    existing = select(User.id).where(User.id.in_(user_ids))  # a deleted user gets none
    statement = insert(GuidanceSetting).from_select(["user_id"], existing).on_conflict_do_nothing(index_elements=["user_id"])
    await session.execute(statement)


async def settings_for_update(session: AsyncSession, user_ids: list[int]) -> dict[int, GuidanceSetting]:
    """The users' settings, locked in user order for the run: two evaluations of one person (the
    hourly one and an event's) take turns, so the daily cap and the dedupe check see each other."""
    query = (
        select(GuidanceSetting).where(GuidanceSetting.user_id.in_(user_ids)).order_by(GuidanceSetting.user_id).with_for_update()
    )
    return {row.user_id: row for row in (await session.execute(query)).scalars()}


async def users_by_ids(session: AsyncSession, user_ids: list[int]) -> list[Row]:
    query = select(User.id, User.timezone, User.skills, User.updated_at, User.last_seen_at).where(User.id.in_(user_ids))
    return list((await session.execute(query)).all())


async def journeys_by_user_ids(session: AsyncSession, user_ids: list[int]) -> dict[int, Row]:
    query = select(
        CareerJourney.user_id,
        CareerJourney.current_role,
        CareerJourney.target_role,
        CareerJourney.patterns,
        CareerJourney.prediction,
    ).where(CareerJourney.user_id.in_(user_ids))
    return {row.user_id: row for row in await session.execute(query)}


async def resume_times_by_user_ids(session: AsyncSession, user_ids: list[int]) -> dict[int, datetime]:
    """The newest completed résumé upload per user (a change of what the profile says)."""
    query = (
        select(ResumeUpload.user_id, func.max(func.coalesce(ResumeUpload.finished_at, ResumeUpload.created_at)))
        .where(ResumeUpload.user_id.in_(user_ids), ResumeUpload.status == ResumeUploadStatus.COMPLETED)
        .group_by(ResumeUpload.user_id)
    )
    return {row[0]: row[1] for row in await session.execute(query)}


def _kept_goals(user_ids: list[int], since: datetime):
    """Goals the rules may speak of: open ones, and closed ones changed within the history."""
    return (Goal.user_id.in_(user_ids)) & (Goal.status.in_((GoalStatus.ACTIVE, GoalStatus.PAUSED)) | (Goal.updated_at >= since))


async def goals_by_user_ids(session: AsyncSession, user_ids: list[int], since: datetime) -> list[Goal]:
    query = select(Goal).where(_kept_goals(user_ids, since)).order_by(Goal.user_id, Goal.id)
    return list((await session.execute(query)).scalars())


async def steps_by_user_ids(session: AsyncSession, user_ids: list[int], since: datetime) -> list[Row]:
    kept = select(Goal.id).where(_kept_goals(user_ids, since))
    query = (
        select(GoalStep.goal_id, GoalStep.id, GoalStep.title, GoalStep.position, GoalStep.done, GoalStep.done_at)
        .where(GoalStep.user_id.in_(user_ids), GoalStep.goal_id.in_(kept))
        .order_by(GoalStep.goal_id, GoalStep.position, GoalStep.id)
    )
    return list((await session.execute(query)).all())


async def entries_by_user_ids(session: AsyncSession, user_ids: list[int], since: datetime) -> list[Row]:
    """The progress log of a batch of people since `since`, oldest first per person (the rules and the digests)."""
    query = (
        select(
            GoalProgressEntry.user_id,
            GoalProgressEntry.goal_id,
            GoalProgressEntry.logged_at,
            GoalProgressEntry.amount,
            GoalProgressEntry.minutes,
            GoalProgressEntry.mood,
            GoalProgressEntry.energy,
            GoalProgressEntry.note,
        )
        .where(GoalProgressEntry.user_id.in_(user_ids), GoalProgressEntry.logged_at >= since)
        .order_by(GoalProgressEntry.user_id, GoalProgressEntry.logged_at, GoalProgressEntry.id)
    )
    return list((await session.execute(query)).all())


async def milestones_by_user_ids(session: AsyncSession, user_ids: list[int], since: date) -> list[Row]:
    query = (
        select(Milestone.user_id, Milestone.id, Milestone.kind, Milestone.title, Milestone.achieved_on, Milestone.role)
        .where(Milestone.user_id.in_(user_ids), Milestone.achieved_on >= since)
        .order_by(Milestone.user_id, Milestone.achieved_on, Milestone.id)
    )
    return list((await session.execute(query)).all())


def _kept_applications(user_ids: list[int], since: datetime):
    open_statuses = (
        ApplicationStatus.INTERESTED,
        ApplicationStatus.APPLIED,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.OFFER,
    )
    return (Application.user_id.in_(user_ids)) & (Application.status.in_(open_statuses) | (Application.updated_at >= since))


async def applications_by_user_ids(session: AsyncSession, user_ids: list[int], since: datetime) -> list[Row]:
    """Applications still open or changed within the history, with their job's title and company."""
    query = (
        select(
            Application.user_id,
            Application.id,
            Application.job_id,
            Application.status,
            Application.notes,
            Application.created_at,
            Application.applied_at,
            Job.title,
            Job.company,
        )
        .join(Job, Job.id == Application.job_id)
        .where(_kept_applications(user_ids, since))
        .order_by(Application.user_id, Application.id)
    )
    return list((await session.execute(query)).all())


async def status_changes_by_user_ids(session: AsyncSession, user_ids: list[int], since: datetime) -> list[Row]:
    query = (
        select(
            ApplicationStatusChange.application_id,
            ApplicationStatusChange.from_status,
            ApplicationStatusChange.to_status,
            ApplicationStatusChange.changed_at,
        )
        .join(Application, Application.id == ApplicationStatusChange.application_id)
        .where(_kept_applications(user_ids, since))
        .order_by(ApplicationStatusChange.application_id, ApplicationStatusChange.changed_at, ApplicationStatusChange.id)
    )
    return list((await session.execute(query)).all())


async def jobs_by_user_ids(session: AsyncSession, user_ids: list[int], since: datetime) -> list[Row]:
    """Open jobs saved, imported or discovered within the history, with their skills and score and
    whether the person applied (an application past "interested")."""
    applied = (
        select(Application.id)
        .where(Application.job_id == Job.id, Application.status != ApplicationStatus.INTERESTED)
        .exists()
        .label("applied")
    )
    query = (
        select(
            Job.user_id,
            Job.id,
            Job.title,
            Job.company,
            Job.created_at,
            Job.tech_stack,
            Job.parsed_requirements,
            Job.match_score,
            Job.origin,
            applied,
        )
        .where(Job.user_id.in_(user_ids), Job.closed_at.is_(None), Job.created_at >= since)
        .order_by(Job.user_id, Job.id)
    )
    return list((await session.execute(query)).all())


async def snapshots_by_user_ids(session: AsyncSession, user_ids: list[int], since: date) -> list[Row]:
    query = (
        select(SkillSnapshot.user_id, SkillSnapshot.taken_on, SkillSnapshot.skills)
        .where(SkillSnapshot.user_id.in_(user_ids), SkillSnapshot.taken_on >= since)
        .order_by(SkillSnapshot.user_id, SkillSnapshot.taken_on)
    )
    return list((await session.execute(query)).all())


async def last_insight_at_by_user_ids(session: AsyncSession, user_ids: list[int]) -> dict[int, dict[int, datetime]]:
    """user id -> rule id -> when the rule last produced an insight for the person."""
    query = (
        select(CareerInsight.user_id, CareerInsight.rule_id, func.max(CareerInsight.created_at))
        .where(CareerInsight.user_id.in_(user_ids), CareerInsight.rule_id.is_not(None))
        .group_by(CareerInsight.user_id, CareerInsight.rule_id)
    )
    found: dict[int, dict[int, datetime]] = defaultdict(dict)
    for user_id, rule_id, when in await session.execute(query):
        if rule_id is not None:
            found[user_id][rule_id] = when
    return found


_SKILL_COUNTS = text(
    """
    WITH win AS (
        SELECT id, skills, posted_at > :current_start AS is_current
        FROM postings
        WHERE posted_at > :previous_start AND posted_at <= :as_of AND repost_of_id IS NULL
    )
    SELECT NULL AS skill, NULL AS name,
           count(*) FILTER (WHERE is_current) AS current,
           count(*) FILTER (WHERE NOT is_current) AS previous
    FROM win
    UNION ALL
    SELECT lower(btrim(s)) AS skill, min(btrim(s)) AS name,
           count(DISTINCT id) FILTER (WHERE is_current) AS current,
           count(DISTINCT id) FILTER (WHERE NOT is_current) AS previous
    FROM win, unnest(win.skills) AS s
    GROUP BY 1
    """
)


async def posting_skill_counts(
    session: AsyncSession, as_of: datetime, window_days: int
) -> tuple[int, int, dict[str, tuple[int, int]]]:
    """One aggregate over all postings (no personal data) of two windows, (as_of - 2N, as_of - N]
    and (as_of - N, as_of], reposts excluded: the postings in each, and per lower-case skill
    spelling the postings naming it. Returns (current_total, previous_total, {spelling as written:
    (current, previous)})."""
    params = {
        "as_of": as_of,
        "current_start": as_of - timedelta(days=window_days),
        "previous_start": as_of - timedelta(days=2 * window_days),
    }
    current_total = previous_total = 0
    spellings: dict[str, tuple[int, int]] = {}
    for skill, name, current, previous in await session.execute(_SKILL_COUNTS, params):
        if skill is None:
            current_total, previous_total = current, previous
        elif skill:
            spellings[name] = (current, previous)
    return current_total, previous_total, spellings


async def existing_dedupe_keys(session: AsyncSession, keys: list[tuple[int, str]]) -> set[tuple[int, str]]:
    """Which (user id, dedupe key) pairs already have an insight."""
    if not keys:
        return set()
    query = select(CareerInsight.user_id, CareerInsight.dedupe_key).where(
        tuple_(CareerInsight.user_id, CareerInsight.dedupe_key).in_(keys)
    )
    return {(user_id, key) for user_id, key in await session.execute(query)}


async def insight_times_since(session: AsyncSession, user_ids: list[int], since: datetime) -> list[tuple[int, datetime]]:
    """(user id, created at) of the insights counted by the daily cap (welcome-back excluded)."""
    query = select(CareerInsight.user_id, CareerInsight.created_at).where(
        CareerInsight.user_id.in_(user_ids),
        CareerInsight.created_at >= since,
        CareerInsight.kind != InsightKind.WELCOME_BACK,
    )
    return [(user_id, created_at) for user_id, created_at in await session.execute(query)]


async def insert_insights(session: AsyncSession, values: list[dict[str, Any]]) -> dict[tuple[int, str], int]:
    """Insert once per (user, dedupe key), all in one statement; (user id, dedupe key) -> new id
    for the rows this call wrote (a concurrent run's rows are left alone)."""
    if not values:
        return {}
    # executemany through "insertmanyvalues": one cached statement sent as multi-row pages
    statement = (
        insert(CareerInsight)
        .on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"])
        .returning(CareerInsight.id, CareerInsight.user_id, CareerInsight.dedupe_key)
    )
    return {(user_id, key): row_id for row_id, user_id, key in await session.execute(statement, values)}


async def insert_insight(session: AsyncSession, values: dict[str, Any]) -> CareerInsight | None:
    """One insight, once per (user, dedupe key); the new row, else None."""
    statement = (
        insert(CareerInsight)
        .values(values)
        .on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"])
        .returning(CareerInsight)
    )
    return (await session.scalars(statement)).one_or_none()


async def mark_notified(session: AsyncSession, insight_ids: list[int]) -> None:
    if insight_ids:
        await session.execute(update(CareerInsight).where(CareerInsight.id.in_(insight_ids)).values(notified=True))


async def insight_for_worker(session: AsyncSession, insight_id: int) -> CareerInsight | None:
    """One insight by id, whoever owns it (worker jobs only; their argument is the insight's id)."""
    return await session.get(CareerInsight, insight_id)


async def apply_wording(session: AsyncSession, insight_id: int, old: tuple[str, str], new: tuple[str, str]) -> bool:
    """The reworded title and message, only while the insight still reads `old` and was not reworded
    yet (a concurrent or repeated job changes nothing); True when written."""
    statement = (
        update(CareerInsight)
        .where(
            CareerInsight.id == insight_id,
            CareerInsight.rephrased.is_(False),
            CareerInsight.title == old[0],
            CareerInsight.message == old[1],
        )
        .values(title=new[0], message=new[1], rephrased=True)
        .returning(CareerInsight.id)
    )
    return (await session.execute(statement)).first() is not None


_RESCHEDULE = text(
    """
    UPDATE guidance_settings AS s
    SET next_evaluation_at = v.next_at, last_evaluated_at = :now, updated_at = :now
    FROM unnest(CAST(:user_ids AS bigint[]), CAST(:next_ats AS timestamptz[])) AS v(user_id, next_at)
    WHERE s.user_id = v.user_id
    """
)


async def reschedule(session: AsyncSession, now: datetime, next_at: dict[int, datetime | None]) -> None:
    """Set each user's next evaluation (None: never, guidance off) and the last one, in one statement."""
    if next_at:
        await session.execute(_RESCHEDULE, {"now": now, "user_ids": list(next_at), "next_ats": list(next_at.values())})


async def due_user_ids(session: AsyncSession, now: datetime, limit: int) -> list[int]:
    """Users whose evaluation is due (or who never had one and are not off), locked for this run:
    concurrent workers skip them (FOR UPDATE SKIP LOCKED) and take the next ones."""
    query = (
        select(GuidanceSetting.user_id)
        .where(
            (GuidanceSetting.next_evaluation_at <= now)
            | (GuidanceSetting.next_evaluation_at.is_(None) & (GuidanceSetting.level != GuidanceLevel.OFF))
        )
        .order_by(GuidanceSetting.next_evaluation_at.asc().nulls_first(), GuidanceSetting.user_id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(query)).scalars())


async def user_ids_with_active_goals(session: AsyncSession, after_id: int, limit: int) -> list[int]:
    """The next users (by id, after `after_id`) with an active goal: the market rules' audience."""
    query = (
        select(Goal.user_id)
        .where(Goal.status == GoalStatus.ACTIVE, Goal.user_id > after_id)
        .group_by(Goal.user_id)
        .order_by(Goal.user_id)
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())


async def users_without_settings(session: AsyncSession, limit: int) -> list[int]:
    query = (
        select(User.id)
        .where(~select(GuidanceSetting.id).where(GuidanceSetting.user_id == User.id).exists())
        .order_by(User.id)
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())


async def pending_deliveries(session: AsyncSession, now: datetime, since: datetime, limit: int) -> list[Row]:
    """Insights that should raise a live notification and have not (quiet hours held them back):
    still new and valid, high or urgent (medium for eager people), guidance not off. With the
    person's time zone and quiet hours; locked against a concurrent delivery."""
    eager = GuidanceSetting.level == GuidanceLevel.EAGER
    query = (
        select(
            CareerInsight.id,
            CareerInsight.user_id,
            CareerInsight.title,
            CareerInsight.message,
            User.timezone,
            NotificationPreference.quiet_hours_start,
            NotificationPreference.quiet_hours_end,
            NotificationPreference.id.is_not(None).label("has_preferences"),
        )
        .join(GuidanceSetting, GuidanceSetting.user_id == CareerInsight.user_id)
        .outerjoin(NotificationPreference, NotificationPreference.user_id == CareerInsight.user_id)
        .join(User, User.id == CareerInsight.user_id)
        .where(
            CareerInsight.notified.is_(False),
            CareerInsight.created_at >= since,
            CareerInsight.kind != InsightKind.WELCOME_BACK,
            CareerInsight.read_at.is_(None),
            CareerInsight.dismissed_at.is_(None),
            CareerInsight.acted_at.is_(None),
            (CareerInsight.valid_until.is_(None)) | (CareerInsight.valid_until > now),
            GuidanceSetting.level != GuidanceLevel.OFF,
            CareerInsight.priority.in_((InsightPriority.HIGH, InsightPriority.URGENT))
            | ((CareerInsight.priority == InsightPriority.MEDIUM) & eager),
        )
        .order_by(CareerInsight.id)
        .limit(limit)
        .with_for_update(of=CareerInsight, skip_locked=True)
    )
    return list((await session.execute(query)).all())


_SWAP_LAST_SEEN = text(
    """
    WITH previous AS (SELECT id, last_seen_at FROM users WHERE id = :user_id FOR UPDATE)
    UPDATE users SET last_seen_at = :now FROM previous WHERE users.id = previous.id
    RETURNING previous.last_seen_at
    """
)


async def swap_last_seen(session: AsyncSession, user_id: int, now: datetime) -> tuple[bool, datetime | None]:
    """Set the user's last visit to `now` and return (found, the previous visit), atomically: two
    concurrent visits each see the other's time, never the same previous value twice. Plain SQL so
    the profile's updated_at (the stale-profile rule reads it) does not move with a visit."""
    result = (await session.execute(_SWAP_LAST_SEEN, {"user_id": user_id, "now": now})).first()
    return (False, None) if result is None else (True, result[0])


# --------------------------------------------------------------------------- insights API


def _open_at(now: datetime | BindParameter[datetime]) -> ColumnElement[bool]:
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


# What the Today page shows (and the MCP server's insights): built once, read straight from the driver.
_TOP_INSIGHTS = (
    select(*CareerInsight.__table__.c)
    .where(
        CareerInsight.user_id == OWNER,
        _open_at(bindparam("now", type_=DateTime(timezone=True))),
        CareerInsight.kind != InsightKind.WELCOME_BACK,
    )
    .order_by(_priority_rank().desc(), CareerInsight.created_at.desc(), CareerInsight.id.desc())
    .limit(bindparam("limit", type_=Integer))
)


async def top_insights(user_id: int, limit: int, now: datetime) -> list[DriverRow]:
    """What the Today page shows: open insights, highest priority first, then newest. The welcome back
    is left out: it shows once, at the top, from the visit that raised it (`visitRecord`). Read
    straight from the driver (`api.db.driver_rows`): the rows read as ORM rows do."""
    return await driver_rows(_TOP_INSIGHTS, {"user_id": user_id, "now": now, "limit": limit})


async def insights_for_update(session: AsyncSession, user_id: int, insight_ids: list[int]) -> list[CareerInsight]:
    """The person's insights among `insight_ids`, locked for the unit of work (another user's find nothing)."""
    query = (
        select(CareerInsight)
        .where(CareerInsight.user_id == user_id, CareerInsight.id.in_(insight_ids))
        .order_by(CareerInsight.id)
        .with_for_update()
    )
    return await rows(session, query)


_RULES_BY_IDS = select(*GuidanceRule.__table__.c).where(GuidanceRule.id == any_id("ids"))


async def rules_by_ids(rule_ids: list[int]) -> list[DriverRow]:
    """Rules are shared by everyone (no owner): the rule behind each insight (straight from the driver)."""
    return await driver_rows(_RULES_BY_IDS, {"ids": rule_ids})


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


def _did(condition: ColumnElement[bool], label: str) -> Any:
    return exists().where(condition).label(label)


_FIRST_STEPS = select(
    _did(and_(User.id == OWNER, func.cardinality(User.skills) > 0), "profile"),
    _did(and_(ResumeUpload.user_id == OWNER, ResumeUpload.status == ResumeUploadStatus.COMPLETED.value), "resume"),
    _did(Job.user_id == OWNER, "job"),
    _did(Goal.user_id == OWNER, "goal"),
    _did(SavedSearch.user_id == OWNER, "saved_search"),
)


async def first_run_checklist(user_id: int) -> dict[str, bool]:
    """(profile, resume, job, goal, saved_search): whether the person did each first step, in one
    statement (built once, straight from the driver)."""
    row = await driver_row(_FIRST_STEPS, {"user_id": user_id})
    assert row is not None  # a SELECT without FROM: always one row
    return {key: bool(done) for key, done in row.items()}
