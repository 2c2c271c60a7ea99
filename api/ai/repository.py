"""All SQL of AI usage, always filtered by owner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api import limits
from api.models import AiUsage, User


async def lock_user(session: AsyncSession, user_id: int) -> None:
    """Serialise budget checks of one user until the transaction ends (workers run in parallel)."""
    await limits.lock(session, "ai_budget", user_id)


async def totals_between(session: AsyncSession, user_id: int, start: datetime, end: datetime) -> tuple[int, int]:
    """(tokens, requests) of the user in [start, end)."""
    row = (
        await session.execute(
            select(func.coalesce(func.sum(AiUsage.total_tokens), 0), func.count(AiUsage.id)).where(
                AiUsage.user_id == user_id, AiUsage.created_at >= start, AiUsage.created_at < end
            )
        )
    ).one()
    return int(row[0]), int(row[1])


async def request_times_since(session: AsyncSession, user_id: int, since: datetime) -> list[datetime]:
    return list(
        (
            await session.execute(select(AiUsage.created_at).where(AiUsage.user_id == user_id, AiUsage.created_at > since))
        ).scalars()
    )


async def add(session: AsyncSession, row: AiUsage) -> AiUsage:
    session.add(row)
    await session.flush()
    return row


async def finish(
    session: AsyncSession,
    usage_id: int,
    *,
    prompt_tokens: int,
    completion_tokens: int,
    total_tokens: int,
    ok: bool,
    error_code: str | None,
) -> None:
    await session.execute(
        update(AiUsage)
        .where(AiUsage.id == usage_id)
        .values(
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            total_tokens=total_tokens,
            ok=ok,
            error_code=error_code,
        )
    )


async def user_timezone(session: AsyncSession, user_id: int) -> str | None:
    """The IANA time zone "today" is counted in."""
    return (await session.execute(select(User.timezone).where(User.id == user_id))).scalar_one_or_none()
