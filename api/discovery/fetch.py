"""SSRF-guarded page fetch for "import a job from a URL".

* every hop's URL passes the SSRF guard (`api.urlguard.vet_url`: http/https only, no
  credentials, every resolved address public, numeric IPv4 spellings decoded first);
* the connection goes to the vetted IP (pinned: no second DNS lookup, so no DNS
  rebinding) with the original ``Host`` header and TLS SNI / certificate name;
* redirects are followed by hand, each hop re-vetted, at most ``max_redirects``;
* body capped at ``max_bytes`` (stops reading), whole operation capped at ``timeout`` seconds;
* only HTML-like content types.

``allow_private`` and ``allowed_addresses`` are the guard's exemptions (see `api.urlguard`).
The guard's names are re-exported here for the callers that import them from this module.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from api.discovery.http import USER_AGENT
from api.urlguard import FetchError, Resolver, Target, default_resolver, forbidden_reason, parse_ip_literal, vet_url

__all__ = [
    "FetchError",
    "FetchedPage",
    "Resolver",
    "Target",
    "default_resolver",
    "fetch_page",
    "forbidden_reason",
    "parse_ip_literal",
    "vet_url",
]

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_REDIRECTS = 3
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass
class FetchedPage:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content_type: str
    encoding: str
    text: str
    address: str  # IP actually connected to for the final hop
    redirects: list[str] = field(default_factory=list)


# --- fetching -----------------------------------------------------------------------------------


def _charset(content_type: str, head: bytes) -> str:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    if not match:
        match = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", head[:4096], re.I)  # type: ignore[assignment]
    if match:
        name = match.group(1)
        name = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
        try:
            return "utf-8" if name.lower() in ("utf8",) else __import__("codecs").lookup(name).name
        except LookupError:
            pass
    return "utf-8"


async def _fetch_hops(
    client: httpx.AsyncClient,
    url: str,
    *,
    allow_private: bool,
    allowed_addresses: Collection[str],
    resolver: Resolver | None,
    max_bytes: int,
    max_redirects: int,
    user_agent: str,
) -> FetchedPage:
    redirects: list[str] = []
    current = url
    while True:
        target = await vet_url(current, allow_private=allow_private, allowed_addresses=allowed_addresses, resolver=resolver)
        ip_host = f"[{target.ip}]" if ":" in target.ip else target.ip
        default_port = 443 if target.scheme == "https" else 80
        host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
        extensions = {}
        if target.scheme == "https" and parse_ip_literal(target.host) is None:
            extensions["sni_hostname"] = target.host  # TLS name check against the real host
        request = client.build_request(
            "GET",
            f"{target.scheme}://{ip_host}:{target.port}{target.path}",
            headers={
                "Host": host_header,
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5",
            },
            extensions=extensions,
        )
        try:
            response = await client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise FetchError("TIMEOUT", f"timed out fetching {current}") from exc
        except httpx.TransportError as exc:
            raise FetchError("CONNECTION_FAILED", f"could not connect to {target.host} ({type(exc).__name__})") from exc
        try:
            if response.status_code in _REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError("HTTP_ERROR", f"HTTP {response.status_code} redirect without a Location")
                if len(redirects) >= max_redirects:
                    raise FetchError("TOO_MANY_REDIRECTS", f"more than {max_redirects} redirects")
                current = urljoin(current, location.strip())
                redirects.append(current)
                continue
            if response.status_code >= 400:
                raise FetchError("HTTP_ERROR", f"HTTP {response.status_code} from {current}")
            content_type = response.headers.get("Content-Type", "")
            mime = content_type.split(";", 1)[0].strip().lower()
            if mime and mime not in HTML_TYPES:
                raise FetchError("UNSUPPORTED_CONTENT_TYPE", f"{mime} is not a web page")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError("TOO_LARGE", f"page is {int(declared)} bytes, the limit is {max_bytes}")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError("TOO_LARGE", f"page exceeds the {max_bytes}-byte limit")
            encoding = _charset(content_type, bytes(body))
            return FetchedPage(
                url=url,
                final_url=current,
                status=response.status_code,
                content_type=mime or "text/html",
                encoding=encoding,
                text=bytes(body).decode(encoding, errors="replace"),
                address=target.ip,
                redirects=redirects,
            )
        except httpx.TimeoutException as exc:
            raise FetchError("TIMEOUT", f"timed out reading {current}") from exc
        except httpx.TransportError as exc:
            raise FetchError("CONNECTION_FAILED", f"connection to {target.host} broke ({type(exc).__name__})") from exc
        finally:
            await response.aclose()


async def fetch_page(
    url: str,
    *,
    allow_private: bool = False,
    allowed_addresses: Collection[str] = (),
    resolver: Resolver | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    user_agent: str = USER_AGENT,
    transport: httpx.AsyncBaseTransport | None = None,
) -> FetchedPage:
    """Fetch a web page safely (see module doc). Raises :class:`FetchError`."""
    async with httpx.AsyncClient(
        follow_redirects=False,
        trust_env=False,  # an environment proxy would bypass the address pinning
        timeout=httpx.Timeout(timeout),
        transport=transport,
    ) as client:
        try:
            async with asyncio.timeout(timeout):
                return await _fetch_hops(
                    client,
                    url,
                    allow_private=allow_private,
                    allowed_addresses=allowed_addresses,
                    resolver=resolver,
                    max_bytes=max_bytes,
                    max_redirects=max_redirects,
                    user_agent=user_agent,
                )
        except TimeoutError as exc:
            raise FetchError("TIMEOUT", f"gave up after {timeout:g} s") from exc
