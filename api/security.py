"""HTTP hardening: security headers on every response, and who the client is behind trusted proxies.

`SecurityHeaders` adds a strict Content-Security-Policy (the SPA loads only its own files; GraphiQL's
page gets its own policy naming its CDN and the hashes of its inline script and style; the
server-rendered pages get `PAGE_POLICY`: inline styles, no script), framing
refused twice (`frame-ancestors 'none'` and `X-Frame-Options: DENY`), `nosniff`, a Referrer-Policy,
a Permissions-Policy that turns off powerful features, and HSTS when the request came over HTTPS.

`client_address` is the TCP peer, unless the peer is one of `TRUSTED_PROXIES`: then the right-most
X-Forwarded-For entry that is not a trusted proxy (a client can prepend anything to the header, but
not the entries its proxies append). `is_https` reads X-Forwarded-Proto on the same terms.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
from collections.abc import Iterable
from functools import lru_cache

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.config import Settings

# The SPA: only its own scripts and styles (React sets styles through the DOM, which CSP allows);
# connect-src 'self' covers same-origin WebSocket too.
APP_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Server-rendered pages (unsubscribe, email verification: api/notification/routes.py) are styled
# inline like the mails they answer, and run no script at all.
PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
GRAPHIQL_CDN = "https://unpkg.com"
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "magnetometer",
        "gyroscope",
        "accelerometer",
    )
)
HSTS = "max-age=31536000; includeSubDomains"
_INLINE = re.compile(r"<(script|style)(?![^>]*\bsrc=)[^>]*>(.*?)</\1>", re.S | re.I)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def graphiql_policy(html: str) -> str:
    """The CSP of the GraphiQL page: its CDN, and its own inline script and style by hash."""
    scripts = [_sha256(body) for kind, body in _INLINE.findall(html) if kind.lower() == "script"]
    styles = [_sha256(body) for kind, body in _INLINE.findall(html) if kind.lower() == "style"]
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", GRAPHIQL_CDN, *scripts]),
            # GraphiQL's editor sets style elements at run time: inline styles only on this page.
            " ".join(["style-src 'self' 'unsafe-inline'", GRAPHIQL_CDN, *styles]),
            f"img-src 'self' data: {GRAPHIQL_CDN}",
            f"font-src 'self' data: {GRAPHIQL_CDN}",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _trusted(address: str, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _header(scope: Scope, name: bytes) -> str:
    values = [v.decode("latin-1") for k, v in scope.get("headers") or [] if k == name]
    return ",".join(values)


def _peer(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else ""


def client_address(scope: Scope, settings: Settings) -> str:
    """The client's IP address, as far as it can be believed."""
    peer = _peer(scope)
    networks = _networks(tuple(settings.trusted_proxies))
    if not networks or not _trusted(peer, networks):
        return peer
    hops = [hop.strip() for hop in _header(scope, b"x-forwarded-for").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


def is_https(scope: Scope, settings: Settings) -> bool:
    """The browser talks HTTPS to us: the connection itself, or a trusted proxy that says so."""
    if scope.get("scheme") in ("https", "wss"):
        return True
    networks = _networks(tuple(settings.trusted_proxies))
    if networks and _trusted(_peer(scope), networks):
        proto = _header(scope, b"x-forwarded-proto").split(",")[0].strip().lower()
        return proto == "https"
    return False


class SecurityHeaders:
    """Adds the security headers to every HTTP response (a policy the app set itself is kept)."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = is_https(scope, self.settings)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", APP_POLICY)
                headers.setdefault("x-frame-options", "DENY")
                headers.setdefault("x-content-type-options", "nosniff")
                headers.setdefault("referrer-policy", "strict-origin-when-cross-origin")
                headers.setdefault("permissions-policy", PERMISSIONS_POLICY)
                headers.setdefault("cross-origin-opener-policy", "same-origin")
                if https:
                    headers.setdefault("strict-transport-security", HSTS)
            await send(message)

        await self.app(scope, receive, with_headers)
