"""Notification preferences and channels: how and when the person is reached.

Only the given fields change, and every field error is collected before anything is written.
Times are local wall-clock "HH:MM" in the person's zone; quiet hours are both or neither, may
wrap midnight and must end at another time than they start. A digest time that does not exist on
a DST day is fine: it is stored as a wall-clock time and the digest schedule resolves it. A change
of digest time, of morning/evening on/off or of the zone clears next_morning_at / next_evening_at:
the digest cron computes a NULL anew. A changed email address must be verified again. Push URLs
pass the SSRF guard when set (and again at every send, as DNS may change). Also: the verification
mail (rate-limited per user), the channel test and the unsubscribe / verify links."""

from __future__ import annotations

import asyncio
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.config import get_settings
from api.dates import local_today, valid_timezone
from api.errors import AppError, ErrorCode, Validator, found
from api.models import Delivery, NotificationPreference, User
from api.notification import repository, tokens
from api.notification.dispatch import SEND_TASK
from api.urlguard import FetchError, vet_url
from api.vocabulary import Channel, DeliveryStatus, JobAlertMode, NotificationTopic

HH_MM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_URL = 2000
VERIFICATION_TOPIC = "verification"
TEST_TOPIC = "test"
VERIFICATIONS_PER_HOUR = 5
GUIDANCE_RESCHEDULE = "guidance_reschedule"  # guidance evaluates at a local hour: it moves with the zone


@dataclass(frozen=True)
class TopicChannels:
    topic: NotificationTopic
    channels: list[Channel]


@dataclass(frozen=True)
class ChannelStatus:
    channel: Channel
    configured: bool
    ready: bool
    detail: str


@dataclass(frozen=True)
class PreferencesView:
    topics: list[TopicChannels]
    quiet_hours_start: str | None
    quiet_hours_end: str | None
    morning_enabled: bool
    morning_time: str
    evening_enabled: bool
    evening_time: str
    send_when_quiet: bool
    vacation_until: date | None
    job_alert_mode: JobAlertMode
    timezone: str
    email: str
    email_verified: bool
    ntfy_url: str | None
    ntfy_token_set: bool
    webhook_url: str | None
    webhook_secret: str | None
    channels: list[ChannelStatus]
    next_morning_at: datetime | None
    next_evening_at: datetime | None


def _hh_mm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def address(preferences: NotificationPreference, user: User) -> str:
    """Where mails go: the chosen address, else the account's."""
    return preferences.email or user.email


def chosen_channels(preferences: NotificationPreference, topic: NotificationTopic) -> list[Channel]:
    chosen = set(preferences.channels.get(topic.value, [Channel.IN_APP.value]))
    return [c for c in Channel if c.value in chosen or c is Channel.IN_APP]


def channel_statuses(preferences: NotificationPreference) -> list[ChannelStatus]:
    email_configured = get_settings().email_configured
    if not email_configured:
        email = ChannelStatus(Channel.EMAIL, False, False, "Email is not configured on this server")
    elif preferences.email_verified_at is None:
        email = ChannelStatus(Channel.EMAIL, True, False, "Verify your address first")
    else:
        email = ChannelStatus(Channel.EMAIL, True, True, "Ready")
    ntfy = bool(preferences.ntfy_url)
    webhook = bool(preferences.webhook_url)
    return [
        ChannelStatus(Channel.IN_APP, True, True, "Ready"),
        email,
        ChannelStatus(Channel.NTFY, ntfy, ntfy, "Ready" if ntfy else "Set an ntfy topic URL first"),
        ChannelStatus(Channel.WEBHOOK, webhook, webhook, "Ready" if webhook else "Set a webhook URL first"),
    ]


def view(preferences: NotificationPreference, user: User) -> PreferencesView:
    return PreferencesView(
        topics=[TopicChannels(topic, chosen_channels(preferences, topic)) for topic in NotificationTopic],
        quiet_hours_start=_hh_mm(preferences.quiet_hours_start),
        quiet_hours_end=_hh_mm(preferences.quiet_hours_end),
        morning_enabled=preferences.morning_enabled,
        morning_time=_hh_mm(preferences.morning_time) or "07:30",
        evening_enabled=preferences.evening_enabled,
        evening_time=_hh_mm(preferences.evening_time) or "19:00",
        send_when_quiet=preferences.send_when_quiet,
        vacation_until=preferences.vacation_until,
        job_alert_mode=JobAlertMode(preferences.job_alert_mode),
        timezone=user.timezone,
        email=address(preferences, user),
        email_verified=preferences.email_verified_at is not None,
        ntfy_url=preferences.ntfy_url,
        ntfy_token_set=bool(preferences.ntfy_token),
        webhook_url=preferences.webhook_url,
        webhook_secret=preferences.webhook_secret,
        channels=channel_statuses(preferences),
        next_morning_at=preferences.next_morning_at,
        next_evening_at=preferences.next_evening_at,
    )


async def preferences(session: AsyncSession, user_id: int) -> PreferencesView:
    """The person's preferences (the row is created with the defaults on first need)."""
    row = await repository.ensure_preferences(session, user_id)
    return view(row, found(await repository.user_by_id(session, user_id), "User not found"))


# --------------------------------------------------------------------------- update


async def vetted_url(check: Validator, field: str, value: str | None, label: str) -> str | None:
    """A push URL: http(s), at most 2000 characters, and allowed by the SSRF guard ("" clears)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > MAX_URL:
        check.add(field, f"{label} must be at most {MAX_URL} characters", ErrorCode.TOO_LONG)
        return None
    settings = get_settings()
    try:
        async with asyncio.timeout(settings.push_timeout):
            await vet_url(value, allow_private=settings.allow_private_fetch, allowed_addresses=settings.fetch_allowed_addresses)
    except TimeoutError:
        check.add(field, f"{label} cannot be used: its address could not be looked up in time")
    except FetchError as error:
        check.add(field, f"{label} cannot be used: {error.message}")
    return value


def _time(check: Validator, field: str, value: Any) -> time | None:
    match = HH_MM.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        check.add(field, "Use a 24-hour time such as 22:00")
        return None
    return time(int(match.group(1)), int(match.group(2)))


def _topics(check: Validator, given: list[tuple[str, list[str]]]) -> dict[str, list[str]]:
    """(topic, channels) pairs: each topic once, known channels; in-app is always kept."""
    chosen: dict[str, list[str]] = {}
    for topic, channels in given:
        if topic not in NotificationTopic._value2member_map_:
            check.add("topics", f"Unknown topic {topic!r}")
            continue
        if topic in chosen:
            check.add("topics", f"Each topic once: {NotificationTopic(topic).name} is given twice", ErrorCode.DUPLICATE)
            continue
        unknown = [c for c in channels if c not in Channel._value2member_map_]
        if unknown:
            check.add("topics", f"Unknown channel {unknown[0]!r}")
            continue
        # in-app always stays: the app is where everything can be read again
        chosen[str(topic)] = [c.value for c in Channel if c.value in set(channels) or c is Channel.IN_APP]
    return chosen


def _email(check: Validator, value: str) -> str | None:
    value = value.strip()
    if not value:
        check.add("email", "Email cannot be empty", ErrorCode.REQUIRED)
    elif len(value) > 254:
        check.add("email", "Email must be at most 254 characters", ErrorCode.TOO_LONG)
    elif not EMAIL_RE.match(value):
        check.add("email", "Enter a valid email address")
    else:
        return value
    return None


async def update(session: AsyncSession, user_id: int, fields: dict[str, Any], now: datetime | None = None) -> PreferencesView:
    """Only the given fields change (see the module doc); nothing is written on any error."""
    now = now or datetime.now(UTC)
    check = Validator()
    required = {
        "morning_enabled": "Morning briefing on/off",
        "morning_time": "Morning time",
        "evening_enabled": "Evening summary on/off",
        "evening_time": "Evening time",
        "send_when_quiet": "Send when quiet",
        "job_alert_mode": "Job alert mode",
        "timezone": "Time zone",
    }
    for name, label in required.items():
        if name in fields and fields[name] is None:
            check.add(name, f"{label} cannot be empty", ErrorCode.REQUIRED)
    changes: dict[str, Any] = {}
    for name in ("quiet_hours_start", "quiet_hours_end"):
        if name in fields:
            changes[name] = None if fields[name] is None else _time(check, name, fields[name])
    for name in ("morning_time", "evening_time"):
        if fields.get(name) is not None:
            changes[name] = _time(check, name, fields[name])
    for name in ("morning_enabled", "evening_enabled", "send_when_quiet"):
        if fields.get(name) is not None:
            changes[name] = bool(fields[name])
    if fields.get("job_alert_mode") is not None:
        check.one_of("job_alert_mode", fields["job_alert_mode"], JobAlertMode, "Job alert mode")
        changes["job_alert_mode"] = str(fields["job_alert_mode"])
    zone = fields.get("timezone")
    if zone is not None and not valid_timezone(zone):
        check.add("timezone", f"Unknown time zone {zone!r}; use an IANA name such as Europe/Berlin")
    if fields.get("topics") is not None:
        changes["channels"] = _topics(check, fields["topics"])
    email = _email(check, fields["email"]) if fields.get("email") is not None else None  # null: the account's
    if "ntfy_url" in fields:
        changes["ntfy_url"] = await vetted_url(check, "ntfy_url", fields["ntfy_url"], "The ntfy URL")
    if "ntfy_token" in fields:
        token = (fields["ntfy_token"] or "").strip() or None
        if token is not None and len(token) > 200:
            check.add("ntfy_token", "The ntfy token must be at most 200 characters", ErrorCode.TOO_LONG)
        changes["ntfy_token"] = token
    if "webhook_url" in fields:
        changes["webhook_url"] = await vetted_url(check, "webhook_url", fields["webhook_url"], "The webhook URL")
    check.check()

    row = await repository.preferences_for_update(session, user_id)
    user = found(await repository.user_by_id(session, user_id, for_update=True), "User not found")
    timezone = zone or user.timezone
    if "vacation_until" in fields:
        until = fields["vacation_until"]
        if until is not None and until < local_today(timezone, now):
            raise AppError("The vacation cannot end in the past", "vacation_until", ErrorCode.OUT_OF_RANGE)
        changes["vacation_until"] = until
    start = changes.get("quiet_hours_start", row.quiet_hours_start)
    end = changes.get("quiet_hours_end", row.quiet_hours_end)
    if (start is None) != (end is None):
        missing = "quiet_hours_start" if start is None else "quiet_hours_end"
        raise AppError("Set both quiet hours, or neither (null for both: no quiet hours)", missing, ErrorCode.REQUIRED)
    if start is not None and start == end:
        raise AppError("Quiet hours must end at another time than they start", "quiet_hours_end")

    schedule_fields = ("morning_enabled", "morning_time", "evening_enabled", "evening_time")
    reschedule = timezone != user.timezone or any(
        name in changes and changes[name] != getattr(row, name) for name in schedule_fields
    )
    if "channels" in changes:
        changes["channels"] = {**row.channels, **changes["channels"]}  # a new dict: JSONB changes are seen
    for name, value in changes.items():
        setattr(row, name, value)
    if "email" in fields and (email or user.email).lower() != address(row, user).lower():
        row.email_verified_at = None  # a new address must be verified again
    if "email" in fields:
        row.email = email if email is not None and email.lower() != user.email.lower() else None
    if row.webhook_url and not row.webhook_secret:
        row.webhook_secret = secrets.token_urlsafe(32)
    if reschedule:  # the digest cron computes the next instants anew from a NULL
        row.next_morning_at = row.next_evening_at = None
    if timezone != user.timezone:
        user.timezone = timezone
        queue.enqueue(GUIDANCE_RESCHEDULE, user.id, key=f"guidance-reschedule:{user.id}")
    await session.flush()
    return view(row, user)


async def rotate_webhook_secret(session: AsyncSession, user_id: int) -> PreferencesView:
    """A new signing secret (the old one stops verifying at once)."""
    row = await repository.preferences_for_update(session, user_id)
    user = found(await repository.user_by_id(session, user_id), "User not found")
    if not row.webhook_url:
        raise AppError("Set a webhook URL first", "confirm")
    row.webhook_secret = secrets.token_urlsafe(32)
    await session.flush()
    return view(row, user)


# --------------------------------------------------------------------------- verification and tests


async def _enqueued(session: AsyncSession, values: dict) -> Delivery:
    row = await repository.insert_delivery(session, {"status": DeliveryStatus.PENDING.value, **values})
    queue.enqueue(SEND_TASK, row.id, key=f"delivery:{row.id}")
    return row


async def send_verification(session: AsyncSession, user_id: int, email: str | None, now: datetime | None = None) -> bool:
    """Send the verification mail (to a new address first, when given). At most 5 per hour per
    person, counted under the lock of their preferences row (two requests cannot both pass)."""
    now = now or datetime.now(UTC)
    if email is not None:
        await update(session, user_id, {"email": email}, now)
    if not get_settings().email_configured:
        raise AppError("Email is not configured on this server", "email", ErrorCode.UNAVAILABLE)
    row = await repository.preferences_for_update(session, user_id)
    if row.email_verified_at is not None:
        raise AppError("This address is already verified", "email")
    if (
        await repository.deliveries_since(session, user_id, VERIFICATION_TOPIC, now - timedelta(hours=1))
        >= VERIFICATIONS_PER_HOUR
    ):
        raise AppError(
            f"At most {VERIFICATIONS_PER_HOUR} verification mails an hour; try again later", "email", ErrorCode.RATE_LIMITED
        )
    await _enqueued(
        session,
        {
            "user_id": user_id,
            "channel": Channel.EMAIL.value,
            "topic": VERIFICATION_TOPIC,
            "subject": "Confirm your email address for Career Companion",
            "dedupe_key": f"verify:{user_id}:{uuid.uuid4().hex}",
        },
    )
    return True


async def channel_test(session: AsyncSession, user_id: int, channel: Channel) -> Delivery:
    """A test message on a channel now (a delivery of topic "test"); the channel must be ready."""
    row = await repository.ensure_preferences(session, user_id)
    status = next((s for s in channel_statuses(row) if s.channel is channel), None)
    if channel is Channel.IN_APP or status is None:
        raise AppError("In-app messages need no test: pick email, ntfy or a webhook", "channel")
    if not status.ready:
        raise AppError(status.detail, "channel", ErrorCode.UNAVAILABLE)
    return await _enqueued(
        session,
        {
            "user_id": user_id,
            "channel": channel.value,
            "topic": TEST_TOPIC,
            "subject": "Test message from Career Companion",
            "dedupe_key": f"test:{user_id}:{uuid.uuid4().hex}:{channel.value}",
        },
    )


# --------------------------------------------------------------------------- links from mails


async def unsubscribe(session: AsyncSession, token: str) -> NotificationTopic:
    """Remove email from the token's topic for the token's person (raises tokens.InvalidLink)."""
    link = tokens.read_unsubscribe(get_settings(), token)
    if await repository.user_by_id(session, link.user_id) is None:
        raise tokens.InvalidLink("This link is not valid: it may be incomplete or altered.")
    row = await repository.preferences_for_update(session, link.user_id)
    channels = [c for c in row.channels.get(link.topic.value, [Channel.IN_APP.value]) if c != Channel.EMAIL.value]
    row.channels = {**row.channels, link.topic.value: channels}
    await session.flush()
    return link.topic


async def verify_email(session: AsyncSession, token: str, now: datetime | None = None) -> str:
    """Mark the address verified, only when it is still the person's (raises tokens.InvalidLink)."""
    link = tokens.read_verification(get_settings(), token)
    user = await repository.user_by_id(session, link.user_id)
    if user is None:
        raise tokens.InvalidLink("This link is not valid: it may be incomplete or altered.")
    row = await repository.preferences_for_update(session, link.user_id)
    current = address(row, user)
    if current.lower() != link.email.lower():
        raise tokens.InvalidLink("This link is for an address you have since changed; send a new verification mail.")
    if row.email_verified_at is None:
        row.email_verified_at = now or datetime.now(UTC)
        await session.flush()
    return current
