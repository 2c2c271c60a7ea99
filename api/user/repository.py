from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import User


async def by_login(session: AsyncSession, login: str) -> User | None:
    key = login.lower()
    return (
        await session.execute(select(User).where(or_(func.lower(User.username) == key, func.lower(User.email) == key)))
    ).scalar_one_or_none()


async def taken(session: AsyncSession, username: str, email: str) -> tuple[bool, bool]:
    rows = (
        await session.execute(
            select(func.lower(User.username), func.lower(User.email)).where(
                or_(func.lower(User.username) == username.lower(), func.lower(User.email) == email.lower())
            )
        )
    ).all()
    return (
        any(r[0] == username.lower() for r in rows),
        any(r[1] == email.lower() for r in rows),
    )


async def by_ids(session: AsyncSession, ids: list[int]) -> list[User]:
    return list((await session.execute(select(User).where(User.id.in_(ids)))).scalars())
