from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint, Float, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, TimestampMixin


class MatchWeights(TimestampMixin, Base):
    """A user's own match weights (absent: the defaults 0.5/0.3/0.2) and why they last changed."""

    __tablename__ = "match_weights"
    __table_args__ = (CheckConstraint("abs(skills + location + experience - 1) < 0.001", name="sum_one"),)

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    skills: Mapped[float] = mapped_column(Float)
    location: Mapped[float] = mapped_column(Float)
    experience: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
