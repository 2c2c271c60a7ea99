"""Who sends `Authorization: Bearer …`: a sign-in's access token (full access) or a personal
access token (its scopes). The one place GraphQL, the export endpoint and /mcp authenticate."""

from __future__ import annotations

from dataclasses import dataclass

from api.config import Settings
from api.db import unit_of_work
from api.token import service
from api.user.tokens import bearer_user


@dataclass(frozen=True)
class Principal:
    user_id: int | None = None
    error: str | None = None
    # None: a sign-in session (everything); otherwise what the personal access token may do.
    scopes: frozenset[str] | None = None
    token_id: int | None = None


async def authenticate(settings: Settings, authorization: str | None, ip: str) -> Principal:
    """No header is an anonymous Principal; a bad one names why in `error`."""
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    if scheme.lower() == "bearer" and service.looks_like_pat(token):
        try:
            async with unit_of_work() as session:
                verified = await service.verify(session, token, ip)
        except service.TokenRefused as refused:
            return Principal(error=str(refused))
        return Principal(verified.user_id, None, verified.scopes, verified.token_id)
    user_id, error = bearer_user(settings, authorization)
    return Principal(user_id, error)
