from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import GoalDifficulty, GoalStatus, LearningFormat


class Goal(IdMixin, TimestampMixin, Base):
    """A goal; progress 0..100 is derived from its steps when it has any, else logged directly."""

    __tablename__ = "goals"
    __table_args__ = (
        known("status", GoalStatus),
        known("difficulty", GoalDifficulty),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        known("learning_format", LearningFormat, nullable=True),
        Index("ix_goals_user_id_status", "user_id", "status"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    why: Mapped[str] = mapped_column(Text, default="", server_default="")
    target_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="active", server_default="active")
    difficulty: Mapped[str] = mapped_column(String(10), default="medium", server_default="medium")
    learning_format: Mapped[str | None] = mapped_column(String(20))
    progress: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    started_on: Mapped[date] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    abandoned_on: Mapped[date | None] = mapped_column(Date)
