from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin


class GuidanceRuleOverride(IdMixin, TimestampMixin, Base):
    """One person's changes to one rule: muted, and thresholds that replace the rule's defaults key by key."""

    __tablename__ = "guidance_rule_overrides"
    __table_args__ = (
        UniqueConstraint("user_id", "rule_id", name="uq_guidance_rule_overrides_user_id_rule_id"),
        CheckConstraint("jsonb_typeof(conditions) = 'object'", name="conditions_object"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    rule_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("guidance_rules.id", ondelete="CASCADE"), index=True)
    muted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    conditions: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
