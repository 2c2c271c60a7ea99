"""The per-user AI budget: check it before a model call, record the tokens after.

A call is metered in two short transactions of its own (never the caller's): `reserve` takes a
per-user lock, asks api.ai.budget.TokenBudget with today's tokens and the last minute's calls,
and writes the call's row; `finish` fills in the tokens — also for failed calls, when the
ModelError says how many were spent. "Today" starts at midnight in the user's time zone.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from api.ai import repository
from api.ai.budget import BudgetDecision, TokenBudget
from api.ai.client import ModelClient, ModelError, Usage
from api.ai.prompts import Prompt
from api.config import Settings, get_settings
from api.db import unit_of_work
from api.errors import AppError
from api.models import AiUsage

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)


class BudgetDenied(AppError):
    """The user's daily token budget is spent or they sent too many requests this minute."""

    def __init__(self, decision: BudgetDecision):
        super().__init__(decision.message, None, decision.code)
        self.decision = decision


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


async def _policy(session: AsyncSession, user_id: int, settings: Settings) -> TokenBudget:
    """The budget of this instance, with "today" in the user's time zone."""
    return TokenBudget(
        daily_tokens=settings.ai_daily_token_budget or None,
        requests_per_minute=settings.ai_requests_per_minute or None,
        tz=_zone(await repository.user_timezone(session, user_id)),
    )


@dataclass(frozen=True)
class UsageToday:
    tokens_today: int
    requests_today: int
    daily_token_budget: int | None  # None: unlimited
    remaining_tokens: int | None
    requests_per_minute: int | None


async def _decide(
    session: AsyncSession, user_id: int, settings: Settings, estimated_tokens: int, now: datetime
) -> BudgetDecision:
    budget = await _policy(session, user_id, settings)
    start, end = budget.day_window(now)
    tokens, _ = await repository.totals_between(session, user_id, start, end)
    recent = await repository.request_times_since(session, user_id, now - timedelta(minutes=1))
    return budget.check(tokens_used_today=tokens, recent_request_times=recent, now=now, estimated_tokens=estimated_tokens)


async def check(session: AsyncSession, user_id: int, *, settings: Settings | None = None) -> None:
    """Raise BudgetDenied when a model call would be refused now (a mutation's early answer)."""
    decision = await _decide(session, user_id, settings or get_settings(), 0, datetime.now(UTC))
    if not decision.allowed:
        raise BudgetDenied(decision)


async def usage_today(session: AsyncSession, user_id: int, settings: Settings | None = None) -> UsageToday:
    budget = await _policy(session, user_id, settings or get_settings())
    start, end = budget.day_window(datetime.now(UTC))
    tokens, requests = await repository.totals_between(session, user_id, start, end)
    remaining = max(0, budget.daily_tokens - tokens) if budget.daily_tokens else None
    return UsageToday(tokens, requests, budget.daily_tokens, remaining, budget.requests_per_minute)


async def reserve(user_id: int, feature: str, model: str, *, estimated_tokens: int = 0) -> int:
    """Check the budget and write the call's row in one locked transaction; its id, or BudgetDenied.
    The clock is read once the lock is held: a call that waited must not count from before the calls
    it waited for (their rows would fall after its "now" and out of the window)."""
    async with unit_of_work() as session:
        await repository.lock_user(session, user_id)
        now = datetime.now(UTC)
        decision = await _decide(session, user_id, get_settings(), estimated_tokens, now)
        if not decision.allowed:
            raise BudgetDenied(decision)
        row = await repository.add(session, AiUsage(user_id=user_id, feature=feature, model=model[:200], created_at=now))
        return row.id


async def finish(usage_id: int, usage: Usage | None, *, ok: bool, error_code: str | None = None) -> None:
    usage = usage or Usage()
    async with unit_of_work() as session:
        await repository.finish(
            session,
            usage_id,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            total_tokens=usage.total_tokens,
            ok=ok,
            error_code=error_code,
        )


class Meter:
    """The usage of one metered call; set `.usage` when the call reports it."""

    def __init__(self, usage_id: int):
        self.usage_id = usage_id
        self.usage: Usage | None = None


@contextlib.asynccontextmanager
async def metered(user_id: int, feature: str, model: str, *, estimated_tokens: int = 0) -> AsyncIterator[Meter]:
    """Reserve before the call (BudgetDenied when refused), record tokens after, even on failure."""
    meter = Meter(await reserve(user_id, feature, model, estimated_tokens=estimated_tokens))
    try:
        yield meter
    except ModelError as error:
        await finish(meter.usage_id, meter.usage or error.usage, ok=False, error_code=str(error.code))
        raise
    except BaseException:
        await finish(meter.usage_id, meter.usage, ok=False, error_code="INTERNAL")
        raise
    await finish(meter.usage_id, meter.usage, ok=True)


async def metered_structured(
    user_id: int, feature: str, client: ModelClient, prompt: Prompt, schema: type[T], *, max_tokens: int
) -> tuple[T, Usage]:
    """One metered structured-output call (`ModelClient.structured_prompt`)."""
    async with metered(user_id, feature, client.model, estimated_tokens=estimate_tokens(prompt.messages())) as meter:
        result, usage = await client.structured_prompt(prompt, schema, max_tokens=max_tokens)
        meter.usage = usage
    return result, usage


def estimate_tokens(messages: list[dict[str, str]]) -> int:
    return sum(len(m.get("content") or "") for m in messages) // 4
