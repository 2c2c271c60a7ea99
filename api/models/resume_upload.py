from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, known
from api.vocabulary import ResumeUploadStatus


class ResumeUpload(IdMixin, Base):
    """An uploaded résumé and what the worker parsed from it.

    The file's bytes live in `content` only until the worker has parsed it (then NULL): the
    API and the worker may run on different machines, and the parsed result is what we keep.
    `suggestions` is a list of {id, kind, value, reason, accepted}."""

    __tablename__ = "resume_uploads"
    __table_args__ = (
        Index("ix_resume_uploads_user_id_id", "user_id", "id"),
        known("status", ResumeUploadStatus),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="pending", server_default="pending")
    error_code: Mapped[str | None] = mapped_column(String(30))
    error: Mapped[str | None] = mapped_column(Text)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, deferred_raiseload=True)
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    suggestions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
