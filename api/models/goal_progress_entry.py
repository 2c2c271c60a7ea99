from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, Integer, SmallInteger, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, known
from api.vocabulary import LearningFormat


class GoalProgressEntry(IdMixin, Base):
    """One entry of a goal's progress log; never updated. amount = progress points it added."""

    __tablename__ = "goal_progress_entries"
    __table_args__ = (
        CheckConstraint("amount BETWEEN 0 AND 100", name="amount_range"),
        CheckConstraint("minutes BETWEEN 0 AND 1440", name="minutes_range"),
        CheckConstraint("mood IS NULL OR (mood BETWEEN 1 AND 5)", name="mood_range"),
        CheckConstraint("energy IS NULL OR (energy BETWEEN 1 AND 5)", name="energy_range"),
        known("learning_format", LearningFormat, nullable=True),
        Index("ix_goal_progress_entries_user_id_logged_at", "user_id", "logged_at"),
        Index("ix_goal_progress_entries_goal_id_logged_at", "goal_id", "logged_at"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    goal_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("goals.id", ondelete="CASCADE"))
    step_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("goal_steps.id", ondelete="SET NULL"), index=True)
    logged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    amount: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    learning_format: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    mood: Mapped[int | None] = mapped_column(SmallInteger)
    energy: Mapped[int | None] = mapped_column(SmallInteger)
