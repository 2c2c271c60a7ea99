"""Push channels: an ntfy-compatible topic and a generic JSON webhook, each over httpx.

Every request passes the SSRF guard at send time (`api.urlguard.vet_url`; DNS may have changed
since the URL was saved) and goes to the vetted address (pinned, with the real Host header and TLS
name), without redirects, within PUSH_TIMEOUT seconds. A 4xx/5xx answer is a failure.

ntfy: `POST <topic URL>` with the plain text as body and headers `Title`, `Click` (the link into
the app), `Tags`, and `Authorization: Bearer <token>` when a token is set.

Webhook: `POST <URL>` with a JSON body `{"id", "topic", "subject", "text", "url", "sent_at"}` and

    X-CC-Timestamp: <unix seconds>
    X-CC-Signature: sha256=<hex HMAC-SHA256(secret, f"{timestamp}.{raw body}")>

A receiver verifies it like this (reject anything else):

    expected = "sha256=" + hmac.new(secret.encode(), f"{ts}.".encode() + raw_body, sha256).hexdigest()
    ok = hmac.compare_digest(expected, request.headers["X-CC-Signature"])
    fresh = abs(time.time() - int(ts)) <= 300   # older than 5 minutes: a replay, refuse it

and, to be safe against a replay inside those 5 minutes, remembers the `id`s it has seen."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from datetime import datetime

import httpx

from api.config import Settings
from api.notification.messages import Content
from api.urlguard import FetchError, parse_ip_literal, vet_url

USER_AGENT = "CareerCompanion-Push/1"


# 4xx answers that may pass: timeout, too early, too many requests (RFC 9110, RFC 8470, RFC 6585)
TRANSIENT_CLIENT_ERRORS = frozenset({408, 425, 429})


class PushError(Exception):
    """A push that did not arrive. `permanent`: the receiver refused it for good (a 4xx other than
    408/425/429: gone, forbidden, not found…), so trying again cannot help."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def _header(value: str) -> str:
    """HTTP header values are latin-1 and one line: keep what fits."""
    return " ".join(value.split()).encode("latin-1", "replace").decode("latin-1")


async def post(settings: Settings, url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST through the SSRF guard to the vetted address; the status (raises PushError). The name
    lookup counts against PUSH_TIMEOUT too."""
    try:
        async with asyncio.timeout(settings.push_timeout):
            target = await vet_url(
                url, allow_private=settings.allow_private_fetch, allowed_addresses=settings.fetch_allowed_addresses
            )
    except TimeoutError as error:
        raise PushError(f"timed out after {settings.push_timeout:g} s looking up the address") from error
    except FetchError as error:
        raise PushError(error.message) from error
    ip_host = f"[{target.ip}]" if ":" in target.ip else target.ip
    default_port = 443 if target.scheme == "https" else 80
    host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
    extensions = {}
    if target.scheme == "https" and parse_ip_literal(target.host) is None:
        extensions["sni_hostname"] = target.host
    async with httpx.AsyncClient(follow_redirects=False, trust_env=False, timeout=httpx.Timeout(settings.push_timeout)) as client:
        request = client.build_request(
            "POST",
            f"{target.scheme}://{ip_host}:{target.port}{target.path}",
            content=body,
            headers={"Host": host_header, "User-Agent": USER_AGENT, **headers},
            extensions=extensions,
        )
        try:
            response = await client.send(request)
        except httpx.TimeoutException as error:
            raise PushError(f"timed out after {settings.push_timeout:g} s") from error
        except httpx.TransportError as error:
            raise PushError(f"could not connect to {target.host} ({type(error).__name__})") from error
    if response.status_code >= 400:
        status = response.status_code
        raise PushError(f"HTTP {status} from {target.host}", permanent=status < 500 and status not in TRANSIENT_CLIENT_ERRORS)
    return response.status_code


async def ntfy(settings: Settings, url: str, token: str | None, content: Content) -> None:
    headers = {
        "Title": _header(content.subject),
        "Click": content.url,
        "Tags": ",".join(content.tags),
        "Content-Type": "text/plain; charset=utf-8",
    }
    if token:
        headers["Authorization"] = f"Bearer {token}"
    await post(settings, url, content.text.encode(), headers)


async def webhook(settings: Settings, url: str, secret: str, delivery_id: int, content: Content, now: datetime) -> None:
    body = json.dumps(
        {
            "id": delivery_id,
            "topic": content.topic,
            "subject": content.subject,
            "text": content.text,
            "url": content.url,
            "sent_at": now.isoformat(),
        },
        ensure_ascii=False,
    ).encode()
    timestamp = int(now.timestamp())
    headers = {
        "Content-Type": "application/json",
        "X-CC-Timestamp": str(timestamp),
        "X-CC-Signature": signature(secret, timestamp, body),
    }
    await post(settings, url, body, headers)
