from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin


class SavedSearch(IdMixin, TimestampMixin, Base):
    """A search the worker runs on a schedule against the keyless/keyed search sources."""

    __tablename__ = "saved_searches"
    __table_args__ = (
        CheckConstraint("interval_hours BETWEEN 1 AND 720", name="interval_hours_range"),
        Index("ix_saved_searches_next_run_at", "next_run_at"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    keywords: Mapped[list[str]] = mapped_column(ARRAY(String(80)), default=list, server_default="{}")
    locations: Mapped[list[str]] = mapped_column(ARRAY(String(120)), default=list, server_default="{}")
    remote: Mapped[bool | None] = mapped_column(Boolean)
    sources: Mapped[list[str]] = mapped_column(ARRAY(String(20)), default=list, server_default="{}")
    interval_hours: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    last_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
