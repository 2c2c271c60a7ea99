"""All SQL of digests, always filtered by owner.

Sections: scheduling (preferences rows, locked with SKIP LOCKED) — facts (one statement per kind
of row for a whole batch of users, `user_id = ANY(:ids)`, never one per user) — writes — the API
(the archive, deliveries per digest, the preview's rate limit)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, and_, case, exists, func, or_, select, text, true
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import page, rows
from api.models import (
    Application,
    ApplicationStatusChange,
    CareerInsight,
    CareerJourney,
    Delivery,
    Digest,
    Document,
    Goal,
    InterviewAppointment,
    InterviewSession,
    Job,
    NotificationPreference,
    User,
)
from api.vocabulary import PRIORITY_ORDER, ApplicationStatus, DigestKind, DocumentStatus, GoalStatus, InsightKind

# --------------------------------------------------------------------------- scheduling


def _columns(kind: DigestKind) -> tuple[Any, Any, Any]:
    """(enabled, wall-clock time, next instant) columns of a kind."""
    if kind is DigestKind.MORNING:
        return NotificationPreference.morning_enabled, NotificationPreference.morning_time, NotificationPreference.next_morning_at
    return NotificationPreference.evening_enabled, NotificationPreference.evening_time, NotificationPreference.next_evening_at


def _among(column: Any, only: list[int] | None) -> Any:
    """Everyone, or only these people (tests and tools scope a run)."""
    return true() if only is None else column.in_(only)


async def ensure_preferences_for_missing(session: AsyncSession, limit: int, only: list[int] | None = None) -> int:
    """Preferences rows with the defaults for up to `limit` users who have none (race-safe); how many."""
    missing = (
        select(User.id)
        .where(~exists().where(NotificationPreference.user_id == User.id), _among(User.id, only))
        .order_by(User.id)
        .limit(limit)
    )
    statement = (
        insert(NotificationPreference)
        .from_select(["user_id"], missing)
        .on_conflict_do_nothing(index_elements=["user_id"])
        .returning(NotificationPreference.user_id)
    )
    return len((await session.execute(statement)).all())


async def unscheduled_for_update(session: AsyncSession, kind: DigestKind, limit: int, only: list[int] | None = None) -> list[Row]:
    """People with the kind enabled and no next instant yet: (user_id, timezone, wall), locked (SKIP LOCKED)."""
    enabled, wall, next_at = _columns(kind)
    query = (
        select(NotificationPreference.user_id, User.timezone, wall.label("wall"))
        .join(User, User.id == NotificationPreference.user_id)
        .where(enabled.is_(True), next_at.is_(None), _among(NotificationPreference.user_id, only))
        .order_by(NotificationPreference.user_id)
        .limit(limit)
        .with_for_update(of=NotificationPreference, skip_locked=True)
    )
    return list((await session.execute(query)).all())


async def due_for_update(
    session: AsyncSession, kind: DigestKind, now: datetime, limit: int, only: list[int] | None = None
) -> list[Row]:
    """People whose digest of this kind is due, locked for this run: concurrent workers skip them
    (FOR UPDATE SKIP LOCKED) and take the next ones. With what the run needs about them."""
    enabled, wall, next_at = _columns(kind)
    query = (
        select(
            NotificationPreference.user_id,
            User.timezone,
            User.skills,
            wall.label("wall"),
            next_at.label("scheduled"),
            NotificationPreference.vacation_until,
            NotificationPreference.send_when_quiet,
        )
        .join(User, User.id == NotificationPreference.user_id)
        .where(enabled.is_(True), next_at <= now, _among(NotificationPreference.user_id, only))
        .order_by(next_at, NotificationPreference.user_id)
        .limit(limit)
        .with_for_update(of=NotificationPreference, skip_locked=True)
    )
    return list((await session.execute(query)).all())


_SET_NEXT = {
    DigestKind.MORNING: text(
        """
        UPDATE notification_preferences AS p SET next_morning_at = v.next_at
        FROM unnest(CAST(:user_ids AS bigint[]), CAST(:next_ats AS timestamptz[])) AS v(user_id, next_at)
        WHERE p.user_id = v.user_id
        """
    ),
    DigestKind.EVENING: text(
        """
        UPDATE notification_preferences AS p SET next_evening_at = v.next_at
        FROM unnest(CAST(:user_ids AS bigint[]), CAST(:next_ats AS timestamptz[])) AS v(user_id, next_at)
        WHERE p.user_id = v.user_id
        """
    ),
}


async def set_next(session: AsyncSession, kind: DigestKind, next_at: dict[int, datetime | None]) -> None:
    """Each user's next instant of this kind, in one statement."""
    if next_at:
        await session.execute(_SET_NEXT[kind], {"user_ids": list(next_at), "next_ats": list(next_at.values())})


async def preferences_for_update(session: AsyncSession, user_id: int) -> NotificationPreference:
    """The person's preferences, created on first need and locked for the unit of work (previews
    of one person take turns, so the rate limit counts each of them)."""
    await session.execute(
        insert(NotificationPreference).values(user_id=user_id).on_conflict_do_nothing(index_elements=["user_id"])
    )
    query = select(NotificationPreference).where(NotificationPreference.user_id == user_id).with_for_update()
    return (await session.execute(query)).scalar_one()


async def user_row(session: AsyncSession, user_id: int) -> Row | None:
    return (await session.execute(select(User.id, User.timezone, User.skills).where(User.id == user_id))).one_or_none()


# --------------------------------------------------------------------------- facts


async def patterns_by_user_ids(session: AsyncSession, user_ids: list[int]) -> dict[int, Any]:
    query = select(CareerJourney.user_id, CareerJourney.patterns).where(CareerJourney.user_id.in_(user_ids))
    return {row.user_id: row.patterns for row in await session.execute(query)}


async def active_goals(session: AsyncSession, user_ids: list[int]) -> list[Row]:
    query = (
        select(Goal.user_id, Goal.id, Goal.title, Goal.progress, Goal.target_date, Goal.why)
        .where(Goal.user_id.in_(user_ids), Goal.status == GoalStatus.ACTIVE)
        .order_by(Goal.user_id, Goal.id)
    )
    return list((await session.execute(query)).all())


_ACTIVE_DAYS = text(
    """
    SELECT DISTINCT e.user_id, CAST(e.logged_at AT TIME ZONE z.zone AS date) AS day
    FROM goal_progress_entries AS e
    JOIN unnest(CAST(:user_ids AS bigint[]), CAST(:zones AS text[])) AS z(user_id, zone) ON z.user_id = e.user_id
    WHERE e.logged_at >= :since
    """
)


async def active_days(session: AsyncSession, zones: dict[int, str], since: datetime) -> dict[int, list[date]]:
    """user id -> the local dates (in the given, checked zone) with at least one progress entry."""
    found: dict[int, list[date]] = defaultdict(list)
    if zones:
        params = {"user_ids": list(zones), "zones": list(zones.values()), "since": since}
        for user_id, day in await session.execute(_ACTIVE_DAYS, params):
            found[user_id].append(day)
    return found


_MATCHES = text(
    """
    WITH last AS (
        SELECT user_id, max(created_at) AS at FROM digests
        WHERE user_id = ANY(CAST(:user_ids AS bigint[])) AND kind = 'morning' AND NOT is_test
        GROUP BY user_id
    ), ranked AS (
        SELECT j.user_id, j.id AS job_id, j.title, j.company, s.score,
               coalesce(s.breakdown -> 'explanation' ->> 0, '') AS reason,
               s.scored_at AS at,
               row_number() OVER (PARTITION BY j.user_id ORDER BY s.score DESC, s.scored_at DESC, j.id) AS position
        FROM job_scores AS s JOIN jobs AS j ON j.id = s.job_id LEFT JOIN last ON last.user_id = j.user_id
        WHERE s.user_id = ANY(CAST(:user_ids AS bigint[]))
          AND s.score >= :threshold AND j.closed_at IS NULL
          AND s.scored_at > coalesce(last.at, CAST(:first_since AS timestamptz))
          AND s.scored_at <= :now
          AND NOT EXISTS (SELECT 1 FROM applications AS a WHERE a.job_id = j.id AND a.status <> 'interested')
    )
    SELECT user_id, job_id, title, company, score, reason, at FROM ranked WHERE position <= :per_user
    """
)


async def matches(
    session: AsyncSession, user_ids: list[int], threshold: int, now: datetime, first_since: datetime, per_user: int
) -> list[Row]:
    """Per user, the best `per_user` jobs scoring at least `threshold` since their last (real)
    morning briefing (since `first_since` before the first one), not applied to yet."""
    params = {"user_ids": user_ids, "threshold": threshold, "now": now, "first_since": first_since, "per_user": per_user}
    return list((await session.execute(_MATCHES, params)).all())


async def follow_ups(session: AsyncSession, user_ids: list[int], until: date) -> list[Row]:
    """Applications in "applied" whose follow-up date is on or before `until`."""
    query = (
        select(Application.user_id, Application.id, Application.job_id, Job.title, Job.company, Application.follow_up_on)
        .join(Job, Job.id == Application.job_id)
        .where(
            Application.user_id.in_(user_ids),
            Application.status == ApplicationStatus.APPLIED,
            Application.follow_up_on <= until,
        )
        .order_by(Application.user_id, Application.follow_up_on, Application.id)
    )
    return list((await session.execute(query)).all())


async def interviews(session: AsyncSession, user_ids: list[int], start: datetime, end: datetime) -> list[Row]:
    query = (
        select(
            InterviewAppointment.user_id,
            InterviewAppointment.id,
            Application.job_id,
            Job.title,
            Job.company,
            InterviewAppointment.starts_at,
            InterviewAppointment.kind,
            InterviewAppointment.location,
            InterviewAppointment.link,
        )
        .join(Application, Application.id == InterviewAppointment.application_id)
        .join(Job, Job.id == Application.job_id)
        .where(
            InterviewAppointment.user_id.in_(user_ids),
            InterviewAppointment.starts_at >= start,
            InterviewAppointment.starts_at < end,
        )
        .order_by(InterviewAppointment.user_id, InterviewAppointment.starts_at)
    )
    return list((await session.execute(query)).all())


def _priority_rank() -> Any:
    return case({p.value: rank for rank, p in enumerate(PRIORITY_ORDER)}, value=CareerInsight.priority, else_=0)


async def top_insights(session: AsyncSession, user_ids: list[int], now: datetime) -> list[CareerInsight]:
    """Per user, the open insight Today shows first: not dismissed, acted on or expired, highest
    priority, then newest (the welcome back is left out)."""
    ranked = (
        select(
            CareerInsight.id,
            func.row_number()
            .over(
                partition_by=CareerInsight.user_id,
                order_by=(_priority_rank().desc(), CareerInsight.created_at.desc(), CareerInsight.id.desc()),
            )
            .label("position"),
        )
        .where(
            CareerInsight.user_id.in_(user_ids),
            CareerInsight.dismissed_at.is_(None),
            CareerInsight.acted_at.is_(None),
            or_(CareerInsight.valid_until.is_(None), CareerInsight.valid_until > now),
            CareerInsight.kind != InsightKind.WELCOME_BACK,
            CareerInsight.created_at <= now,
        )
        .subquery()
    )
    query = select(CareerInsight).join(ranked, and_(ranked.c.id == CareerInsight.id, ranked.c.position == 1))
    return await rows(session, query)


async def applications_created(session: AsyncSession, user_ids: list[int], since: datetime, now: datetime) -> list[Row]:
    query = (
        select(
            Application.user_id,
            Application.id,
            Application.job_id,
            Job.title,
            Job.company,
            Application.status,
            Application.created_at,
        )
        .join(Job, Job.id == Application.job_id)
        .where(Application.user_id.in_(user_ids), Application.created_at >= since, Application.created_at <= now)
    )
    return list((await session.execute(query)).all())


async def status_changes(session: AsyncSession, user_ids: list[int], since: datetime, now: datetime) -> list[Row]:
    query = (
        select(
            Application.user_id,
            Application.id.label("application_id"),
            Application.job_id,
            Job.title,
            Job.company,
            ApplicationStatusChange.from_status,
            ApplicationStatusChange.to_status,
            ApplicationStatusChange.changed_at,
        )
        .join(Application, Application.id == ApplicationStatusChange.application_id)
        .join(Job, Job.id == Application.job_id)
        .where(
            Application.user_id.in_(user_ids),
            ApplicationStatusChange.changed_at >= since,
            ApplicationStatusChange.changed_at <= now,
        )
    )
    return list((await session.execute(query)).all())


async def documents(session: AsyncSession, user_ids: list[int], since: datetime, now: datetime) -> list[Row]:
    query = select(Document.user_id, Document.id, Document.kind, Document.title, Document.created_at).where(
        Document.user_id.in_(user_ids),
        Document.status == DocumentStatus.COMPLETED,
        Document.created_at >= since,
        Document.created_at <= now,
    )
    return list((await session.execute(query)).all())


async def practice(session: AsyncSession, user_ids: list[int], since: datetime, now: datetime) -> list[Row]:
    query = select(
        InterviewSession.user_id,
        InterviewSession.id,
        InterviewSession.kind,
        InterviewSession.started_at,
        InterviewSession.overall_score,
    ).where(InterviewSession.user_id.in_(user_ids), InterviewSession.started_at >= since, InterviewSession.started_at <= now)
    return list((await session.execute(query)).all())


# --------------------------------------------------------------------------- writes


async def insert_digests(session: AsyncSession, values: list[dict[str, Any]]) -> list[Row]:
    """Insert the digests whose (user, kind, local date) slot is free (real ones; tests never take
    it), in one statement: (id, user_id, subject) of the rows written."""
    if not values:
        return []
    statement = (
        insert(Digest)
        .values(values)
        .on_conflict_do_nothing(index_elements=["user_id", "kind", "local_date"], index_where=text("NOT is_test"))
        .returning(Digest.id, Digest.user_id, Digest.subject)
    )
    return list((await session.execute(statement)).all())


async def insert_test(session: AsyncSession, values: dict[str, Any]) -> Digest:
    digest = Digest(**values, is_test=True)
    session.add(digest)
    await session.flush()
    return digest


# --------------------------------------------------------------------------- API


async def digests_page(
    session: AsyncSession, user_id: int, offset: int, limit: int, *, kind: str | None, include_tests: bool
) -> tuple[list[Digest], int]:
    query = select(Digest).where(
        Digest.user_id == user_id,
        Digest.kind == kind if kind is not None else true(),
        true() if include_tests else Digest.is_test.is_(False),
    )
    return await page(session, query, offset, limit, Digest.created_at.desc(), Digest.id.desc())


async def deliveries_by_digest_ids(session: AsyncSession, user_id: int, digest_ids: list[int]) -> list[Delivery]:
    query = (
        select(Delivery)
        .where(Delivery.user_id == user_id, Delivery.digest_id.in_(digest_ids))
        .order_by(Delivery.digest_id, Delivery.id)
    )
    return await rows(session, query)


async def tests_since(session: AsyncSession, user_id: int, since: datetime) -> int:
    query = select(func.count()).where(Digest.user_id == user_id, Digest.is_test.is_(True), Digest.created_at > since)
    return (await session.execute(query)).scalar_one()
