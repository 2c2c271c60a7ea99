from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Date, Float, ForeignKey, SmallInteger, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin
from api.vocabulary import LearningFormat, values


class CareerContext(IdMixin, TimestampMixin, Base):
    """One per user: the situation goals are suggested and adapted against."""

    __tablename__ = "career_contexts"
    __table_args__ = (
        CheckConstraint("hours_per_week IS NULL OR (hours_per_week BETWEEN 0 AND 168)", name="hours_per_week_range"),
        CheckConstraint("budget IS NULL OR budget >= 0", name="budget_not_negative"),
        CheckConstraint("stress_level IS NULL OR (stress_level BETWEEN 1 AND 5)", name="stress_level_range"),
        CheckConstraint(
            f"learning_preferences <@ ARRAY[{', '.join(repr(v) for v in values(LearningFormat))}]::varchar[]",
            name="learning_preferences_known",
        ),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    current_situation: Mapped[str] = mapped_column(Text, default="", server_default="")
    short_term_goals: Mapped[str] = mapped_column(Text, default="", server_default="")
    long_term_vision: Mapped[str] = mapped_column(Text, default="", server_default="")
    learning_preferences: Mapped[list[str]] = mapped_column(ARRAY(String(20)), default=list, server_default="{}")
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    budget: Mapped[float | None] = mapped_column(Float)
    commitments: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list, server_default="{}")
    motivation_factors: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list, server_default="{}")
    stress_factors: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list, server_default="{}")
    stress_level: Mapped[int | None] = mapped_column(SmallInteger)
    last_assessed_on: Mapped[date | None] = mapped_column(Date)
