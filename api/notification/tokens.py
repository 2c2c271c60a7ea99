"""Signed, expiring links in mails that work without signing in.

* unsubscribe: per user and topic, 60 days — `GET/POST /unsubscribe?token=…` removes email from
  that topic for that person only;
* email verification: per user and exact address, 48 hours — `GET /email/verify?token=…` marks
  that address verified (a link for an address the person has since replaced verifies nothing).

Both are HS256 JWTs under the server's SECRET_KEY with an audience per purpose, so a link of one
kind is never accepted as the other, nor as an access token (whose audience is the web app's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from api.config import Settings
from api.vocabulary import NotificationTopic

ALGORITHMS = ["HS256"]
UNSUBSCRIBE_AUDIENCE = "career-companion-unsubscribe"
VERIFY_AUDIENCE = "career-companion-email-verify"
UNSUBSCRIBE_TTL = timedelta(days=60)
VERIFY_TTL = timedelta(hours=48)
EMAIL_CHANGE_AUDIENCE = "career-companion-email-change"  # the account's sign-in address (api/account)


class InvalidLink(Exception):
    """A forged, expired, truncated or other-purpose link; the message is for the person."""


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    topic: NotificationTopic


@dataclass(frozen=True)
class Verification:
    user_id: int
    email: str


def _encode(settings: Settings, audience: str, subject: int, ttl: timedelta, now: datetime | None, **claims: str) -> str:
    now = now or datetime.now(UTC)
    body = {
        "sub": str(subject),
        "iss": settings.jwt_issuer,
        "aud": audience,
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
        **claims,
    }
    return jwt.encode(body, settings.jwt_secret(), algorithm="HS256")


def _decode(settings: Settings, token: str, audience: str, required: list[str]) -> dict:
    try:
        return jwt.decode(
            token,
            settings.jwt_secret(),
            algorithms=ALGORITHMS,
            audience=audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "iss", "aud", *required]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise InvalidLink("This link has expired.") from exc
    except jwt.PyJWTError as exc:
        raise InvalidLink("This link is not valid: it may be incomplete or altered.") from exc


def unsubscribe_token(settings: Settings, user_id: int, topic: NotificationTopic, now: datetime | None = None) -> str:
    return _encode(settings, UNSUBSCRIBE_AUDIENCE, user_id, UNSUBSCRIBE_TTL, now, topic=topic.value)


def read_unsubscribe(settings: Settings, token: str) -> Unsubscribe:
    claims = _decode(settings, token, UNSUBSCRIBE_AUDIENCE, ["topic"])
    try:
        return Unsubscribe(int(claims["sub"]), NotificationTopic(claims["topic"]))
    except (TypeError, ValueError) as exc:
        raise InvalidLink("This link is not valid: it may be incomplete or altered.") from exc


def verification_token(settings: Settings, user_id: int, email: str, now: datetime | None = None) -> str:
    return _encode(settings, VERIFY_AUDIENCE, user_id, VERIFY_TTL, now, email=email.lower())


def read_verification(settings: Settings, token: str) -> Verification:
    claims = _decode(settings, token, VERIFY_AUDIENCE, ["email"])
    try:
        return Verification(int(claims["sub"]), str(claims["email"]))
    except (TypeError, ValueError) as exc:
        raise InvalidLink("This link is not valid: it may be incomplete or altered.") from exc


def email_change_token(settings: Settings, user_id: int, email: str, now: datetime | None = None) -> str:
    """A link's token that moves the account `user_id` to the address `email` when opened."""
    return _encode(settings, EMAIL_CHANGE_AUDIENCE, user_id, VERIFY_TTL, now, email=email)


def read_email_change(settings: Settings, token: str) -> Verification:
    claims = _decode(settings, token, EMAIL_CHANGE_AUDIENCE, ["email"])
    try:
        return Verification(int(claims["sub"]), str(claims["email"]))
    except (TypeError, ValueError) as exc:
        raise InvalidLink("This link is not valid: it may be incomplete or altered.") from exc
