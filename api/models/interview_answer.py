from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Integer, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin


class InterviewAnswer(IdMixin, Base):
    """One answered question: the question as asked, the answer, our rule-based feedback and
    score (0–10, never from a model) and, with a model configured, its refined notes."""

    __tablename__ = "interview_answers"
    __table_args__ = (
        UniqueConstraint("session_id", "number", name="uq_interview_answers_session_id_number"),
        CheckConstraint("score BETWEEN 0 AND 10", name="score_range"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("interview_sessions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    question: Mapped[dict[str, Any]] = mapped_column(JSONB)
    answer: Mapped[str] = mapped_column(Text)
    feedback: Mapped[dict[str, Any]] = mapped_column(JSONB)
    model_notes: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    score: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
