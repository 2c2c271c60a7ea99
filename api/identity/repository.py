"""All SQL of connected sign-in identities."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import User, UserIdentity


async def by_subject(session: AsyncSession, provider: str, subject: str) -> UserIdentity | None:
    query = select(UserIdentity).where(UserIdentity.provider == provider, UserIdentity.subject == subject)
    return (await session.execute(query)).scalar_one_or_none()


async def of_user(session: AsyncSession, user_id: int) -> list[UserIdentity]:
    query = select(UserIdentity).where(UserIdentity.user_id == user_id).order_by(UserIdentity.created_at, UserIdentity.id)
    return list((await session.execute(query)).scalars())


async def of_users(session: AsyncSession, user_ids: list[int]) -> list[UserIdentity]:
    query = select(UserIdentity).where(UserIdentity.user_id.in_(user_ids)).order_by(UserIdentity.created_at, UserIdentity.id)
    return list((await session.execute(query)).scalars())


async def owned(session: AsyncSession, user_id: int, identity_id: int) -> UserIdentity | None:
    query = select(UserIdentity).where(UserIdentity.id == identity_id, UserIdentity.user_id == user_id)
    return (await session.execute(query)).scalar_one_or_none()


async def by_email(session: AsyncSession, email: str) -> User | None:
    return (await session.execute(select(User).where(func.lower(User.email) == email.lower()))).scalar_one_or_none()


async def usernames_like(session: AsyncSession, stem: str) -> set[str]:
    query = select(func.lower(User.username)).where(func.lower(User.username).startswith(stem.lower(), autoescape=True))
    return set((await session.execute(query)).scalars())


async def get_user(session: AsyncSession, user_id: int, *, for_update: bool = False) -> User | None:
    return await session.get(User, user_id, with_for_update=for_update or None)


async def delete(session: AsyncSession, identity: UserIdentity) -> None:
    await session.delete(identity)
    await session.flush()
