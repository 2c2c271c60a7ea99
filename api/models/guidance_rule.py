from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, CheckConstraint, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin, known
from api.vocabulary import InsightKind, InsightPriority, TriggerType


class GuidanceRule(IdMixin, TimestampMixin, Base):
    """A rule of the companion, shared by everyone (the defaults ship in api/guidance/data/rules.json,
    loaded by a migration). `key` names the rule's code; `conditions` are its default thresholds,
    validated against the rule's schema (api.guidance.conditions); a person's mutes and thresholds
    live in guidance_rule_overrides."""

    __tablename__ = "guidance_rules"
    __table_args__ = (
        known("trigger_type", TriggerType),
        known("insight_kind", InsightKind),
        known("priority", InsightPriority),
        CheckConstraint("jsonb_typeof(conditions) = 'object'", name="conditions_object"),
    )

    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    trigger_type: Mapped[str] = mapped_column(String(20))
    conditions: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    insight_kind: Mapped[str] = mapped_column(String(20))
    priority: Mapped[str] = mapped_column(String(10))
    title_template: Mapped[str] = mapped_column(String(300))
    message_template: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
