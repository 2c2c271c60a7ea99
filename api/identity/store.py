"""Short-lived server-side records in Redis: a started sign-in (state → provider, nonce, PKCE
verifier, the signed-in user when connecting), taken exactly once by its callback; and a pending link
(a provider identity waiting for the account's password)."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass
from typing import Any

from api import broker
from api.config import Settings


@dataclass(frozen=True)
class Started:
    provider: str
    state: str
    nonce: str
    verifier: str
    link_user_id: int | None = None  # connecting a provider to a signed-in account
    redirect_uri: str = ""


@dataclass(frozen=True)
class PendingLink:
    provider: str
    subject: str
    email: str
    user_id: int


def _key(settings: Settings, kind: str, token: str) -> str:
    return f"{settings.redis_namespace}:identity:{kind}:{token}"


async def _put(settings: Settings, kind: str, token: str, value: dict[str, Any]) -> None:
    await (await broker.pool()).set(_key(settings, kind, token), json.dumps(value), ex=settings.oauth_flow_seconds)


async def save_started(settings: Settings, started: Started) -> None:
    await _put(settings, "state", started.state, asdict(started))


async def take_started(settings: Settings, state: str) -> Started | None:
    """The started sign-in of `state`, removed as it is read: a state works once."""
    raw = await (await broker.pool()).getdel(_key(settings, "state", state))
    return Started(**json.loads(raw)) if raw else None


async def save_link(settings: Settings, link: PendingLink) -> str:
    ticket = secrets.token_urlsafe(24)
    await _put(settings, "link", ticket, asdict(link))
    return ticket


async def pending_link(settings: Settings, ticket: str) -> PendingLink | None:
    raw = await (await broker.pool()).get(_key(settings, "link", ticket or "-"))
    return PendingLink(**json.loads(raw)) if raw else None


async def drop_link(settings: Settings, ticket: str) -> None:
    await (await broker.pool()).delete(_key(settings, "link", ticket))
