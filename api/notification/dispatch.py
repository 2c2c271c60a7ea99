"""Sending a message on the channels the person chose for its topic, once.

`dispatch_many` looks up the preferences of every recipient in one statement, writes one
`deliveries` row per (message, channel) with `INSERT .. ON CONFLICT (dedupe_key) DO NOTHING` (a
retried job or a second worker finds the row and sends nothing twice) and enqueues the send of each
new pending row after commit (`delivery_send`, the worker; retried with backoff there). A channel
that cannot carry the message is recorded as skipped with the reason (email not configured on this
server or not verified, no push URL, vacation), so the person's delivery log says why nothing came.
Job alerts of a person in DIGEST mode get no delivery: the next morning briefing carries them.
In-app needs no delivery: the notification row itself is the in-app message."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.config import get_settings
from api.dates import local_today
from api.models import NotificationPreference
from api.models.notification_preference import DEFAULT_CHANNELS
from api.notification import repository
from api.vocabulary import Channel, DeliveryStatus, JobAlertMode, NotificationTopic

SEND_TASK = "delivery_send"


@dataclass(frozen=True)
class Message:
    user_id: int
    topic: NotificationTopic
    key: str  # names the message ("digest:42", "notification:7"); + ":<channel>" is the delivery's dedupe key
    subject: str
    digest_id: int | None = None
    notification_id: int | None = None


def channels_for(preferences: NotificationPreference | None, topic: NotificationTopic) -> list[Channel]:
    """The channels the person chose for a topic (in-app only until they choose more)."""
    chosen = (preferences.channels if preferences is not None else DEFAULT_CHANNELS).get(topic, [Channel.IN_APP])
    return [Channel(c) for c in chosen if c in Channel._value2member_map_]


def unavailable(preferences: NotificationPreference, channel: Channel, timezone: str, now: datetime) -> str | None:
    """Why a channel cannot carry a message now, or None when it can."""
    if preferences.vacation_until is not None and local_today(timezone, now) <= preferences.vacation_until:
        return f"On vacation until {preferences.vacation_until.isoformat()}"
    if channel is Channel.EMAIL:
        if not get_settings().email_configured:
            return "Email is not configured on this server (SMTP_HOST)"
        if preferences.email_verified_at is None:
            return "The email address is not verified yet"
    if channel is Channel.NTFY and not preferences.ntfy_url:
        return "No ntfy topic URL set"
    if channel is Channel.WEBHOOK and not preferences.webhook_url:
        return "No webhook URL set"
    return None


async def dispatch_many(session: AsyncSession, messages: Sequence[Message], now: datetime | None = None) -> list[int]:
    """Record (and, after commit, send) each message on its topic's channels; the new pending
    delivery ids. A constant number of statements whatever the number of messages."""
    if not messages:
        return []
    now = now or datetime.now(UTC)
    user_ids = sorted({m.user_id for m in messages})
    preferences = await repository.preferences_by_user_ids(session, user_ids)
    timezones = await repository.timezones_by_user_ids(session, user_ids)
    rows: list[dict] = []
    for message in messages:
        found = preferences.get(message.user_id)
        if found is not None and message.topic is NotificationTopic.JOB_ALERTS and found.job_alert_mode == JobAlertMode.DIGEST:
            continue  # strong matches wait for the next morning briefing
        for channel in channels_for(found, message.topic):
            if channel is Channel.IN_APP:
                continue
            assert found is not None  # only a stored preference chooses more than in-app
            reason = unavailable(found, channel, timezones[message.user_id], now)
            rows.append(
                {
                    "user_id": message.user_id,
                    "channel": channel.value,
                    "topic": message.topic.value,
                    "subject": message.subject[:300],
                    "digest_id": message.digest_id,
                    "notification_id": message.notification_id,
                    "dedupe_key": f"{message.key}:{channel.value}"[:200],
                    "status": DeliveryStatus.SKIPPED.value if reason else DeliveryStatus.PENDING.value,
                    "last_error": reason,
                }
            )
    pending = await repository.insert_deliveries(session, rows)
    for delivery_id in pending:
        queue.enqueue(SEND_TASK, delivery_id, key=f"delivery:{delivery_id}")
    return pending


async def dispatch(session: AsyncSession, message: Message, now: datetime | None = None) -> list[int]:
    return await dispatch_many(session, [message], now)
