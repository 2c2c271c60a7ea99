from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, SmallInteger, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, known
from api.vocabulary import Channel, DeliveryStatus


class Delivery(IdMixin, Base):
    """One message to one channel, with its outcome: the person's delivery log. dedupe_key makes the
    sending idempotent ("digest:{digest_id}:email", "notification:{id}:ntfy", "verify:{user}:{n}"):
    a retried or re-delivered job finds the row and never sends twice once it is sent.
    topic is a NotificationTopic or "verification" / "test"."""

    __tablename__ = "deliveries"
    __table_args__ = (
        known("channel", Channel),
        known("status", DeliveryStatus),
        Index("ix_deliveries_user_id_created_at", "user_id", "created_at"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(10))
    topic: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(300), default="", server_default="")
    digest_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("digests.id", ondelete="SET NULL"), index=True)
    notification_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("notifications.id", ondelete="SET NULL"), index=True
    )
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
