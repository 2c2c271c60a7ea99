from __future__ import annotations

import strawberry

from api.ai.client import ModelStatusInfo
from api.ai.service import UsageToday


@strawberry.type(description="The viewer's AI usage today (midnight to midnight in their time zone).")
class AiUsage:
    tokens_today: int
    requests_today: int
    daily_token_budget: int | None = strawberry.field(description="null: unlimited")
    remaining_tokens: int | None = strawberry.field(description="null: unlimited")
    requests_per_minute: int | None = strawberry.field(description="Per-user request limit; null: unlimited")

    @classmethod
    def from_usage(cls, u: UsageToday) -> "AiUsage":
        return cls(
            tokens_today=u.tokens,
            requests_today=u.requests,
            daily_token_budget=u.budget,
            remaining_tokens=u.remaining,
            requests_per_minute=u.requests_per_minute,
        )


@strawberry.type(description="Whether the configured model answers (a real call, cached for a minute).")
class ModelStatus:
    configured: bool = strawberry.field(description="false: no model is configured and the offline engine answers")
    ok: bool
    model: str
    message: str
    code: str | None
    latency_ms: int | None

    @classmethod
    def from_info(cls, i: ModelStatusInfo) -> "ModelStatus":
        return cls(
            configured=i.configured, ok=i.ok, model=i.model, message=i.message, code=i.code, latency_ms=i.latency_ms
        )
