"""Sign in, refresh with rotation (reuse revokes the family), sign out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.passwords import verify_password
from api.auth.tokens import create_access_token, hash_refresh_token, new_refresh_token
from api.config import Settings
from api.errors import AppError, ErrorCode
from api.models import RefreshToken, User
from api.user import repository as users


@dataclass
class TokenPair:
    user: User
    access_token: str
    access_expires_at: datetime
    refresh_token: str


class InvalidCredentials(AppError):
    code = ErrorCode.INVALID_CREDENTIALS


class InvalidToken(AppError):
    code = ErrorCode.INVALID_TOKEN


class TokenReused(InvalidToken):
    """A rotated token came back: someone else has a copy. The caller revokes the family in
    its own transaction (this one rolls back with the error)."""

    def __init__(self, family_id: uuid.UUID):
        super().__init__("Refresh token was already used; all sessions from it were signed out", "refreshToken")
        self.family_id = family_id


async def _issue(session: AsyncSession, settings: Settings, user: User, family_id: uuid.UUID) -> TokenPair:
    refresh = new_refresh_token()
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=hash_refresh_token(refresh),
            expires_at=datetime.now(UTC) + timedelta(days=settings.refresh_token_days),
        )
    )
    await session.flush()
    access, expires = create_access_token(settings, user.id)
    return TokenPair(user, access, expires, refresh)


async def sign_in(session: AsyncSession, settings: Settings, login: str, password: str) -> TokenPair:
    user = await users.by_login(session, (login or "").strip())
    if not verify_password(user.password_hash if user else None, password or ""):
        raise InvalidCredentials("Wrong username or password", "password")
    assert user is not None
    return await _issue(session, settings, user, uuid.uuid4())


async def refresh(session: AsyncSession, settings: Settings, token: str) -> TokenPair:
    row = (
        await session.execute(
            select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(token or "")).with_for_update()
        )
    ).scalar_one_or_none()
    now = datetime.now(UTC)
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise InvalidToken("Refresh token is invalid or expired; sign in again", "refreshToken")
    if row.used_at is not None:
        if now - row.used_at > timedelta(seconds=settings.refresh_reuse_leeway_seconds):
            raise TokenReused(row.family_id)
        # A concurrent refresh from another tab of the same browser: a second chain, same family.
    else:
        row.used_at = now
    user = await session.get(User, row.user_id)
    assert user is not None
    return await _issue(session, settings, user, row.family_id)


async def revoke_family(session: AsyncSession, family_id: uuid.UUID) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
    )


async def revoke(session: AsyncSession, token: str) -> None:
    row = (
        await session.execute(select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(token or "")))
    ).scalar_one_or_none()
    if row is None:
        raise InvalidToken("Refresh token is invalid", "refreshToken")
    await revoke_family(session, row.family_id)
