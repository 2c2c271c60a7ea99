from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin


class SourceRun(IdMixin, TimestampMixin, Base):
    """One run of a saved search or watched company: the row is the truth behind live progress.

    At most one manual run per user is pending or running at a time (the partial unique index
    is the rate limit, so two racing refreshes cannot both start).
    """

    __tablename__ = "source_runs"
    __table_args__ = (
        Index("ix_source_runs_user_id_id", "user_id", "id"),
        Index(
            "uq_source_runs_user_id_active_manual",
            "user_id",
            unique=True,
            postgresql_where=text("trigger = 'manual' AND status IN ('pending', 'running')"),
        ),
        Index("ix_source_runs_saved_search_id", "saved_search_id"),
        Index("ix_source_runs_watched_company_id", "watched_company_id"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    saved_search_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("saved_searches.id", ondelete="SET NULL"))
    watched_company_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("watched_companies.id", ondelete="SET NULL"))
    label: Mapped[str] = mapped_column(String(200), default="", server_default="")
    trigger: Mapped[str] = mapped_column(String(10))  # manual | schedule
    status: Mapped[str] = mapped_column(String(10), default="pending", server_default="pending")
    sources_total: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    sources_done: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    found: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    new: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    duplicates: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    closed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    matched: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # one entry per source: {source, status, message, found, new, duplicates, closed}
    outcomes: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
