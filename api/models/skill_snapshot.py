from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin


class SkillSnapshot(IdMixin, TimestampMixin, Base):
    """Proficiency per skill on one day: skills {skill: 0..1}, notes {skill: {market_demand, gap}}.
    One snapshot per user and day; taking another the same day updates it."""

    __tablename__ = "skill_snapshots"
    __table_args__ = (
        UniqueConstraint("user_id", "taken_on", name="uq_skill_snapshots_user_id_taken_on"),
        CheckConstraint(
            "jsonb_typeof(skills) = 'object' AND NOT jsonb_path_exists(skills, "
            "'$.* ? (@.type() != \"number\" || @ < 0 || @ > 1)')",
            name="proficiency_range",
        ),
        CheckConstraint("jsonb_typeof(notes) = 'object'", name="notes_object"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    taken_on: Mapped[date] = mapped_column(Date)
    skills: Mapped[dict[str, float]] = mapped_column(JSONB, default=dict, server_default="{}")
    notes: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
