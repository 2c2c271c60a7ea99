from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import DocumentKind, DocumentStatus

DOCUMENT_KINDS = (
    "cover_letter",
    "resume_tailoring",
    "email_follow_up",
    "email_thank_you",
    "email_networking",
    "email_offer_negotiation",
)


class Document(IdMixin, TimestampMixin, Base):
    """A generated document. Its text lives in immutable versions; `draft` holds the partial
    text while the worker streams a new version (then it is cleared), so a late viewer sees
    the text so far and a failed generation leaves no half-written version behind."""

    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_user_id_id", "user_id", "id"),
        Index("ix_documents_job_id", "job_id"),
        Index("ix_documents_application_id", "application_id"),
        known("kind", DocumentKind),
        known("status", DocumentStatus),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    job_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("jobs.id", ondelete="SET NULL"))
    application_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("applications.id", ondelete="SET NULL"))
    resume_upload_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("resume_uploads.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(30))
    tone: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(12), default="pending", server_default="pending")
    error_code: Mapped[str | None] = mapped_column(String(30))
    error: Mapped[str | None] = mapped_column(Text)
    offline: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    draft: Mapped[str] = mapped_column(Text, default="", server_default="")
    # resume tailoring: the structured suggestions with the user's accept/reject decisions
    data: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
