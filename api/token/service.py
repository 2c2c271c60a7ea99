"""Personal access tokens: create (shown once), list, revoke, and authenticate a Bearer token.

A token reads `cc_pat_<prefix>_<secret>`: the prefix finds the row, the SHA-256 of the secret is
compared in constant time. Scopes come from the closed `TokenScope` vocabulary; writing an area
implies reading it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.errors import AppError, ErrorCode, Validator, found
from api.models import PersonalAccessToken
from api.token import repository
from api.vocabulary import TokenScope, values

TOKEN_PREFIX = "cc_pat_"
NAME_MAX = 100
TOUCH_EVERY = timedelta(minutes=1)


class TokenLimit(AppError):
    code = ErrorCode.RATE_LIMITED


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def looks_like_pat(token: str) -> bool:
    return token.startswith(TOKEN_PREFIX)


def _split(token: str) -> tuple[str, str] | None:
    """(prefix, secret) of a well-formed token, else None."""
    if not looks_like_pat(token) or len(token) > 200:
        return None
    prefix, _, secret = token[len(TOKEN_PREFIX) :].partition("_")
    if not prefix or not secret:
        return None
    return prefix, secret


def granted(scopes: list[str] | frozenset[str]) -> frozenset[str]:
    """The scopes a token holds, writes implying reads of the same area."""
    held = set(scopes)
    held |= {scope.replace(":write", ":read") for scope in scopes if scope.endswith(":write")}
    return frozenset(held)


async def create(
    session: AsyncSession,
    settings: Settings,
    user_id: int,
    name: str | None,
    scopes: list[str],
    expires_in_days: int | None,
    now: datetime | None = None,
) -> tuple[PersonalAccessToken, str]:
    """A new token and its one-time plain text. Checks every field before writing anything; the
    live-token cap holds under parallel creates (the person's row is locked while counting)."""
    now = now or datetime.now(UTC)
    check = Validator()
    clean_name = check.text("name", name, max_len=NAME_MAX, required=True, label="Name")
    allowed = values(TokenScope)
    unknown = sorted({scope for scope in scopes if scope not in allowed})
    if not scopes:
        check.add("scopes", "Choose at least one scope", ErrorCode.REQUIRED)
    elif unknown:
        check.add("scopes", f"Unknown scope {', '.join(unknown)}; scopes are: {', '.join(allowed)}")
    days = settings.pat_default_days if expires_in_days is None else expires_in_days
    if not 1 <= days <= settings.pat_max_days:
        check.add("expires_in_days", f"Expiry must be between 1 and {settings.pat_max_days} days", ErrorCode.OUT_OF_RANGE)
    check.check()
    await repository.lock_owner(session, user_id)
    if await repository.live_count(session, user_id, now) >= settings.pat_max_live:
        raise TokenLimit(f"At most {settings.pat_max_live} live access tokens; revoke one first", "name")
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    row = PersonalAccessToken(
        user_id=user_id,
        name=clean_name,
        prefix=prefix,
        hash=secret_hash(secret),
        scopes=[scope for scope in allowed if scope in scopes],
        expires_at=now + timedelta(days=days),
        created_at=now,
    )
    session.add(row)
    await session.flush()
    return row, f"{TOKEN_PREFIX}{prefix}_{secret}"


async def listed(session: AsyncSession, user_id: int) -> list[PersonalAccessToken]:
    return await repository.listed(session, user_id)


async def revoke(session: AsyncSession, user_id: int, token_id: int, now: datetime | None = None) -> PersonalAccessToken:
    row = found(await repository.get(session, user_id, token_id), "Access token not found")
    if row.revoked_at is None:
        row.revoked_at = now or datetime.now(UTC)
        await session.flush()
    return row


@dataclass(frozen=True)
class Verified:
    user_id: int
    token_id: int
    scopes: frozenset[str]


class TokenRefused(Exception):
    pass


async def verify(session: AsyncSession, token: str, ip: str, now: datetime | None = None) -> Verified:
    """The owner and scopes of a live token, recording the use (at most once a minute);
    TokenRefused saying why not (unknown, wrong secret, revoked, expired)."""
    now = now or datetime.now(UTC)
    parts = _split(token)
    row = await repository.by_prefix(session, parts[0]) if parts else None
    # Compare even without a row, so timing says nothing about which prefixes exist.
    expected = row.hash if row is not None else secret_hash("")
    if not hmac.compare_digest(expected, secret_hash(parts[1] if parts else token)) or row is None:
        raise TokenRefused("Invalid access token")
    if row.revoked_at is not None:
        raise TokenRefused("Access token revoked")
    if row.expires_at <= now:
        raise TokenRefused("Access token expired")
    await repository.touch(session, row.id, now, ip, TOUCH_EVERY)
    return Verified(row.user_id, row.id, granted(row.scopes))
