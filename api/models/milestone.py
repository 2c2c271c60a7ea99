from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import MilestoneKind


class Milestone(IdMixin, TimestampMixin, Base):
    """Something achieved. `role` is the role reached by a promotion or new role, which gives
    the role history (and, anonymised, the peer transitions the prediction may use)."""

    __tablename__ = "milestones"
    __table_args__ = (
        known("kind", MilestoneKind),
        CheckConstraint("impact_score IS NULL OR (impact_score BETWEEN 1 AND 10)", name="impact_score_range"),
        Index("ix_milestones_user_id_achieved_on", "user_id", "achieved_on"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    impact_score: Mapped[int | None] = mapped_column(SmallInteger)
    market_value_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    role: Mapped[str | None] = mapped_column(String(200))
    achieved_on: Mapped[date] = mapped_column(Date)
