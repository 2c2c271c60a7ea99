"""All SQL of accounts: users and their refresh tokens."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import OWNER, DriverRow, driver_row
from api.models import RefreshToken, User


async def by_login(session: AsyncSession, login: str) -> User | None:
    key = login.lower()
    return (
        await session.execute(select(User).where(or_(func.lower(User.username) == key, func.lower(User.email) == key)))
    ).scalar_one_or_none()


async def taken(session: AsyncSession, username: str, email: str) -> tuple[bool, int | None]:
    """Whether the username is taken, and the id of the account holding the email (if any)."""
    rows = (
        await session.execute(
            select(User.id, func.lower(User.username), func.lower(User.email)).where(
                or_(func.lower(User.username) == username.lower(), func.lower(User.email) == email.lower())
            )
        )
    ).all()
    owner = next((r[0] for r in rows if r[2] == email.lower()), None)
    return any(r[1] == username.lower() for r in rows), owner


_VIEWER = select(*User.__table__.c).where(User.id == OWNER)


async def viewer(user_id: int) -> DriverRow | None:
    """The signed-in person's row, read straight from the driver (`api.db.driver_row`): nearly every
    request's first read (the `viewer` of every page)."""
    return await driver_row(_VIEWER, {"user_id": user_id})


async def get(session: AsyncSession, user_id: int, *, for_update: bool = False) -> User | None:
    return await session.get(User, user_id, with_for_update=for_update or None)


async def refresh_token(session: AsyncSession, token_hash: str, *, for_update: bool = False) -> RefreshToken | None:
    query = select(RefreshToken).where(RefreshToken.token_hash == token_hash)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def add_refresh_token(session: AsyncSession, token: RefreshToken) -> None:
    session.add(token)
    await session.flush()


async def revoke_family(session: AsyncSession, family_id: uuid.UUID, now: datetime) -> None:
    await session.execute(
        update(RefreshToken).where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None)).values(revoked_at=now)
    )


async def family_revoked(session: AsyncSession, family_id: uuid.UUID) -> bool:
    """Whether the sign-in behind a refresh-token family was revoked (sign-out, reuse detected)."""
    query = select(RefreshToken.id).where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_not(None))
    return (await session.execute(query.limit(1))).first() is not None
