"""Access tokens (short-lived HS256 JWTs) and opaque refresh tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
import uuid
from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from api.config import Settings
from api.errors import AuthenticationError

ALGORITHMS = ["HS256"]  # allow-list: never trust the token's own "alg"
ACCESS_TYPE = "access"


def create_access_token(
    settings: Settings,
    user_id: int,
    now: datetime | None = None,
    family_id: uuid.UUID | None = None,
    jti: str | None = None,
) -> tuple[str, datetime]:
    """`fam` names the refresh-token family (the sign-in) the token was issued for, so a live
    WebSocket can tell when that session was revoked. Given `now` and `jti`, the token is the same
    bytes every time (HS256 is deterministic): a refresh repeated within the leeway gets it again."""
    now = now or datetime.now(UTC)
    expires = now + timedelta(minutes=settings.access_token_minutes)
    claims: dict[str, Any] = {
        "sub": str(user_id),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "typ": ACCESS_TYPE,
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
        "jti": jti or secrets.token_hex(8),
    }
    if family_id is not None:
        claims["fam"] = str(family_id)
    return jwt.encode(claims, settings.jwt_secret(), algorithm="HS256"), datetime.fromtimestamp(claims["exp"], UTC)


def decode_access_token(settings: Settings, token: str) -> int:
    return int(access_claims(settings, token)["sub"])


# Verified access tokens (by token and key) → their claims: a signed-in person sends the same token
# with every request for its whole life, and checking its signature and claims again each time cost
# ~0.15 ms a request. An entry is used only while its `exp` is still ahead (PyJWT's own test), so a
# token is refused from the same instant as without the cache; what is refused is never kept.
VERIFIED_TOKENS = 1024
_verified: OrderedDict[tuple[str, str, str, str], dict[str, Any]] = OrderedDict()


def access_claims(settings: Settings, token: str) -> dict[str, Any]:
    """The checked claims of an access token (`sub` an integer string), else AuthenticationError."""
    secret = settings.jwt_secret()
    key = (token, secret, settings.jwt_audience, settings.jwt_issuer)
    known = _verified.get(key)
    if known is not None:
        if known["exp"] > time.time():
            _verified.move_to_end(key)
            return dict(known)
        _verified.pop(key, None)
    claims = _checked_claims(settings, secret, token)
    if type(claims.get("exp")) is int:  # PyJWT accepts a numeric string too: such a token is checked each time
        _verified[key] = dict(claims)
        if len(_verified) > VERIFIED_TOKENS:
            _verified.popitem(last=False)
    return claims


def _checked_claims(settings: Settings, secret: str, token: str) -> dict[str, Any]:
    try:
        claims = jwt.decode(
            token,
            secret,
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


def token_family(claims: dict[str, Any]) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(claims["fam"])) if claims.get("fam") else None
    except ValueError:
        return None


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
