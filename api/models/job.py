from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    event,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, column_property, declared_attr, mapped_column
from sqlalchemy.orm.attributes import set_committed_value

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.models.job_score import JobScore
from api.vocabulary import JobOrigin

# Weighted document for full-text search: title A, company B, location C, description and
# requirements D. The two-argument to_tsvector is immutable, so PostgreSQL keeps it generated.
SEARCH_VECTOR = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(company, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(location, '')), 'C') || "
    "setweight(to_tsvector('english', coalesce(description, '') || ' ' || coalesce(requirements, '')), 'D')"
)


def _scored(column: Any, job_id: Any) -> Any:
    """The job's value of a `job_scores` column (NULL until the job is scored)."""
    return select(column).where(JobScore.job_id == job_id).correlate_except(JobScore).scalar_subquery()


class Job(IdMixin, TimestampMixin, Base):
    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max", name="salary_order"),
        Index("ix_jobs_user_id_created_at_id", "user_id", "created_at", "id"),  # NEWEST, ties by id, read in order
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
    # discovery and explainable matching
    posting_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("postings.id", ondelete="SET NULL"))
    origin: Mapped[str] = mapped_column(String(12), default="manual", server_default="manual")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    is_repost: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    # the parse of the text scoring reads and the key it was made under (api.matching.parsed): a cache
    parsed_requirements: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    parsed_requirements_key: Mapped[str | None] = mapped_column(Text)
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR, Computed(SEARCH_VECTOR, persisted=True), deferred=True, deferred_raiseload=True
    )

    # The score lives in its own row (api.models.job_score); these read it, read-only: the worker
    # writes job_scores (api.matching.repository). A flush keeps them (a job's own flush does not
    # change its score) and a new job starts unscored (`_unscored`), so they never load lazily.
    @declared_attr
    def match_score(cls) -> Mapped[int | None]:
        return column_property(_scored(JobScore.score, cls.id), expire_on_flush=False)

    @declared_attr
    def scored_at(cls) -> Mapped[datetime | None]:
        return column_property(_scored(JobScore.scored_at, cls.id), expire_on_flush=False)

    @declared_attr
    def score_breakdown(cls) -> Mapped[dict[str, Any] | None]:
        return column_property(_scored(JobScore.breakdown, cls.id), expire_on_flush=False)


SCORE_ATTRIBUTES = ("match_score", "scored_at", "score_breakdown")


@event.listens_for(Job, "init")
def _unscored(target: Job, args: Any, kwargs: Any) -> None:
    for name in SCORE_ATTRIBUTES:
        set_committed_value(target, name, None)
