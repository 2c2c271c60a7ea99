"""A local OpenID provider (and a GitHub-like OAuth 2 provider) on loopback, written on authlib's
server side: the authorization code grant with PKCE (RFC 7636) and OpenID Connect's code flow, an
in-memory store, a discovery document, authorize (auto-approves `provider.person`), token, userinfo
and a JWKS with an RS256 key. GitHub's variant answers /login/oauth/authorize,
/login/oauth/access_token, /user and /user/emails like api.github.com does.

`provider.tamper` makes the next ID tokens wrong in one way — {"aud": "someone-else"},
{"exp": -3600} (seconds from now), {"nonce": "other"}, {"key": "other"} (signed with a key the JWKS
does not have) — so the client's checks are tested against real tokens.
"""

from __future__ import annotations

import hmac
import os
import secrets
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import AuthorizationServer, ClientMixin, OAuth2Request, grants
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import AuthorizationCodeMixin, UserInfo
from authlib.oidc.core.grants import OpenIDCode
from joserfc.jwk import KeySet, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.running import running_server

os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # authlib's server refuses plain http otherwise (loopback only here)
KID = "local-1"
CLIENT_SECRET = "local-client-secret-0123456789"


@cache
def signing_key(which: str = "real") -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": KID}, private=True)


@dataclass
class Person:
    """Who is signed in at the provider; the authorize endpoint approves for them at once."""

    subject: str = field(default_factory=lambda: uuid.uuid4().hex)
    email: str = field(default_factory=lambda: f"ada_{uuid.uuid4().hex[:8]}@example.org")
    email_verified: bool = True
    login: str = "ada"
    numeric_id: int = field(default_factory=lambda: secrets.randbelow(10**9))


class Client(ClientMixin):
    def __init__(self, client_id: str, secret: str):
        self.client_id, self.secret = client_id, secret

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None

    def get_allowed_scope(self, scope: str) -> str:
        return scope

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri.startswith("http://127.0.0.1:")

    def check_client_secret(self, client_secret: str) -> bool:
        return hmac.compare_digest(client_secret.encode(), self.secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    person: Person
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time


class LocalRequest(OAuth2Request):
    def __init__(self, request: Request, form: dict[str, Any] | None = None):
        super().__init__(request.method, str(request.url), headers=request.headers)
        self._args, self._form = dict(request.query_params), form or {}
        self.payload = BasicOAuth2Payload({**self._args, **self._form})

    @property
    def args(self) -> dict[str, Any]:
        return self._args

    @property
    def form(self) -> dict[str, Any]:
        return self._form


class LocalProvider:
    def __init__(self, github: bool = False):
        self.github = github
        self.client = Client(f"cc-{uuid.uuid4().hex[:6]}", CLIENT_SECRET)
        self.person = Person()
        self.tamper: dict[str, Any] = {}
        self.emails: list[dict[str, Any]] | None = None  # GitHub: /user/emails, default: the person's, verified
        self.codes: dict[str, Code] = {}
        self.tokens: dict[str, tuple[Person, str]] = {}
        self.url = ""
        self.server = self._server()

    def reset(self) -> None:
        self.person, self.tamper, self.emails = Person(), {}, None

    # ------------------------------------------------------------------ authlib's server side
    def _server(self) -> AuthorizationServer:
        provider = self

        class Server(AuthorizationServer):
            def query_client(self, client_id: str) -> Client | None:
                return provider.client if client_id == provider.client.client_id else None

            def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
                provider.tokens[token["access_token"]] = (request.user, token.get("scope") or "")

            def create_oauth2_request(self, request: Any) -> OAuth2Request:
                return request

            def handle_response(self, status: int, body: Any, headers: Any) -> Response:
                if isinstance(body, dict):
                    return JSONResponse(body, status_code=status, headers=dict(headers))
                return Response(body or b"", status_code=status, headers=dict(headers))

            def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
                return None

        class CodeGrant(grants.AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

            def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
                data = request.payload.data
                provider.codes[code] = Code(
                    code,
                    request.client.get_client_id(),
                    request.payload.redirect_uri,
                    request.payload.scope or "",
                    request.user,
                    data.get("nonce"),
                    data.get("code_challenge"),
                    data.get("code_challenge_method"),
                )

            def query_authorization_code(self, code: str, client: Client) -> Code | None:
                item = provider.codes.get(code)
                return item if item and item.client_id == client.get_client_id() else None

            def delete_authorization_code(self, authorization_code: Code) -> None:
                provider.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code: Code) -> Person:
                return authorization_code.person

        class OpenID(OpenIDCode):
            def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
                return any(c.nonce == nonce for c in provider.codes.values())

            def resolve_client_private_key(self, client: Client) -> RSAKey:
                return signing_key(provider.tamper.get("key", "real"))

            def get_client_algorithm(self, client: Client) -> str:
                return "RS256"

            def get_encode_header(self, client: Client) -> dict[str, str]:
                return {"alg": "RS256", "kid": KID}

            def get_client_claims(self, client: Client) -> dict[str, Any]:
                claims: dict[str, Any] = {"iss": provider.url, "aud": [provider.tamper.get("aud", client.get_client_id())]}
                if "exp" in provider.tamper:
                    claims["exp"] = int(time.time()) + provider.tamper["exp"]
                    claims["iat"] = claims["exp"] - 3600
                return claims

            def get_authorization_code_claims(self, authorization_code: Code) -> dict[str, Any]:
                claims = super().get_authorization_code_claims(authorization_code)
                if "nonce" in provider.tamper:
                    claims["nonce"] = provider.tamper["nonce"]
                return claims

            def generate_user_info(self, user: Person, scope: str) -> UserInfo:
                return provider.user_info(user)

        server = Server()
        server.register_token_generator("default", BearerTokenGenerator(lambda *a, **k: secrets.token_urlsafe(24)))
        extensions: list[Any] = [CodeChallenge(required=True)]
        if not self.github:
            extensions.append(OpenID(require_nonce=True))
        server.register_grant(CodeGrant, extensions)
        return server

    def user_info(self, person: Person) -> UserInfo:
        return UserInfo(
            sub=person.subject,
            email=person.email,
            email_verified=person.email_verified,
            preferred_username=person.login,
            name=person.login.title(),
        )

    # ------------------------------------------------------------------ HTTP
    async def discovery(self, request: Request) -> Response:
        return JSONResponse(
            {
                "issuer": self.url,
                "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token",
                "userinfo_endpoint": f"{self.url}/userinfo",
                "jwks_uri": f"{self.url}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                "scopes_supported": ["openid", "email", "profile"],
            }
        )

    async def authorize(self, request: Request) -> Response:
        if request.query_params.get("code_challenge_method") != "S256":  # PKCE for every client, as OAuth 2.1 asks
            return JSONResponse({"error": "invalid_request", "error_description": "PKCE with S256 is required"}, status_code=400)
        oauth_request = LocalRequest(request)
        try:
            grant = self.server.get_consent_grant(oauth_request, end_user=self.person)
        except OAuth2Error as error:
            return JSONResponse(dict(error.get_body()), status_code=400)
        return self.server.create_authorization_response(oauth_request, grant_user=self.person, grant=grant)

    async def token(self, request: Request) -> Response:
        form = dict(await request.form())
        return self.server.create_token_response(LocalRequest(request, {k: str(v) for k, v in form.items()}))

    def _bearer(self, request: Request) -> Person | None:
        scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
        found = self.tokens.get(token.strip()) if scheme.lower() == "bearer" else None
        return found[0] if found else None

    async def userinfo(self, request: Request) -> Response:
        person = self._bearer(request)
        if person is None:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        return JSONResponse(dict(self.user_info(person)))

    async def jwks(self, request: Request) -> Response:
        return JSONResponse(KeySet([signing_key("real")]).as_dict(private=False))

    async def github_user(self, request: Request) -> Response:
        person = self._bearer(request)
        if person is None:
            return JSONResponse({"message": "Bad credentials"}, status_code=401)
        return JSONResponse({"id": person.numeric_id, "login": person.login, "name": person.login.title()})

    async def github_emails(self, request: Request) -> Response:
        person = self._bearer(request)
        if person is None:
            return JSONResponse({"message": "Bad credentials"}, status_code=401)
        default = [{"email": person.email, "primary": True, "verified": person.email_verified, "visibility": "public"}]
        return JSONResponse(self.emails if self.emails is not None else default)

    def app(self) -> Starlette:
        if self.github:
            routes = [
                Route("/login/oauth/authorize", self.authorize),
                Route("/login/oauth/access_token", self.token, methods=["POST"]),
                Route("/user", self.github_user),
                Route("/user/emails", self.github_emails),
            ]
        else:
            routes = [
                Route("/.well-known/openid-configuration", self.discovery),
                Route("/authorize", self.authorize),
                Route("/token", self.token, methods=["POST"]),
                Route("/userinfo", self.userinfo),
                Route("/jwks", self.jwks),
            ]
        return Starlette(routes=routes)

    def settings_entry(self, name: str, label: str) -> dict[str, str]:
        if self.github:
            return {
                "name": name,
                "client_id": self.client.client_id,
                "client_secret": CLIENT_SECRET,
                "authorize_url": f"{self.url}/login/oauth/authorize",
                "token_url": f"{self.url}/login/oauth/access_token",
                "api_url": self.url,
            }
        return {
            "name": name,
            "label": label,
            "issuer": self.url,
            "client_id": self.client.client_id,
            "client_secret": CLIENT_SECRET,
        }


@dataclass
class Providers:
    local: LocalProvider
    github: LocalProvider
    api_url: str


@pytest.fixture(scope="session")
async def _identity_servers() -> AsyncIterator[Providers]:
    """The local OpenID provider, the GitHub-like one, and an API configured with both (as "local" and
    "github"); every other provider stays unconfigured."""
    from api.app import create_app
    from api.config import get_settings

    local, github = LocalProvider(), LocalProvider(github=True)
    async with running_server(local.app()) as local_url, running_server(github.app()) as github_url:
        local.url, github.url = local_url, github_url
        providers = [local.settings_entry("local", "Local ID"), github.settings_entry("github", "GitHub")]
        settings = get_settings().model_copy(update={"oidc_providers": providers})
        async with running_server(create_app(settings)) as api_url:
            yield Providers(local, github, api_url)


@pytest.fixture
def providers(_identity_servers: Providers) -> Providers:
    """The providers with a fresh person signed in at each and nothing tampered with."""
    _identity_servers.local.reset()
    _identity_servers.github.reset()
    return _identity_servers


async def provider_sign_in(client: httpx.AsyncClient, name: str = "local", **start_params: str) -> httpx.Response:
    """Go through /auth/{name}/start, the provider's authorize endpoint and back: the callback's answer."""
    start = await client.get(f"/auth/{name}/start", params=start_params)
    assert start.status_code == 302, start.text
    authorize = await client.get(start.headers["location"])
    assert authorize.status_code == 302, authorize.text
    return await client.get(authorize.headers["location"])


async def authorized_callback(client: httpx.AsyncClient, name: str = "local") -> str:
    """The callback address the provider sends the browser to (code and state), not yet visited."""
    start = await client.get(f"/auth/{name}/start")
    assert start.status_code == 302, start.text
    authorize = await client.get(start.headers["location"])
    assert authorize.status_code == 302, authorize.text
    return authorize.headers["location"]


def redirect_of(response: httpx.Response) -> tuple[str, dict[str, str]]:
    """Where a callback sent the browser: (path, query parameters)."""
    assert response.status_code == 303, response.text
    location = urlsplit(response.headers["location"])
    return location.path, dict(parse_qsl(location.query))


async def restored(client: httpx.AsyncClient) -> str | None:
    """The access token POST /auth/refresh gives for the client's session cookie, as the web app does on load."""
    response = await client.post("/auth/refresh")
    return response.json()["accessToken"] if response.status_code == 200 else None
