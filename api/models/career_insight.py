from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, known
from api.vocabulary import InsightKind, InsightPriority, InsightVerdict


class CareerInsight(IdMixin, Base):
    """Something the companion noticed, with its reasons. Written once per (user, dedupe_key), so
    the same fact never produces two insights, whatever the retries and workers.

    evidence: [{"label": str, "value": str}] — the facts and counts behind it, from our code.
    actions:  [{"label": str, "kind": InsightActionKind, "arguments": {...}}] — deep links or
              one-click mutations; `acted_action` is the index of the one the person ran.
    The state is derived: dismissed > acted > read > new, and expired once valid_until passes."""

    __tablename__ = "career_insights"
    __table_args__ = (
        UniqueConstraint("user_id", "dedupe_key", name="uq_career_insights_user_id_dedupe_key"),
        known("kind", InsightKind),
        known("priority", InsightPriority),
        known("verdict", InsightVerdict, nullable=True),
        CheckConstraint("jsonb_typeof(evidence) = 'array'", name="evidence_array"),
        CheckConstraint("jsonb_typeof(actions) = 'array'", name="actions_array"),
        Index("ix_career_insights_user_id_created_at", "user_id", "created_at"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    rule_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("guidance_rules.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    priority: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300))
    message: Mapped[str] = mapped_column(Text)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    dedupe_key: Mapped[str] = mapped_column(String(200))
    valid_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rephrased: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    notified: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acted_action: Mapped[int | None] = mapped_column(SmallInteger)
    dismissed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verdict: Mapped[str | None] = mapped_column(String(12))
    verdict_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
