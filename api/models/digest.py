from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Index, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, known
from api.vocabulary import DigestKind


class Digest(IdMixin, Base):
    """A morning briefing or evening summary as written, kept so it can be read again (the archive).

    At most one real digest per user, kind and local date (partial unique index): several workers,
    retries and restarts write it once. A preview ("send me a test now") is stored with is_test and
    does not take the day's slot. sections: [{"key", "title", "items": [{"text", "detail", "href"}]}]."""

    __tablename__ = "digests"
    __table_args__ = (
        known("kind", DigestKind),
        Index(
            "uq_digests_user_id_kind_local_date",
            "user_id",
            "kind",
            "local_date",
            unique=True,
            postgresql_where=text("NOT is_test"),
        ),
        Index("ix_digests_user_id_created_at", "user_id", "created_at"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    local_date: Mapped[date] = mapped_column(Date)
    is_test: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    subject: Mapped[str] = mapped_column(String(300))
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
