"""Access tokens (short-lived HS256 JWTs) and opaque refresh tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from datetime import UTC, datetime, timedelta

import jwt

from api.config import Settings
from api.errors import AuthenticationError

ALGORITHMS = ["HS256"]  # allow-list: never trust the token's own "alg"
ACCESS_TYPE = "access"


def create_access_token(
    settings: Settings,
    user_id: int,
    now: datetime | None = None,
    *,
    family_id: uuid.UUID | None = None,
    jti: str | None = None,
) -> tuple[str, datetime]:
    """A signed access token. `family_id` (claim `sid`) names the sign-in it belongs to, so a
    long-lived connection can check that the session was not revoked since (`session_family`).
    Given `now` and `jti`, the token is the same bytes every time (HS256 is deterministic)."""
    now = now or datetime.now(UTC)
    expires = now + timedelta(minutes=settings.access_token_minutes)
    claims = {
        "sub": str(user_id),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "typ": ACCESS_TYPE,
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
        "jti": jti or secrets.token_hex(8),
    }
    if family_id is not None:
        claims["sid"] = str(family_id)
    return jwt.encode(claims, settings.jwt_secret(), algorithm="HS256"), datetime.fromtimestamp(int(expires.timestamp()), UTC)


def decode_access_token(settings: Settings, token: str) -> int:
    return int(_access_claims(settings, token)["sub"])


def session_family(settings: Settings, token: str) -> uuid.UUID | None:
    """The refresh-token family (the sign-in) a valid access token belongs to, or None for a token
    minted without one. Raises AuthenticationError like `decode_access_token`; pair it with
    `api.user.service.family_revoked` to tell a revoked session."""
    sid = _access_claims(settings, token).get("sid")
    try:
        return uuid.UUID(str(sid)) if sid else None
    except ValueError as exc:
        raise AuthenticationError("Invalid access token") from exc


def _access_claims(settings: Settings, token: str) -> dict:
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
        int(claims["sub"])
    except (TypeError, ValueError) as exc:
        raise AuthenticationError("Invalid access token") from exc
    return claims


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def successor_refresh_token(settings: Settings, token: str) -> str:
    """The one token a refresh token rotates into: derived from it with the server's key, so every
    replica and every parallel exchange of the same token arrives at the same successor (and the
    successor is stored only as its hash, like every refresh token)."""
    digest = hmac.new(settings.jwt_secret().encode(), b"refresh-successor:" + token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


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
