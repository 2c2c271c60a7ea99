"""The browser's session cookie: POST /auth/refresh and POST /auth/logout.

`tokenCreate(input: {…, refreshTokenCookie: true})` puts the refresh token in an HttpOnly cookie
(`Secure` over HTTPS, `SameSite=Strict`, `Path=/auth`: it is sent to these two routes only, never with
GraphQL requests), so page scripts never see it. The web app keeps its access token in memory and,
on every page load, asks /auth/refresh for one; the answer rotates the cookie like `tokenRefresh`
rotates a token (same leeway, same reuse detection). /auth/logout revokes the cookie's family.

Both refuse a request whose Origin is another site (with SameSite=Strict the browser would not send
the cookie anyway). API clients keep using the `tokenRefresh` / `tokenRevoke` mutations.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Scope

from api.config import Settings, get_settings
from api.db import unit_of_work
from api.errors import AppError, RateLimited
from api.graphql.mutation import run_compensation
from api.graphql.relay import encode_id
from api.security import is_https
from api.user import service

COOKIE = "cc_refresh"
COOKIE_PATH = "/auth"


def _settings(request: Request) -> Settings:
    return getattr(request.app.state, "settings", None) or get_settings()


def _secure(scope: Scope, settings: Settings) -> bool:
    return is_https(scope, settings) or (settings.public_url or "").lower().startswith("https://")


def set_refresh_cookie(response: Any, scope: Scope, settings: Settings, token: str | None) -> None:
    """Put the refresh token (or, with None, its removal) on `response`."""
    response.set_cookie(
        COOKIE,
        token or "",
        max_age=settings.refresh_token_days * 86400 if token else 0,
        path=COOKIE_PATH,
        secure=_secure(scope, settings),
        httponly=True,
        samesite="strict",
    )


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin:
        return True  # not a browser's cross-site request (browsers send Origin on every POST)
    return urlsplit(origin).netloc.lower() == (request.headers.get("host") or "").lower()


def _refused(request: Request, status: int, message: str, code: str) -> JSONResponse:
    response = JSONResponse({"error": {"message": message, "code": code}}, status_code=status)
    set_refresh_cookie(response, request.scope, _settings(request), None)
    return response


async def refresh(request: Request) -> Response:
    """A new access token for the cookie's session; the cookie rotates."""
    settings = _settings(request)
    if not _same_origin(request):
        return JSONResponse({"error": {"message": "Cross-site request refused", "code": "FORBIDDEN"}}, status_code=403)
    token = request.cookies.get(COOKIE)
    if not token:
        # Nobody is signed in here: an answer, not an error (a signed-out page load logs none).
        return Response(status_code=204, headers={"cache-control": "no-store"})
    try:
        async with unit_of_work() as session:
            pair = await service.refresh(session, settings, token)
    except RateLimited as error:  # too many refreshes: still signed in, try later
        headers = {"retry-after": str(error.retry_after or 60)}
        return JSONResponse({"error": {"message": error.message, "code": error.code.value}}, status_code=429, headers=headers)
    except AppError as error:
        await run_compensation(error)  # a reused token revokes its family
        return _refused(request, 401, error.message, error.code.value)
    response = JSONResponse(
        {
            "accessToken": pair.access_token,
            "accessTokenExpiresAt": pair.access_expires_at.isoformat(),
            "user": {"id": encode_id("User", pair.user.id), "username": pair.user.username},
        },
        headers={"cache-control": "no-store"},
    )
    set_refresh_cookie(response, request.scope, settings, pair.refresh_token)
    return response


async def logout(request: Request) -> Response:
    """Sign out: revoke the cookie's family and remove the cookie."""
    if not _same_origin(request):
        return JSONResponse({"error": {"message": "Cross-site request refused", "code": "FORBIDDEN"}}, status_code=403)
    token = request.cookies.get(COOKIE)
    if token:
        try:
            async with unit_of_work() as session:
                await service.revoke(session, token)
        except AppError:
            pass  # unknown or already revoked: signed out either way
    response = Response(status_code=204)
    set_refresh_cookie(response, request.scope, _settings(request), None)
    return response
