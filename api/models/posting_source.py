from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin


class PostingSource(IdMixin, Base):
    """Where a posting is listed: one row per source listing (natural key source + source_id).

    `board` is the company board token for board feeds (Greenhouse/Lever/Ashby): a listing that
    disappears from a fully fetched board has closed.
    """

    __tablename__ = "posting_sources"
    __table_args__ = (UniqueConstraint("source", "source_id", name="uq_posting_sources_source_source_id"),)

    posting_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("postings.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[str] = mapped_column(String(200))
    board: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2000), default="", server_default="")
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
