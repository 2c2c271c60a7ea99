from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin


class JobOutbox(IdMixin, Base):
    """A job requested in a unit of work, written in that unit's transaction (api.queue).

    After the commit the job is sent to arq and its row deleted; a row still here was not sent
    (Redis down, the process died in between), and the relay sends it once `next_attempt_at`
    has passed (a few seconds after the commit at first, later with backoff)."""

    __tablename__ = "job_outbox"
    __table_args__ = (Index("ix_job_outbox_next_attempt_at", "next_attempt_at"),)

    function: Mapped[str] = mapped_column(String(100))
    args: Mapped[list[Any]] = mapped_column(JSONB)
    key: Mapped[str | None] = mapped_column(String(300))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
