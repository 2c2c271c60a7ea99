from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin

JOB_TYPES = ("full_time", "part_time", "contract", "internship", "temporary")
REMOTE_OPTIONS = ("remote", "hybrid", "onsite")


class Job(IdMixin, TimestampMixin, Base):
    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("match_score IS NULL OR (match_score BETWEEN 0 AND 100)", name="match_score_range"),
        CheckConstraint("salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max", name="salary_order"),
        Index("ix_jobs_user_id_match_score", "user_id", "match_score"),
        Index("ix_jobs_user_id_created_at", "user_id", "created_at"),
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
