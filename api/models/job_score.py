from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, Integer
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base


class JobScore(Base):
    """A job's score against its owner's profile: the total, the explainable breakdown and when.

    Its own narrow row, not columns of `jobs`: re-scoring thousands of jobs after a profile change
    rewrites only these (two indexes, no full-text vector or trigram indexes to rebuild per job).
    `Job.match_score`, `Job.score_breakdown` and `Job.scored_at` read it (api.models.job)."""

    __tablename__ = "job_scores"
    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
        # the SCORE order walked in the index (ties by job id), so a search can stop at its page (api.job.repository)
        Index("ix_job_scores_user_id_score_job_id", "user_id", "score", "job_id"),
    )

    job_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    score: Mapped[int] = mapped_column(Integer)
    breakdown: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    scored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
