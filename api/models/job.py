from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Computed, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import JobOrigin

# Weighted document for full-text search: title A, company B, location C, description and
# requirements D. The two-argument to_tsvector is immutable, so PostgreSQL keeps it generated.
SEARCH_VECTOR = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(company, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(location, '')), 'C') || "
    "setweight(to_tsvector('english', coalesce(description, '') || ' ' || coalesce(requirements, '')), 'D')"
)


class Job(IdMixin, TimestampMixin, Base):
    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("match_score IS NULL OR (match_score BETWEEN 0 AND 100)", name="match_score_range"),
        CheckConstraint("salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max", name="salary_order"),
        # the SCORE order (best first, unscored last, newest first among equals): a page reads it in order and stops
        Index("ix_jobs_user_id_score_order", "user_id", text("match_score DESC NULLS LAST"), text("id DESC")),
        Index("ix_jobs_user_id_created_at", "user_id", "created_at"),
        # discovery: one job per posting per user; full-text and trigram (typo) search
        Index("uq_jobs_user_id_posting_id", "user_id", "posting_id", unique=True),
        Index("ix_jobs_search_vector", "search_vector", postgresql_using="gin"),
        Index("ix_jobs_title_trgm", "title", postgresql_using="gin", postgresql_ops={"title": "gin_trgm_ops"}),
        Index("ix_jobs_company_trgm", "company", postgresql_using="gin", postgresql_ops={"company": "gin_trgm_ops"}),
        Index("ix_jobs_posting_id", "posting_id"),
        known("origin", JobOrigin),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    company: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(200), default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    requirements: Mapped[str] = mapped_column(Text, default="", server_default="")
    salary_min: Mapped[int | None] = mapped_column(Integer)
    salary_max: Mapped[int | None] = mapped_column(Integer)
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    job_type: Mapped[str | None] = mapped_column(String(20))
    remote_option: Mapped[str | None] = mapped_column(String(10))
    tech_stack: Mapped[list[str]] = mapped_column(ARRAY(String(80)), default=list, server_default="{}")
    source_url: Mapped[str | None] = mapped_column(String(2000))
    match_score: Mapped[int | None] = mapped_column(Integer)
    scored_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # discovery and explainable matching
    posting_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("postings.id", ondelete="SET NULL"))
    origin: Mapped[str] = mapped_column(String(12), default="manual", server_default="manual")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    is_repost: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    score_breakdown: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # the parse of the text scoring reads and the key it was made under (api.matching.parsed): a cache
    parsed_requirements: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    parsed_requirements_key: Mapped[str | None] = mapped_column(Text)
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR, Computed(SEARCH_VECTOR, persisted=True), deferred=True, deferred_raiseload=True
    )
