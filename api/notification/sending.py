"""Sending one delivery, once, and recording the outcome on its row (the worker's `delivery_send`).

The row is locked for the send (`FOR UPDATE SKIP LOCKED`: a second worker on the same delivery
finds it busy and does nothing) and only a pending row is sent, so a sent one is never sent again.
Whether the channel can still carry the message is checked again at send time (the address may
have changed, the topic been unsubscribed, a vacation begun): then the row is skipped with the
reason. Each attempt adds one to `attempts`; a failed attempt keeps the row pending with
`last_error` and is retried with exponential backoff (DELIVERY_RETRY_SECONDS × 2^(n-1)) up to
MAX_ATTEMPTS, after which the row stays failed. A permanent refusal fails the row at once: an SMTP
5xx reply (the mailbox does not exist, the message is rejected; RFC 5321 §4.2.1: do not repeat it
unchanged) or a push receiver's 4xx other than 408/425/429."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import aiosmtplib
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings, get_settings
from api.dates import valid_timezone
from api.models import Delivery, NotificationPreference, User
from api.notification import mail, messages, push, repository, tokens
from api.notification.dispatch import unavailable
from api.notification.preferences import TEST_TOPIC, VERIFICATION_TOPIC, address, channel_statuses
from api.vocabulary import Channel, DeliveryStatus, NotificationTopic

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Outcome:
    status: DeliveryStatus | None  # None: nothing to do (missing, busy elsewhere, or done before)
    attempts: int = 0
    retry: bool = False


class Skip(Exception):
    """The channel cannot carry this delivery any more; the message says why."""


def permanent(error: Exception) -> bool:
    """Whether trying the same message again cannot succeed (see the module's docstring)."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(500 <= r.code < 600 for r in error.recipients)
    if isinstance(error, aiosmtplib.SMTPResponseException):
        return 500 <= error.code < 600
    return isinstance(error, push.PushError) and error.permanent


def backoff(settings: Settings, attempts: int) -> float:
    return settings.delivery_retry_seconds * 2 ** max(0, attempts - 1)


def _still_possible(row: Delivery, preferences: NotificationPreference, timezone: str, now: datetime) -> str | None:
    channel = Channel(row.channel)
    if row.topic == VERIFICATION_TOPIC:
        return None if get_settings().email_configured else "Email is not configured on this server (SMTP_HOST)"
    if row.topic == TEST_TOPIC:
        status = next(s for s in channel_statuses(preferences) if s.channel is channel)
        return None if status.ready else status.detail
    if row.topic in NotificationTopic._value2member_map_ and channel.value not in preferences.channels.get(row.topic, []):
        return f"{channel.name.capitalize()} is no longer chosen for this topic"
    return unavailable(preferences, channel, timezone, now)


async def _content(
    session: AsyncSession,
    settings: Settings,
    row: Delivery,
    preferences: NotificationPreference,
    user: User,
    unsubscribe: str | None,
) -> messages.Content:
    if row.digest_id is not None:
        digest = await repository.digest_by_id(session, row.digest_id)
        if digest is None:
            raise Skip("The digest no longer exists")
        return messages.digest(settings, digest.id, digest.subject, digest.sections, unsubscribe)
    if row.notification_id is not None:
        note = await repository.notification_by_id(session, row.notification_id)
        if note is None:
            raise Skip("The notification no longer exists")
        url = messages.notification_url(settings, note.kind, note.dedupe_key, note.job_id, note.insight_id)
        return messages.notification(settings, row.topic, note.title, note.body, url, unsubscribe)
    if row.topic == VERIFICATION_TOPIC:
        email = address(preferences, user)
        verify = messages.link(settings, "/email/verify", token=tokens.verification_token(settings, user.id, email))
        return messages.verification(settings, row.subject, email, verify)
    if row.topic == TEST_TOPIC:
        return messages.test(settings, row.subject, {"email": "email", "ntfy": "ntfy", "webhook": "webhook"}[row.channel])
    return messages.notification(settings, row.topic, row.subject, row.subject, messages.link(settings, "/"), unsubscribe)


async def _deliver(
    settings: Settings,
    row: Delivery,
    preferences: NotificationPreference,
    user: User,
    content: messages.Content,
    unsubscribe: str | None,
    now: datetime,
) -> None:
    channel = Channel(row.channel)
    if channel is Channel.EMAIL:
        message = mail.build(settings, content, mail.recipient(address(preferences, user)), unsubscribe)
        await mail.send(settings, message)
    elif channel is Channel.NTFY:
        await push.ntfy(settings, preferences.ntfy_url or "", preferences.ntfy_token, content)
    elif channel is Channel.WEBHOOK:
        await push.webhook(settings, preferences.webhook_url or "", preferences.webhook_secret or "", row.id, content, now)


async def send(session: AsyncSession, delivery_id: int, now: datetime | None = None) -> Outcome:
    now = now or datetime.now(UTC)
    settings = get_settings()
    row = await repository.delivery_to_send(session, delivery_id)
    if row is None or row.status != DeliveryStatus.PENDING:
        return Outcome(None)
    preferences = await repository.ensure_preferences(session, row.user_id)
    user = await repository.user_by_id(session, row.user_id)
    assert user is not None  # deliveries go with their user (ON DELETE CASCADE)
    timezone = user.timezone if valid_timezone(user.timezone) else "UTC"
    unsubscribe = None
    if row.channel == Channel.EMAIL and row.topic in NotificationTopic._value2member_map_:
        token = tokens.unsubscribe_token(settings, user.id, NotificationTopic(row.topic), now)
        unsubscribe = messages.link(settings, "/unsubscribe", token=token)
    try:
        reason = _still_possible(row, preferences, timezone, now)
        if reason is not None:
            raise Skip(reason)
        content = await _content(session, settings, row, preferences, user, unsubscribe)
    except Skip as skip:
        row.status, row.last_error = DeliveryStatus.SKIPPED.value, str(skip)
        await session.flush()
        return Outcome(DeliveryStatus.SKIPPED, row.attempts)
    row.attempts += 1
    try:
        await _deliver(settings, row, preferences, user, content, unsubscribe, now)
    except (aiosmtplib.SMTPException, OSError, TimeoutError, push.PushError) as error:
        final = row.attempts >= MAX_ATTEMPTS or permanent(error)
        row.status = (DeliveryStatus.FAILED if final else DeliveryStatus.PENDING).value
        row.last_error = f"{type(error).__name__}: {error}"[:1000]
        await session.flush()
        return Outcome(DeliveryStatus(row.status), row.attempts, retry=not final)
    row.status, row.last_error, row.sent_at = DeliveryStatus.SENT.value, None, now
    await session.flush()
    return Outcome(DeliveryStatus.SENT, row.attempts)
