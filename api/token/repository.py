"""All SQL of personal access tokens, filtered by owner."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import owned, rows
from api.models import PersonalAccessToken, User


async def lock_owner(session: AsyncSession, user_id: int) -> None:
    """Serialise token creation per person (the live-token cap is checked under this lock)."""
    await session.execute(select(User.id).where(User.id == user_id).with_for_update())


async def live_count(session: AsyncSession, user_id: int, now: datetime) -> int:
    query = select(func.count()).where(
        PersonalAccessToken.user_id == user_id,
        PersonalAccessToken.revoked_at.is_(None),
        PersonalAccessToken.expires_at > now,
    )
    return int((await session.execute(query)).scalar_one())


async def listed(session: AsyncSession, user_id: int) -> list[PersonalAccessToken]:
    query = (
        select(PersonalAccessToken)
        .where(PersonalAccessToken.user_id == user_id)
        .order_by(PersonalAccessToken.created_at.desc(), PersonalAccessToken.id.desc())
    )
    return await rows(session, query)


async def get(session: AsyncSession, user_id: int, token_id: int) -> PersonalAccessToken | None:
    return await owned(session, PersonalAccessToken, user_id, token_id, for_update=True)


async def by_prefix(session: AsyncSession, prefix: str) -> PersonalAccessToken | None:
    return (await session.execute(select(PersonalAccessToken).where(PersonalAccessToken.prefix == prefix))).scalar_one_or_none()


async def touch(session: AsyncSession, token_id: int, now: datetime, ip: str, every: timedelta) -> None:
    """Record a use, at most once per `every` (a busy script does not write on every request)."""
    await session.execute(
        update(PersonalAccessToken)
        .where(
            PersonalAccessToken.id == token_id,
            or_(PersonalAccessToken.last_used_at.is_(None), PersonalAccessToken.last_used_at < now - every),
        )
        .values(last_used_at=now, last_used_ip=ip[:64] or None)
    )
