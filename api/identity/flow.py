"""The client side of the authorization code flow, on authlib: the authorize URL (PKCE S256, `state`,
`nonce`), the code exchange, the ID token verified against the provider's JWKS (signature RS256, issuer,
audience, expiry, nonce) with joserfc (authlib's own JOSE library, which its `authlib.jose` now defers
to), and who the person is at the provider: OpenID claims and userinfo, or GitHub's /user and its
verified /user/emails."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.httpx_client import AsyncOAuth2Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from api.errors import AppError, ErrorCode
from api.identity.providers import Provider
from api.vocabulary import ProviderKind

ID_TOKEN_ALGORITHMS = ["RS256"]
LEEWAY_SECONDS = 60  # clock skew between us and the provider
DISCOVERY_KEYS = ("authorization_endpoint", "token_endpoint", "jwks_uri")


class ProviderError(AppError):
    """The provider's answer could not be trusted or used: the sign-in stops, nothing is written."""

    code = ErrorCode.INVALID_TOKEN


@dataclass(frozen=True)
class Pending:
    """What a started sign-in keeps server-side until its callback (one use)."""

    state: str
    nonce: str
    verifier: str


@dataclass(frozen=True)
class ProviderIdentity:
    subject: str
    email: str | None
    email_verified: bool
    name_hint: str  # for a new account's username


def new_pending() -> Pending:
    return Pending(state=secrets.token_urlsafe(24), nonce=secrets.token_urlsafe(24), verifier=secrets.token_urlsafe(48))


def _client(provider: Provider, redirect_uri: str, timeout: float, auth_method: str = "client_secret_basic") -> AsyncOAuth2Client:
    return AsyncOAuth2Client(
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        scope=provider.scope,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method=auth_method,
        timeout=timeout,
    )


async def _get_json(http: httpx.AsyncClient, url: str, **kw: Any) -> Any:
    try:
        response = await http.get(url, **kw)
        response.raise_for_status()
        return response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise ProviderError(f"The provider did not answer as expected ({type(exc).__name__})") from exc


async def discover(provider: Provider, timeout: float) -> dict[str, Any]:
    """The provider's discovery document; its issuer must be the configured one (OpenID Discovery §4.3)."""
    async with httpx.AsyncClient(timeout=timeout) as http:
        document = await _get_json(http, f"{provider.issuer}/.well-known/openid-configuration")
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != provider.issuer:
        raise ProviderError("The provider's discovery document names another issuer")
    if not all(isinstance(document.get(key), str) for key in DISCOVERY_KEYS):
        raise ProviderError("The provider's discovery document lacks its endpoints")
    return document


async def authorize_url(provider: Provider, pending: Pending, redirect_uri: str, timeout: float) -> str:
    if provider.kind == ProviderKind.OIDC:
        endpoint = (await discover(provider, timeout))["authorization_endpoint"]
        extra = {"nonce": pending.nonce}
    else:
        endpoint, extra = provider.authorize_url, {}
    async with _client(provider, redirect_uri, timeout) as client:
        url, _ = client.create_authorization_url(endpoint, state=pending.state, code_verifier=pending.verifier, **extra)
    return str(url)


async def _exchange(
    provider: Provider, pending: Pending, redirect_uri: str, code: str, token_url: str, auth_method: str, timeout: float
) -> dict[str, Any]:
    async with _client(provider, redirect_uri, timeout, auth_method) as client:
        try:
            token = await client.fetch_token(
                token_url, code=code, code_verifier=pending.verifier, headers={"Accept": "application/json"}
            )
        except (AuthlibBaseError, httpx.HTTPError, ValueError) as exc:
            raise ProviderError("The provider refused the sign-in code (expired or already used); try again") from exc
    if not token.get("access_token"):
        raise ProviderError("The provider refused the sign-in code (expired or already used); try again")
    return dict(token)


def verify_id_token(id_token: str, jwks: dict[str, Any], provider: Provider, issuer: str, nonce: str) -> dict[str, Any]:
    """The ID token's claims, checked: RS256 signature by a key of the JWKS, issuer, audience (and `azp`
    when there are several audiences), expiry, and the nonce of this very sign-in."""
    try:
        keys = KeySet.import_key_set(jwks)  # type: ignore[arg-type]  # joserfc checks the shape itself
        token = jwt.decode(id_token, keys, algorithms=ID_TOKEN_ALGORITHMS)
        jwt.JWTClaimsRegistry(
            leeway=LEEWAY_SECONDS,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": provider.client_id},
            exp={"essential": True},
            sub={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(token.claims)
    except (JoseError, ValueError, TypeError) as exc:
        raise ProviderError(f"The provider's ID token was refused: {getattr(exc, 'description', None) or exc}") from exc
    claims = dict(token.claims)
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise ProviderError("The provider's ID token was refused: issued to another party")
    return claims


def _verified(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")  # some providers send "true"


async def _openid_identity(
    provider: Provider, pending: Pending, redirect_uri: str, code: str, timeout: float
) -> ProviderIdentity:
    document = await discover(provider, timeout)
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    method = "client_secret_basic" if "client_secret_basic" in methods else "client_secret_post"
    token = await _exchange(provider, pending, redirect_uri, code, document["token_endpoint"], method, timeout)
    if not token.get("id_token"):
        raise ProviderError("The provider sent no ID token")
    async with httpx.AsyncClient(timeout=timeout) as http:
        jwks = await _get_json(http, document["jwks_uri"])
        claims = verify_id_token(token["id_token"], jwks, provider, document["issuer"], pending.nonce)
        if not claims.get("email") and document.get("userinfo_endpoint"):
            info = await _get_json(
                http, document["userinfo_endpoint"], headers={"Authorization": f"Bearer {token['access_token']}"}
            )
            if isinstance(info, dict) and str(info.get("sub")) == str(claims["sub"]):  # OpenID Core §5.3.2
                claims.update({k: info[k] for k in ("email", "email_verified", "preferred_username", "name") if k in info})
    email = claims.get("email") if isinstance(claims.get("email"), str) else None
    hint = str(claims.get("preferred_username") or (email or "").split("@")[0] or claims.get("name") or provider.name)
    return ProviderIdentity(str(claims["sub"]), email, bool(email) and _verified(claims.get("email_verified")), hint)


async def _github_identity(
    provider: Provider, pending: Pending, redirect_uri: str, code: str, timeout: float
) -> ProviderIdentity:
    token = await _exchange(provider, pending, redirect_uri, code, provider.token_url, "client_secret_post", timeout)
    headers = {"Authorization": f"Bearer {token['access_token']}", "Accept": "application/vnd.github+json"}
    async with httpx.AsyncClient(timeout=timeout, headers=headers) as http:
        user = await _get_json(http, f"{provider.api_url}/user")
        emails = await _get_json(http, f"{provider.api_url}/user/emails")
    if not isinstance(user, dict) or user.get("id") is None:
        raise ProviderError("The provider did not say who you are")
    listed = [e for e in emails if isinstance(e, dict) and isinstance(e.get("email"), str)] if isinstance(emails, list) else []
    # the primary address if verified, else any verified one, else the primary one (unverified)
    ranked = sorted(listed, key=lambda e: (not _verified(e.get("verified")), not e.get("primary")))
    best = ranked[0] if ranked else None
    email = best["email"] if best else None
    return ProviderIdentity(
        str(user["id"]), email, bool(best and _verified(best.get("verified"))), str(user.get("login") or "github")
    )


async def identity(provider: Provider, pending: Pending, redirect_uri: str, code: str, timeout: float) -> ProviderIdentity:
    """Exchange the code and find out who signed in at the provider."""
    if provider.kind == ProviderKind.OIDC:
        return await _openid_identity(provider, pending, redirect_uri, code, timeout)
    return await _github_identity(provider, pending, redirect_uri, code, timeout)
