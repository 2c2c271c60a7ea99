from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Date, DateTime, Float, ForeignKey, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin


class CareerHealthReport(IdMixin, Base):
    """One per user and month (the first day of the month, in the person's time zone), so health has
    a trend. Scores are 0..1; `details` holds the per-skill currency, the market position and the
    growth trajectory with their numbers; `risks` is [{"title", "detail", "action": {label, href}}]."""

    __tablename__ = "career_health_reports"
    __table_args__ = (
        UniqueConstraint("user_id", "month", name="uq_career_health_reports_user_id_month"),
        CheckConstraint("overall BETWEEN 0 AND 1", name="overall_range"),
        CheckConstraint("skill_currency BETWEEN 0 AND 1", name="skill_currency_range"),
        CheckConstraint("market_position BETWEEN 0 AND 1", name="market_position_range"),
        CheckConstraint("growth BETWEEN 0 AND 1", name="growth_range"),
        CheckConstraint("jsonb_typeof(risks) = 'array'", name="risks_array"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    month: Mapped[date] = mapped_column(Date)
    overall: Mapped[float] = mapped_column(Float)
    skill_currency: Mapped[float] = mapped_column(Float)
    market_position: Mapped[float] = mapped_column(Float)
    growth: Mapped[float] = mapped_column(Float)
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    risks: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
