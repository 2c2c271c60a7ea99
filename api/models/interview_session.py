from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, CheckConstraint, DateTime, Float, ForeignKey, Index, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, known
from api.vocabulary import InterviewKind, InterviewStatus


class InterviewSession(IdMixin, Base):
    """A mock interview. `plan` is api.interview.engine.InterviewPlan, `current_question` the
    question waiting for an answer, `generated_questions` those a model added to the bank."""

    __tablename__ = "interview_sessions"
    __table_args__ = (
        Index("ix_interview_sessions_user_id_id", "user_id", "id"),
        known("kind", InterviewKind),
        known("status", InterviewStatus),
        CheckConstraint("overall_score IS NULL OR (overall_score BETWEEN 0 AND 10)", name="overall_score_range"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    job_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("jobs.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(12), default="active", server_default="active")
    offline: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    plan: Mapped[dict[str, Any]] = mapped_column(JSONB)
    current_question: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    generated_questions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    model_notice: Mapped[str | None] = mapped_column(Text)
    overall_score: Mapped[float | None] = mapped_column(Float)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
