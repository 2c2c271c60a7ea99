from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import CareerStage


class CareerJourney(IdMixin, TimestampMixin, Base):
    """One per user: where they are and where they head, plus the worker's cached analytics
    (learning patterns, velocity, next-milestone prediction) as the analytics' output in JSON (`api.journey.records.to_jsonable`)."""

    __tablename__ = "career_journeys"
    __table_args__ = (known("career_stage", CareerStage),)

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    current_role: Mapped[str] = mapped_column(String(200), default="", server_default="")
    current_company: Mapped[str] = mapped_column(String(200), default="", server_default="")
    career_stage: Mapped[str] = mapped_column(String(12), default="mid", server_default="mid")
    target_role: Mapped[str | None] = mapped_column(String(200))
    role_started_on: Mapped[date | None] = mapped_column(Date)
    patterns: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    velocity: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    prediction: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    computed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
