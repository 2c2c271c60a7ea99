from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin


class GoalStep(IdMixin, TimestampMixin, Base):
    """An ordered step of a goal. A table rather than a JSONB list: steps are toggled one at a
    time by their own global id, progress entries point at the step they ticked, and done_at
    per step feeds stall detection; a JSONB array would need read-modify-write of the whole
    list under a lock and would have no stable ids."""

    __tablename__ = "goal_steps"
    __table_args__ = (Index("ix_goal_steps_goal_id_position", "goal_id", "position"),)

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("goals.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    done: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
