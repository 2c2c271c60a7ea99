from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, SmallInteger, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import DecisionKind


class Decision(IdMixin, TimestampMixin, Base):
    """A career decision, recorded when made; outcome, lessons and satisfaction come later."""

    __tablename__ = "decisions"
    __table_args__ = (
        known("kind", DecisionKind),
        CheckConstraint("satisfaction IS NULL OR (satisfaction BETWEEN 1 AND 10)", name="satisfaction_range"),
        Index("ix_decisions_user_id_decided_at", "user_id", "decided_at"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    context: Mapped[str] = mapped_column(Text, default="", server_default="")
    choice: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    outcome: Mapped[str | None] = mapped_column(Text)
    lessons: Mapped[str | None] = mapped_column(Text)
    satisfaction: Mapped[int | None] = mapped_column(SmallInteger)
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    goal_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("goals.id", ondelete="SET NULL"), index=True)
