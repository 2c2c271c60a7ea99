"""The SSRF guard: which URLs the server may request on a person's behalf (URL imports, push
channels). Pure: no database, no clock.

* http/https only, no credentials in the URL;
* the host is resolved once and **every** resolved address must be public: loopback, private
  (RFC 1918, ULA), link-local (incl. 169.254.169.254 metadata), CGNAT 100.64/10, unspecified,
  multicast, reserved/benchmark/documentation ranges, IPv6 site-local and IPv4 embedded in IPv6
  (mapped ``::ffff:a.b.c.d``, compatible ``::a.b.c.d``, NAT64, 6to4, Teredo) are refused;
  numeric IPv4 spellings (``2130706433``, ``0x7f.0.0.1``, ``0177.0.0.1``, ``127.1``) are decoded
  the way ``inet_aton`` would before the check;
* `vet_url` returns the vetted address: the caller connects to it (pinned: no second DNS lookup,
  so no DNS rebinding) with the original ``Host`` header and TLS SNI / certificate name.

``allow_private=True`` (tests, dev) lets loopback and private/ULA addresses through — never
link-local/metadata, unspecified, multicast or reserved ones. ``allowed_addresses`` is a
narrower exemption: exact ``"ip"`` or ``"ip:port"`` entries (e.g. one local test server).
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["FetchError", "Resolver", "Target", "default_resolver", "forbidden_reason", "parse_ip_literal", "vet_url"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_PRIVATE_OK = frozenset({"loopback", "private"})  # what allow_private lets through


class FetchError(Exception):
    """codes: INVALID_URL, FORBIDDEN_ADDRESS, DNS_FAILURE, TOO_MANY_REDIRECTS, TOO_LARGE, TIMEOUT,
    HTTP_ERROR, UNSUPPORTED_CONTENT_TYPE, CONNECTION_FAILED"""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Target:
    url: str
    scheme: str
    host: str  # as written (IDNA-encoded for names)
    port: int
    ip: str  # the vetted address we connect to
    path: str  # path + query


# --- address checks ----------------------------------------------------------------------------

_IPV4_PART = re.compile(r"^(?:0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)$")
_NUMERIC_HOST = re.compile(r"^[0-9a-fA-FxX.]+$")


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host string denotes if it is an IP literal in any spelling, else None.

    Raises FetchError(INVALID_URL) for numeric-looking hosts that are not valid addresses.
    """
    h = host.strip().rstrip(".")
    if h.startswith("[") and h.endswith("]"):
        h = h[1:-1]
    if ":" in h:
        try:
            return ipaddress.IPv6Address(h.split("%", 1)[0])
        except ValueError as exc:
            raise FetchError("INVALID_URL", f"invalid IPv6 address {host!r}") from exc
    if not h or not _NUMERIC_HOST.match(h) or not re.search(r"\d", h):
        return None
    parts = h.split(".")
    if not all(parts) or len(parts) > 4 or not all(_IPV4_PART.match(p) for p in parts):
        if all(re.fullmatch(r"[0-9]+", p) for p in parts if p) or any(p.lower().startswith("0x") for p in parts):
            raise FetchError("INVALID_URL", f"invalid numeric host {host!r}")
        return None  # e.g. a hex-looking DNS label such as "cafe.de"… handled as a name
    values = [
        int(p, 16) if p.lower().startswith("0x") else (int(p, 8) if len(p) > 1 and p.startswith("0") else int(p))
        for p in (p if p.lower() != "0x" else "0x0" for p in parts)
    ]
    # inet_aton: a.b.c.d / a.b.c (c 16 bits) / a.b (b 24 bits) / a (32 bits)
    limits = {1: [2**32], 2: [256, 2**24], 3: [256, 256, 2**16], 4: [256] * 4}[len(values)]
    if any(v >= lim for v, lim in zip(values, limits, strict=False)):
        raise FetchError("INVALID_URL", f"invalid numeric host {host!r}")
    number = 0
    for v in values[:-1]:
        number = number * 256 + v
    number = (number << (8 * (4 - len(values) + 1))) + values[-1] if len(values) > 1 else values[0]
    return ipaddress.IPv4Address(number)


def forbidden_reason(ip: IPAddress) -> str | None:
    """Why an address must not be fetched ('loopback', 'private', …), or None when public."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return forbidden_reason(ip.ipv4_mapped)
        if ip in _NAT64 or ip in _NAT64_LOCAL:
            return forbidden_reason(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)) or (
                "nat64-local" if ip in _NAT64_LOCAL else None
            )
        if ip.sixtofour is not None:
            return forbidden_reason(ip.sixtofour)
        if ip.teredo is not None:
            return forbidden_reason(ip.teredo[1])
        if ip.is_loopback:
            return "loopback"
        if ip.is_unspecified:
            return "unspecified"
        if int(ip) >> 32 == 0:  # ::a.b.c.d (deprecated IPv4-compatible): never fetched
            return forbidden_reason(ipaddress.IPv4Address(int(ip))) or "ipv4-compatible"
        if ip.is_link_local:
            return "link-local"
        if ip.is_site_local:
            return "site-local"
        if ip.is_multicast:
            return "multicast"
        if ip in ipaddress.ip_network("fc00::/7"):
            return "private"
        if ip.is_reserved:
            return "reserved"
        if not ip.is_global:
            return "non-global"
        return None
    if ip.is_loopback:
        return "loopback"
    if ip.is_unspecified or ip in ipaddress.ip_network("0.0.0.0/8"):
        return "unspecified"
    if ip.is_link_local:
        return "link-local"
    if ip in _CGNAT:
        return "shared address space (CGNAT)"
    if ip.is_multicast:
        return "multicast"
    if ip.is_reserved or ip == ipaddress.IPv4Address("255.255.255.255"):
        return "reserved"
    if any(ip in ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")):
        return "private"
    if not ip.is_global:
        return "non-global"
    return None


async def default_resolver(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError("DNS_FAILURE", f"could not resolve {host!r}: {exc.strerror or exc}") from exc
    seen: list[str] = []
    for *_, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]
        if address not in seen:
            seen.append(address)
    return seen


def _allowed(ip: IPAddress, port: int, reason: str, allow_private: bool, allowed: Collection[str]) -> bool:
    plain = str(ip)
    bracketed = f"[{plain}]" if ip.version == 6 else plain
    if plain in allowed or f"{bracketed}:{port}" in allowed:
        return True
    return allow_private and reason in _PRIVATE_OK


async def vet_url(
    url: str,
    *,
    allow_private: bool = False,
    allowed_addresses: Collection[str] = (),
    resolver: Resolver | None = None,
) -> Target:
    """Validate a URL and resolve it to one vetted address (raises FetchError)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError("INVALID_URL", f"cannot parse URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError("INVALID_URL", f"only http and https URLs can be fetched, not {scheme or 'no scheme'!r}")
    if parts.username is not None or parts.password is not None:
        raise FetchError("INVALID_URL", "URLs with credentials are not accepted")
    raw_host = parts.hostname or ""
    if not raw_host:
        raise FetchError("INVALID_URL", "the URL has no host")
    port = port or (443 if scheme == "https" else 80)
    literal = parse_ip_literal(raw_host)
    if literal is not None:
        addresses = [literal]
        host = str(literal) if literal.version == 4 else f"[{literal}]"
    else:
        try:
            host = raw_host.rstrip(".").encode("idna").decode("ascii").lower()
        except UnicodeError as exc:
            raise FetchError("INVALID_URL", f"invalid host name {raw_host!r}") from exc
        if host in ("localhost",) or host.endswith(".localhost"):
            addresses = [ipaddress.ip_address("127.0.0.1")]
        else:
            resolved = await (resolver or default_resolver)(host, port)
            if not resolved:
                raise FetchError("DNS_FAILURE", f"{host!r} has no addresses")
            try:
                addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolved]
            except ValueError as exc:
                raise FetchError("DNS_FAILURE", f"resolver returned an invalid address for {host!r}") from exc
    for ip in addresses:
        reason = forbidden_reason(ip)
        if reason and not _allowed(ip, port, reason, allow_private, allowed_addresses):
            raise FetchError("FORBIDDEN_ADDRESS", f"{raw_host} resolves to {ip}, a {reason} address")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(url=url, scheme=scheme, host=host, port=port, ip=str(addresses[0]), path=path)
