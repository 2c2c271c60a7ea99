from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, func, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin


class Posting(IdMixin, Base):
    """One job as published by employers, shared by every user (market statistics read it).

    Holds no personal data: a user's interest in a posting is a row in `jobs`. One posting may be
    listed by several sources (see `posting_sources`); reposts point at the posting they repeat.
    """

    __tablename__ = "postings"
    __table_args__ = (
        Index("ix_postings_fuzzy_key", "fuzzy_key"),
        Index("ix_postings_canonical_url", "canonical_url"),
        Index("ix_postings_posted_at", "posted_at"),
        Index(
            "ix_postings_expires_at_open",
            "expires_at",
            postgresql_where=text("closed_at IS NULL AND expires_at IS NOT NULL"),
        ),
    )

    source: Mapped[str] = mapped_column(String(20))  # the first source it was seen on
    url: Mapped[str] = mapped_column(String(2000), default="", server_default="")
    canonical_url: Mapped[str] = mapped_column(String(2000), default="", server_default="")
    fuzzy_key: Mapped[str] = mapped_column(String(700))
    company: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    locations: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list, server_default="{}")
    remote: Mapped[str | None] = mapped_column(String(10))
    job_type: Mapped[str | None] = mapped_column(String(20))
    salary_min: Mapped[int | None] = mapped_column(Integer)
    salary_max: Mapped[int | None] = mapped_column(Integer)
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    salary_period: Mapped[str | None] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    skills: Mapped[list[str]] = mapped_column(ARRAY(String(80)), default=list, server_default="{}")
    # When the source says it was posted, else when we first saw it: trends count by this.
    posted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The source's own expiry (validThrough, closing date): past it the posting is closed.
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    repost_of_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("postings.id", ondelete="SET NULL"))
