from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, SmallInteger, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, known
from api.vocabulary import FeedbackTarget


class MatchFeedback(IdMixin, Base):
    """A thumbs up/down on a recommendation, with the part scores it was given against."""

    __tablename__ = "match_feedback"
    __table_args__ = (
        CheckConstraint("rating IN (-1, 1)", name="rating_sign"),
        known("target", FeedbackTarget),
        Index("ix_match_feedback_user_id_id", "user_id", "id"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    job_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("jobs.id", ondelete="SET NULL"))
    target: Mapped[str] = mapped_column(String(12))
    rating: Mapped[int] = mapped_column(SmallInteger)
    parts: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    location_reason: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
