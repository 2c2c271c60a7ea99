"""Access tokens (short-lived HS256 JWTs) and opaque refresh tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import jwt

from api.config import Settings
from api.errors import AuthenticationError

ALGORITHMS = ["HS256"]  # allow-list: never trust the token's own "alg"
ACCESS_TYPE = "access"


def create_access_token(settings: Settings, user_id: int, now: datetime | None = None) -> tuple[str, datetime]:
    now = now or datetime.now(UTC)
    expires = now + timedelta(minutes=settings.access_token_minutes)
    claims = {
        "sub": str(user_id),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "typ": ACCESS_TYPE,
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
        "jti": secrets.token_hex(8),
    }
    return jwt.encode(claims, settings.jwt_secret(), algorithm="HS256"), expires


def decode_access_token(settings: Settings, token: str) -> int:
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret(),
            algorithms=ALGORITHMS,
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "iss", "aud", "typ"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise AuthenticationError("Access token expired") from exc
    except jwt.PyJWTError as exc:
        raise AuthenticationError("Invalid access token") from exc
    if claims.get("typ") != ACCESS_TYPE:
        raise AuthenticationError("Invalid access token")
    try:
        return int(claims["sub"])
    except (TypeError, ValueError) as exc:
        raise AuthenticationError("Invalid access token") from exc


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def bearer_user(settings: Settings, authorization: str | None) -> tuple[int | None, str | None]:
    """Who sends `Authorization: Bearer <access token>`: (user id, None), or (None, why not).
    No header at all is (None, None): an anonymous caller."""
    if not authorization:
        return None, None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None, "Authorization must be 'Bearer <access token>'"
    try:
        return decode_access_token(settings, token.strip()), None
    except AuthenticationError as exc:
        return None, str(exc)
