"""GET /auth/{provider}/start and GET /auth/{provider}/callback: the browser's side of a provider sign-in.

/start keeps the sign-in's `state`, `nonce` and PKCE verifier in Redis (one use, OAUTH_FLOW_SECONDS;
at most RATE_LIMIT_PROVIDER_STARTS starts per client address and window, so no one fills Redis) and
the state in an HttpOnly cookie (`SameSite=Lax`, so the provider's redirect back brings it, `Path=/auth`),
which binds the callback to the browser that started it. With `?link=<ticket>` (from `identityConnect`)
the sign-in connects the provider to the signed-in account instead.

/callback refuses a state that is missing, foreign to this browser, expired or used; exchanges the code;
verifies who signed in (`flow`) and then (`service.complete`) sets the session cookie like password sign-in
and sends the browser to the app, which restores the session with POST /auth/refresh; or sends it to
settings (connected), or to the page that asks for the password of the account holding the email.
Refusals go back to the sign-in page (or settings) with a readable `authError`.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from api import limits
from api.config import Settings, get_settings
from api.db import read_session, unit_of_work
from api.errors import AppError
from api.identity import flow, service, store
from api.identity.providers import Provider, known
from api.security import client_address, is_https
from api.user.routes import COOKIE as REFRESH_COOKIE
from api.user.routes import COOKIE_PATH, set_refresh_cookie

STATE_COOKIE = "cc_oauth_state"


def _settings(request: Request) -> Settings:
    return getattr(request.app.state, "settings", None) or get_settings()


def _provider(settings: Settings, name: str) -> Provider | Response:
    provider = known(settings).get(name)
    if provider is None:
        return JSONResponse({"error": {"message": f"Unknown sign-in provider '{name}'", "code": "NOT_FOUND"}}, status_code=404)
    if not provider.configured:
        message = f"Sign-in with {provider.label} is not configured on this server"
        return JSONResponse({"error": {"message": message, "code": "NOT_CONFIGURED"}}, status_code=404)
    return provider


def callback_url(request: Request, settings: Settings, name: str) -> str:
    base = (settings.public_url or str(request.base_url)).rstrip("/")
    return f"{base}/auth/{name}/callback"


def _state_cookie(response: Response, request: Request, settings: Settings, state: str | None) -> None:
    response.set_cookie(
        STATE_COOKIE,
        state or "",
        max_age=settings.oauth_flow_seconds if state else 0,
        path=COOKIE_PATH,
        secure=is_https(request.scope, settings) or (settings.public_url or "").lower().startswith("https://"),
        httponly=True,
        samesite="lax",  # a top-level GET back from the provider must bring it
    )


def _back(request: Request, settings: Settings, path: str, **params: str) -> Response:
    response = RedirectResponse(f"{path}?{urlencode(params)}" if params else path, status_code=303)
    response.headers["cache-control"] = "no-store"
    _state_cookie(response, request, settings, None)
    return response


async def start(request: Request) -> Response:
    settings = _settings(request)
    provider = _provider(settings, request.path_params["provider"])
    if isinstance(provider, Response):
        return provider
    ticket = request.query_params.get("link")
    try:  # each start keeps a pending sign-in in Redis: a flood from one address is refused
        rate = limits.Rate(
            "provider_start", "provider sign-in", settings.rate_limit_provider_starts, settings.rate_limit_window_seconds
        )
        await limits.within(rate, client_address(request.scope, settings))
    except AppError as error:
        return _back(request, settings, "/settings" if ticket else "/signin", authError=error.message)
    link_user_id = None
    if ticket:
        try:
            async with read_session() as session:
                link_user_id = await service.connecting_user(session, settings, ticket, request.cookies.get(REFRESH_COOKIE))
        except AppError as error:
            return _back(request, settings, "/settings", authError=error.message)
    pending = flow.new_pending()
    redirect_uri = callback_url(request, settings, provider.name)
    try:
        url = await flow.authorize_url(provider, pending, redirect_uri, settings.oauth_timeout)
    except AppError as error:
        return _back(request, settings, "/settings" if link_user_id else "/signin", authError=error.message)
    started = store.Started(provider.name, pending.state, pending.nonce, pending.verifier, link_user_id, redirect_uri)
    await store.save_started(settings, started)
    response = RedirectResponse(url, status_code=302)
    response.headers["cache-control"] = "no-store"
    _state_cookie(response, request, settings, pending.state)
    return response


async def callback(request: Request) -> Response:
    settings = _settings(request)
    provider = _provider(settings, request.path_params["provider"])
    if isinstance(provider, Response):
        return provider
    state, cookie = request.query_params.get("state") or "", request.cookies.get(STATE_COOKIE) or ""
    if not state or not cookie:
        message = "This sign-in was not started in this browser, or it expired: start again"
        return _back(request, settings, "/signin", authError=message)
    if not hmac.compare_digest(state.encode(), cookie.encode()):
        return _back(request, settings, "/signin", authError="The sign-in state does not match this browser's: start again")
    started = await store.take_started(settings, state)
    if started is None or started.provider != provider.name:
        return _back(request, settings, "/signin", authError="This sign-in expired or was already used: start again")
    failed = "/settings" if started.link_user_id else "/signin"
    if denied := request.query_params.get("error"):
        detail = request.query_params.get("error_description") or denied
        return _back(request, settings, failed, authError=f"{provider.label} did not sign you in: {detail[:200]}")
    code = request.query_params.get("code")
    if not code:
        return _back(request, settings, failed, authError=f"{provider.label} sent no sign-in code: start again")
    pending = flow.Pending(started.state, started.nonce, started.verifier)
    try:
        who = await flow.identity(provider, pending, started.redirect_uri, code, settings.oauth_timeout)
        async with unit_of_work() as session:
            outcome = await service.complete(session, settings, provider, who, started.link_user_id)
    except AppError as error:
        return _back(request, settings, failed, authError=error.message)
    if outcome.connected:
        return _back(request, settings, "/settings", connected=provider.name)
    if outcome.link_ticket:
        return _back(request, settings, "/link-account", ticket=outcome.link_ticket, provider=provider.name)
    assert outcome.pair is not None
    response = _back(request, settings, "/")
    set_refresh_cookie(response, request.scope, settings, outcome.pair.refresh_token)
    return response
