"""Interview appointments of applications and the person's secret calendar feed.

An appointment is an instant (`starts_at`, aware) plus the IANA zone it was given in, so the feed
and the app show it at the right local time however the zones shift. Creating, changing or removing
one announces the application as changed (`api.application.service.changed`); the status is left
alone (a first interview does not move an application to "interview" by itself).

The feed's token is shown once: only its SHA-256 is stored (notification_preferences), so the
route finds the owner by hashing what the URL carries; regenerating replaces the hash, revoking
clears it, and either way the old URL stops working."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from api.application import service as application_service
from api.calendar import ics, repository
from api.errors import ErrorCode, NotFound, Validator, found
from api.guidance.schedule import valid_timezone
from api.models import InterviewAppointment
from api.notification import repository as notification_repository
from api.vocabulary import AppointmentKind

MIN_MINUTES, MAX_MINUTES = 5, 1440
LOCATION_LIMIT, LINK_LIMIT, NOTES_LIMIT = 300, 500, 10_000
FEED_PAST_DAYS = 90  # interviews this far back stay in the feed (calendar apps keep them)
TEXT_LIMITS = {"location": LOCATION_LIMIT, "link": LINK_LIMIT, "notes": NOTES_LIMIT}


def _check(check: Validator, fields: dict[str, Any]) -> dict[str, Any]:
    """The given fields, cleaned; every problem collected in `check`."""
    clean: dict[str, Any] = {}
    for name in ("starts_at", "timezone", "duration_minutes", "kind"):
        if name in fields and fields[name] is None:
            check.add(name, f"{name.replace('_', ' ').capitalize()} cannot be empty", ErrorCode.REQUIRED)
    if fields.get("starts_at") is not None:
        starts_at: datetime = fields["starts_at"]
        if starts_at.tzinfo is None or starts_at.utcoffset() is None:
            check.add("starts_at", "The start needs a UTC offset, e.g. 2025-03-03T10:00:00+01:00")
        else:
            clean["starts_at"] = starts_at.astimezone(UTC)
    if fields.get("timezone") is not None:
        if valid_timezone(fields["timezone"]):
            clean["timezone"] = fields["timezone"]
        else:
            check.add("timezone", "Unknown time zone; use an IANA name such as Europe/Berlin")
    if fields.get("duration_minutes") is not None:
        minutes = fields["duration_minutes"]
        if MIN_MINUTES <= minutes <= MAX_MINUTES:
            clean["duration_minutes"] = minutes
        else:
            check.add("duration_minutes", f"The duration must be {MIN_MINUTES} to {MAX_MINUTES} minutes", ErrorCode.OUT_OF_RANGE)
    if fields.get("kind") is not None:
        check.one_of("kind", fields["kind"], AppointmentKind, "Kind")
        clean["kind"] = fields["kind"]
    for name, limit in TEXT_LIMITS.items():
        if name in fields:
            clean[name] = check.text(name, fields[name] or "", max_len=limit) or ""
    link = clean.get("link")
    if link:
        parts = urlsplit(link)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            check.add("link", "The link must be an http(s) address")
    return clean


async def create(session: AsyncSession, user_id: int, application_id: int, fields: dict[str, Any]) -> InterviewAppointment:
    check = Validator()
    clean = _check(check, {"duration_minutes": 60, "kind": "other", "location": "", "link": "", "notes": "", **fields})
    for name in ("starts_at", "timezone"):
        if name not in fields:
            check.add(name, f"{name.replace('_', ' ').capitalize()} is required", ErrorCode.REQUIRED)
    check.check()
    application = found(await repository.application(session, user_id, application_id), "Application not found", "application_id")
    interview = InterviewAppointment(user_id=user_id, application_id=application.id, **clean)
    session.add(interview)
    await session.flush()
    application_service.changed(application)
    return interview


async def update(session: AsyncSession, user_id: int, interview_id: int, fields: dict[str, Any]) -> InterviewAppointment:
    check = Validator()
    clean = _check(check, fields)
    check.check()
    interview = found(await repository.get(session, user_id, interview_id, for_update=True), "Interview not found", "id")
    for name, value in clean.items():
        setattr(interview, name, value)
    await session.flush()
    await session.refresh(interview)  # updated_at, as stored
    application = await repository.application(session, user_id, interview.application_id)
    if application is not None:
        application_service.changed(application)
    return interview


async def delete(session: AsyncSession, user_id: int, interview_id: int) -> None:
    interview = found(await repository.get(session, user_id, interview_id, for_update=True), "Interview not found", "id")
    application = await repository.application(session, user_id, interview.application_id)
    await repository.remove(session, interview)
    if application is not None:
        application_service.changed(application)


async def upcoming_page(session: AsyncSession, user_id: int, offset: int, limit: int) -> tuple[list[InterviewAppointment], int]:
    return await repository.upcoming_page(session, user_id, offset, limit, now=datetime.now(UTC))


# --------------------------------------------------------------------------- the feed


@dataclass(frozen=True)
class Feed:
    active: bool
    created_at: datetime | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def feed(session: AsyncSession, user_id: int) -> Feed:
    found_row = (await notification_repository.preferences_by_user_ids(session, [user_id])).get(user_id)
    if found_row is None or found_row.calendar_token_hash is None:
        return Feed(False, None)
    return Feed(True, found_row.calendar_token_created_at)


async def feed_create(session: AsyncSession, user_id: int) -> tuple[Feed, str]:
    """A new secret token (replacing any earlier one): the feed and the token, shown only now."""
    preferences = await notification_repository.ensure_preferences(session, user_id)
    token = secrets.token_urlsafe(32)
    preferences.calendar_token_hash = token_hash(token)
    preferences.calendar_token_created_at = datetime.now(UTC)
    await session.flush()
    return Feed(True, preferences.calendar_token_created_at), token


async def feed_revoke(session: AsyncSession, user_id: int) -> Feed:
    preferences = await notification_repository.ensure_preferences(session, user_id)
    preferences.calendar_token_hash = None
    preferences.calendar_token_created_at = None
    await session.flush()
    return Feed(False, None)


def feed_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/calendar/{token}.ics"


async def feed_calendar(session: AsyncSession, token: str, host: str, now: datetime | None = None) -> bytes:
    """The iCalendar document of the token's owner; NotFound for an unknown or revoked token."""
    if not token or len(token) > 100:
        raise NotFound("Calendar not found")
    user_id = await repository.owner_of_token(session, token_hash(token))
    if user_id is None:
        raise NotFound("Calendar not found")
    now = now or datetime.now(UTC)
    interviews = [
        ics.FeedInterview(
            id=row.id,
            starts_at=row.starts_at,
            timezone=row.timezone,
            duration_minutes=row.duration_minutes,
            kind=row.kind,
            title=title,
            company=company,
            location=row.location,
            link=row.link,
            notes=row.notes,
            updated_at=row.updated_at,
        )
        for row, title, company in await repository.feed_interviews(session, user_id, now - timedelta(days=FEED_PAST_DAYS))
    ]
    follow_ups = [
        ics.FeedFollowUp(application_id=row.id, on=row.follow_up_on, title=title, company=company, updated_at=row.updated_at)
        for row, title, company in await repository.feed_follow_ups(session, user_id)
    ]
    goals = [
        ics.FeedGoal(id=g.id, title=g.title, on=g.target_date, why=g.why, updated_at=g.updated_at)
        for g in await repository.feed_goals(session, user_id)
        if g.target_date is not None
    ]
    return ics.calendar(host, interviews, follow_ups, goals)
