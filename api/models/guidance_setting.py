from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, DateTime, ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import GuidanceLevel


class GuidanceSetting(IdMixin, TimestampMixin, Base):
    """One per user (created on first need): how much the companion speaks and when it next looks.

    next_evaluation_at is the next scheduled evaluation as an instant, computed from the person's
    local evaluation hour in their time zone (so DST and time-zone changes move it correctly); the
    hourly cron picks the rows that are due. Quiet hours belong to how the person is reached:
    notification_preferences."""

    __tablename__ = "guidance_settings"
    __table_args__ = (
        known("level", GuidanceLevel),
        CheckConstraint("daily_cap BETWEEN 0 AND 50", name="daily_cap_range"),
        CheckConstraint("evaluation_hour BETWEEN 0 AND 23", name="evaluation_hour_range"),
        Index("ix_guidance_settings_next_evaluation_at", "next_evaluation_at"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    level: Mapped[str] = mapped_column(String(10), default="normal", server_default="normal")
    daily_cap: Mapped[int] = mapped_column(SmallInteger, default=3, server_default="3")
    wellbeing: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    evaluation_hour: Mapped[int] = mapped_column(SmallInteger, default=8, server_default="8")
    next_evaluation_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_evaluated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
