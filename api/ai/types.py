from __future__ import annotations

import strawberry

from api.graphql.mapping import Mapped


@strawberry.type(description="The viewer's AI usage today (midnight to midnight in their time zone).")
class AiUsage(Mapped):
    tokens_today: int
    requests_today: int
    daily_token_budget: int | None = strawberry.field(description="null: unlimited")
    remaining_tokens: int | None = strawberry.field(description="null: unlimited")
    requests_per_minute: int | None = strawberry.field(description="Per-user request limit; null: unlimited")


@strawberry.type(description="Whether the configured model answers (a real call, cached for a minute).")
class ModelStatus(Mapped):
    configured: bool = strawberry.field(description="false: no model is configured and the offline engine answers")
    ok: bool
    model: str
    message: str
    code: str | None
    latency_ms: int | None
