from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import Effort, RecommendationState, RecommendationType


class CareerRecommendation(IdMixin, TimestampMixin, Base):
    """A suggested next move with its reasoning and scores (each 0..1, `scoring` says how each was
    computed). `subject_key` names what it is about ("skill_focus:kubernetes"); `facts_key` hashes
    the material facts behind it, so a declined recommendation comes back only when they change."""

    __tablename__ = "career_recommendations"
    __table_args__ = (
        known("type", RecommendationType),
        known("effort", Effort),
        known("state", RecommendationState),
        CheckConstraint("confidence BETWEEN 0 AND 1", name="confidence_range"),
        CheckConstraint("market_relevance BETWEEN 0 AND 1", name="market_relevance_range"),
        CheckConstraint("personal_fit BETWEEN 0 AND 1", name="personal_fit_range"),
        CheckConstraint("time_to_complete_days >= 0", name="time_to_complete_days_not_negative"),
        Index("uq_career_recommendations_user_subject_facts", "user_id", "subject_key", "facts_key", unique=True),
        Index("ix_career_recommendations_user_id_state", "user_id", "state"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(20))
    subject_key: Mapped[str] = mapped_column(String(200))
    facts_key: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    reasoning: Mapped[str] = mapped_column(Text, default="", server_default="")
    expected_impact: Mapped[str] = mapped_column(Text, default="", server_default="")
    time_to_complete_days: Mapped[int] = mapped_column(Integer)
    effort: Mapped[str] = mapped_column(String(10))
    confidence: Mapped[float] = mapped_column(Float)
    market_relevance: Mapped[float] = mapped_column(Float)
    personal_fit: Mapped[float] = mapped_column(Float)
    scoring: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    goal_steps: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default="[]")
    state: Mapped[str] = mapped_column(String(10), default="open", server_default="open")
    decline_reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    goal_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("goals.id", ondelete="SET NULL"), index=True)
