from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import AppointmentKind


class InterviewAppointment(IdMixin, TimestampMixin, Base):
    """A scheduled interview of an application (not a mock interview): when (an instant, plus the IANA
    zone it was given in, for display), what kind, where (a place or a link) and notes."""

    __tablename__ = "interview_appointments"
    __table_args__ = (
        known("kind", AppointmentKind),
        CheckConstraint("duration_minutes BETWEEN 5 AND 1440", name="duration_minutes_range"),
        Index("ix_interview_appointments_user_id_starts_at", "user_id", "starts_at"),
        Index("ix_interview_appointments_application_id", "application_id"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("applications.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    timezone: Mapped[str] = mapped_column(String(64))
    duration_minutes: Mapped[int] = mapped_column(SmallInteger, default=60, server_default="60")
    kind: Mapped[str] = mapped_column(String(20), default="other", server_default="other")
    location: Mapped[str] = mapped_column(String(300), default="", server_default="")
    link: Mapped[str] = mapped_column(String(500), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
