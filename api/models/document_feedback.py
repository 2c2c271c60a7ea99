from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, SmallInteger, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin


class DocumentFeedback(IdMixin, Base):
    """A rating (1–5) and comment the user gave a document; every rating is kept."""

    __tablename__ = "document_feedback"
    __table_args__ = (
        Index("ix_document_feedback_document_id", "document_id"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("documents.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
