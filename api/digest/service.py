"""Digests: gathering the facts of a batch of people (a constant number of statements whatever its
size), composing, writing each digest once per (user, kind, local date), the in-app notification
and the other channels, and moving each person's next digest to the following local day.
Takes the session explicitly; flushes, never commits. Publishing happens after the caller commits.

Not sent (the schedule still moves on): nothing worth saying (unless "send even when quiet"),
vacation through the local date, a digest due longer ago than `schedule.LATE_LIMIT` (the worker
was away). A preview ("send me a test now") is composed now even when quiet, stored as a test (it
never takes the day's slot) and delivered the same way; at most PREVIEWS_PER_HOUR per person."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.config import get_settings
from api.dates import aware
from api.digest import repository, schedule
from api.digest.compose import MAX_MATCHES, compose
from api.digest.facts import (
    ApplicationFact,
    Composed,
    DigestFacts,
    DocumentFact,
    EntryFact,
    FollowUpFact,
    GoalFact,
    InsightFact,
    InterviewFact,
    MatchFact,
    PracticeFact,
    StatusChangeFact,
)
from api.errors import AppError, ErrorCode
from api.guidance import repository as guidance_repository
from api.guidance.evaluation import DEFAULT_MARKET_WINDOW, known_zone, market_facts
from api.models import CareerInsight, Digest
from api.notification import dispatch
from api.notification import service as notifications
from api.notification.service import Created, NewNotification
from api.vocabulary import DigestKind, InsightActionKind, NotificationTopic

NOTIFICATION_KIND = "digest"
ENTRY_DAYS = 42  # the progress log the focus looks at (six of each weekday)
STREAK_DAYS = 400  # the longest streak a digest can count
RECENT = timedelta(days=2)  # covers the person's local today (and tomorrow's interviews) in any zone
FIRST_MATCHES = timedelta(days=1)  # before the first briefing: strong matches of the last day
PREVIEWS_PER_HOUR = 10
MAX_BATCHES = 1000  # one run handles at most this many batches per kind; the next run takes the rest


@dataclass(frozen=True)
class Person:
    user_id: int
    timezone: str  # checked (UTC when the stored one is unknown)
    skills: tuple[str, ...]
    local_date: date
    send_when_quiet: bool = False


@dataclass
class Run:
    """What a run of `send_due` did."""

    scheduled: int = 0  # people whose first next instant was computed
    due: int = 0
    sent: int = 0  # digests written
    quiet: int = 0  # nothing worth saying
    skipped: int = 0  # vacation or too late
    statements: int = 0
    notifications: list[Created] = field(default_factory=list)


# --------------------------------------------------------------------------- facts


def _insight(row: CareerInsight | None) -> InsightFact | None:
    if row is None:
        return None
    action = next(iter(row.actions or ()), None)
    label = href = None
    if isinstance(action, Mapping):
        label = str(action.get("label") or "") or None
        arguments = action.get("arguments") or {}
        if action.get("kind") == InsightActionKind.OPEN and isinstance(arguments, Mapping) and arguments.get("href"):
            href = str(arguments["href"])
    return InsightFact(row.id, row.title, row.message, row.priority, label, href)


async def load_facts(session: AsyncSession, kind: DigestKind, people: Sequence[Person], now: datetime) -> dict[int, DigestFacts]:
    """The facts of a batch for one kind of digest: the same statements whatever its size."""
    now = aware(now)
    if not people:
        return {}
    ids = sorted(p.user_id for p in people)
    latest = max(p.local_date for p in people)
    morning = kind is DigestKind.MORNING
    patterns = await repository.patterns_by_user_ids(session, ids)
    goals = await repository.active_goals(session, ids)
    entries = await guidance_repository.entries_by_user_ids(session, ids, now - timedelta(days=ENTRY_DAYS))
    follow_ups = await repository.follow_ups(session, ids, latest if morning else latest + timedelta(days=1))
    interviews = await repository.interviews(session, ids, now - RECENT, now + RECENT)
    insights = {row.user_id: row for row in await repository.top_insights(session, ids, now)}
    matches: list[Any] = []
    market = None
    days: dict[int, list[date]] = {}
    applications: list[Any] = []
    changes: list[Any] = []
    documents: list[Any] = []
    practice: list[Any] = []
    if morning:
        threshold = get_settings().alert_threshold
        matches = await repository.matches(session, ids, threshold, now, now - FIRST_MATCHES, MAX_MATCHES)
        market = await market_facts(session, now, DEFAULT_MARKET_WINDOW)
    else:
        days = await repository.active_days(session, {p.user_id: p.timezone for p in people}, now - timedelta(days=STREAK_DAYS))
        applications = await repository.applications_created(session, ids, now - RECENT, now)
        changes = await repository.status_changes(session, ids, now - RECENT, now)
        documents = await repository.documents(session, ids, now - RECENT, now)
        practice = await repository.practice(session, ids, now - RECENT, now)

    grouped: dict[str, dict[int, list[Any]]] = {name: defaultdict(list) for name in ("g", "e", "f", "i", "m", "a", "c", "d", "p")}
    for row in goals:
        grouped["g"][row.user_id].append(GoalFact(row.id, row.title, row.progress, row.target_date, row.why or ""))
    for row in entries:
        grouped["e"][row.user_id].append(EntryFact(row.goal_id, row.logged_at, row.amount, row.minutes))
    for row in follow_ups:
        grouped["f"][row.user_id].append(FollowUpFact(row.id, row.job_id, row.title, row.company, row.follow_up_on))
    for row in interviews:
        grouped["i"][row.user_id].append(
            InterviewFact(row.id, row.job_id, row.title, row.company, row.starts_at, row.kind, row.location, row.link)
        )
    for row in matches:
        grouped["m"][row.user_id].append(MatchFact(row.job_id, row.title, row.company, row.score, row.reason, row.at))
    for row in applications:
        grouped["a"][row.user_id].append(ApplicationFact(row.id, row.job_id, row.title, row.company, row.status, row.created_at))
    for row in changes:
        grouped["c"][row.user_id].append(
            StatusChangeFact(
                row.application_id, row.job_id, row.title, row.company, row.from_status, row.to_status, row.changed_at
            )
        )
    for row in documents:
        grouped["d"][row.user_id].append(DocumentFact(row.id, row.kind, row.title, row.created_at))
    for row in practice:
        grouped["p"][row.user_id].append(PracticeFact(row.id, row.kind, row.started_at, row.overall_score))

    facts: dict[int, DigestFacts] = {}
    for person in people:
        uid = person.user_id
        facts[uid] = DigestFacts(
            user_id=uid,
            timezone=person.timezone,
            now=now,
            local_date=person.local_date,
            skills=person.skills,
            patterns=patterns.get(uid),
            goals=tuple(grouped["g"].get(uid, ())),
            entries=tuple(grouped["e"].get(uid, ())),
            active_days=tuple(days.get(uid, ())),
            matches=tuple(grouped["m"].get(uid, ())),
            follow_ups=tuple(grouped["f"].get(uid, ())),
            interviews=tuple(grouped["i"].get(uid, ())),
            insight=_insight(insights.get(uid)),
            market=market,
            applications=tuple(grouped["a"].get(uid, ())),
            changes=tuple(grouped["c"].get(uid, ())),
            documents=tuple(grouped["d"].get(uid, ())),
            practice=tuple(grouped["p"].get(uid, ())),
        )
    return facts


# --------------------------------------------------------------------------- writes


def _row(user_id: int, composed: Composed, now: datetime) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "kind": composed.kind.value,
        "local_date": composed.local_date,
        "subject": composed.subject[:300],
        "sections": composed.sections_json(),
        "text": composed.text,
        "created_at": now,
    }


def _body(composed: Composed) -> str:
    return " · ".join(section.title for section in composed.sections) or "Nothing new today."


async def deliver(session: AsyncSession, written: Sequence[tuple[int, int, Composed]], now: datetime) -> list[Created]:
    """For each new digest (id, user id, composed): the in-app notification (`digest:<id>`) and the
    other channels the person chose for digests (one batched statement each, whatever the count)."""
    if not written:
        return []
    created = await notifications.create_many(
        session,
        [
            NewNotification(
                user_id=user_id, kind=NOTIFICATION_KIND, title=c.subject, body=_body(c), dedupe_key=f"digest:{digest_id}"
            )
            for digest_id, user_id, c in written
        ],
    )
    notification_of = {item.user_id: item.id for item in created}  # one new digest per person per batch
    await dispatch.dispatch_many(
        session,
        [
            dispatch.Message(
                user_id=user_id,
                topic=NotificationTopic.DIGESTS,
                key=f"digest:{digest_id}",
                subject=c.subject,
                digest_id=digest_id,
                notification_id=notification_of.get(user_id),
            )
            for digest_id, user_id, c in written
        ],
        now,
    )
    return created


# --------------------------------------------------------------------------- the schedule


async def ensure_preferences(session: AsyncSession, limit: int, only: list[int] | None = None) -> int:
    return await repository.ensure_preferences_for_missing(session, limit, only)


async def schedule_unscheduled(
    session: AsyncSession, kind: DigestKind, now: datetime, limit: int, only: list[int] | None = None
) -> int:
    """Give people without a next instant of this kind their next one (not sent now); how many."""
    found = await repository.unscheduled_for_update(session, kind, limit, only)
    await repository.set_next(
        session, kind, {row.user_id: schedule.next_at(now, known_zone(row.timezone), row.wall) for row in found}
    )
    return len(found)


async def send_batch(session: AsyncSession, kind: DigestKind, now: datetime, limit: int, only: list[int] | None = None) -> Run:
    """One batch of the people whose digest of this kind is due (locked, SKIP LOCKED): compose,
    write once per local date, deliver, and move each to the following local day."""
    now = aware(now)
    run = Run()
    due = await repository.due_for_update(session, kind, now, limit, only)
    run.due = len(due)
    people: list[Person] = []
    next_at: dict[int, datetime | None] = {}
    for row in due:
        zone = known_zone(row.timezone)
        local_date = schedule.local_date_of(row.scheduled, zone)
        next_at[row.user_id] = schedule.next_at(now, zone, row.wall, after=local_date)
        if schedule.too_late(row.scheduled, now) or schedule.on_vacation(row.vacation_until, now, zone):
            run.skipped += 1
            continue
        people.append(Person(row.user_id, zone, tuple(row.skills or ()), local_date, row.send_when_quiet))
    facts = await load_facts(session, kind, people, now)
    composed: dict[int, Composed] = {}
    for person in people:
        found = compose(facts[person.user_id], kind, send_when_quiet=person.send_when_quiet)
        if found is None:
            run.quiet += 1
        else:
            composed[person.user_id] = found
    inserted = await repository.insert_digests(session, [_row(uid, c, now) for uid, c in composed.items()])
    written = [(row.id, row.user_id, composed[row.user_id]) for row in inserted]
    run.sent = len(written)
    run.notifications = await deliver(session, written, now)
    await repository.set_next(session, kind, next_at)
    return run


# --------------------------------------------------------------------------- preview


async def preview(session: AsyncSession, user_id: int, kind: DigestKind, now: datetime | None = None) -> Digest:
    """Compose a digest of this kind now (even when quiet), store it as a test, notify in-app and
    deliver it on the person's digest channels. The day's slot stays free."""
    now = aware(now or datetime.now(UTC))
    await repository.preferences_for_update(session, user_id)  # previews of one person take turns
    if await repository.tests_since(session, user_id, now - timedelta(hours=1)) >= PREVIEWS_PER_HOUR:
        raise AppError(f"At most {PREVIEWS_PER_HOUR} previews an hour; try again later", "kind", ErrorCode.RATE_LIMITED)
    user = await repository.user_row(session, user_id)
    assert user is not None  # the caller is signed in
    zone = known_zone(user.timezone)
    person = Person(user_id, zone, tuple(user.skills or ()), schedule.local_date_of(now, zone), True)
    facts = (await load_facts(session, kind, [person], now))[user_id]
    composed = compose(facts, kind, send_when_quiet=True)
    assert composed is not None  # send_when_quiet always composes
    values = _row(user_id, composed, now)
    digest = await repository.insert_test(session, values)
    for created in await deliver(session, [(digest.id, user_id, composed)], now):
        queue.publish(notifications.CHANNEL, created.user_id, str(created.id))  # after commit, like every live event
    return digest
