from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import JobBoard


class WatchedCompany(IdMixin, TimestampMixin, Base):
    """A company board (Greenhouse/Lever/Ashby token) the worker fetches in full on a schedule."""

    __tablename__ = "watched_companies"
    __table_args__ = (
        UniqueConstraint("user_id", "source", "board_token", name="uq_watched_companies_user_id_source_board_token"),
        known("source", JobBoard),
        CheckConstraint("interval_hours BETWEEN 1 AND 720", name="interval_hours_range"),
        Index("ix_watched_companies_next_run_at", "next_run_at"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(20))
    board_token: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    interval_hours: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    last_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
