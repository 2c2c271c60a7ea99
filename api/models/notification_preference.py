from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, String, Text, Time
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import JobAlertMode

# Every topic starts in the app only; email and push are opted into per topic.
DEFAULT_CHANNELS = {
    "job_alerts": ["in_app"],
    "insights": ["in_app"],
    "digests": ["in_app"],
    "follow_ups": ["in_app"],
    "application_updates": ["in_app"],
}


class NotificationPreference(IdMixin, TimestampMixin, Base):
    """One per user (created on first need): how and when the person is reached.

    channels: {topic: [channel, ...]} (api.vocabulary NotificationTopic x Channel).
    Quiet hours and digest times are local wall-clock times in users.timezone; a quiet window
    may wrap midnight. next_morning_at / next_evening_at are the next digest instants, computed
    from those local times in the person's zone (so DST and zone changes move them correctly);
    the digest cron picks the rows that are due. vacation_until pauses everything but in-app
    through that local date. The email address defaults to the account's; nothing but the
    verification mail is sent before email_verified_at. webhook_secret signs webhook bodies;
    calendar_token_hash is the SHA-256 of the secret calendar feed token (null: no feed)."""

    __tablename__ = "notification_preferences"
    __table_args__ = (
        known("job_alert_mode", JobAlertMode),
        CheckConstraint("jsonb_typeof(channels) = 'object'", name="channels_object"),
        Index("ix_notification_preferences_next_morning_at", "next_morning_at"),
        Index("ix_notification_preferences_next_evening_at", "next_evening_at"),
        Index("uq_notification_preferences_calendar_token_hash", "calendar_token_hash", unique=True),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    channels: Mapped[dict[str, Any]] = mapped_column(
        JSONB,
        default=lambda: dict(DEFAULT_CHANNELS),
        server_default=(
            '{"job_alerts": ["in_app"], "insights": ["in_app"], "digests": ["in_app"], '
            '"follow_ups": ["in_app"], "application_updates": ["in_app"]}'
        ),
    )
    quiet_hours_start: Mapped[time | None] = mapped_column(Time, default=time(22), server_default="22:00")
    quiet_hours_end: Mapped[time | None] = mapped_column(Time, default=time(7), server_default="07:00")
    morning_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    morning_time: Mapped[time] = mapped_column(Time, default=time(7, 30), server_default="07:30")
    evening_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    evening_time: Mapped[time] = mapped_column(Time, default=time(19), server_default="19:00")
    send_when_quiet: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    vacation_until: Mapped[date | None] = mapped_column(Date)
    job_alert_mode: Mapped[str] = mapped_column(String(10), default="instant", server_default="instant")
    email: Mapped[str | None] = mapped_column(String(254))
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ntfy_url: Mapped[str | None] = mapped_column(Text)
    ntfy_token: Mapped[str | None] = mapped_column(String(200))
    webhook_url: Mapped[str | None] = mapped_column(Text)
    webhook_secret: Mapped[str | None] = mapped_column(String(100))
    next_morning_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_evening_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    calendar_token_hash: Mapped[str | None] = mapped_column(String(64))
    calendar_token_created_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
