"""The browser's session: the refresh token in an HttpOnly cookie, POST /auth/refresh and /auth/logout."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import httpx

from tests.support.graphql import PASSWORD, SIGN_IN, signed_up

VIEWER = "query { viewer { username } }"


async def cookie_sign_in(client: httpx.AsyncClient, username: str, **headers: str) -> httpx.Response:
    variables = {"input": {"username": username, "password": PASSWORD, "refreshTokenCookie": True}}
    return await client.post("/graphql", json={"query": SIGN_IN, "variables": variables}, headers=headers)


def set_cookie(response: httpx.Response) -> dict[str, str]:
    """The attributes of the cc_refresh Set-Cookie header (names lower-cased; flags map to "")."""
    [header] = [h for h in response.headers.get_list("set-cookie") if h.startswith("cc_refresh=")]
    first, *rest = [part.strip() for part in header.split(";")]
    attributes = {"value": first.partition("=")[2].strip('"')}
    for part in rest:
        name, _, value = part.partition("=")
        attributes[name.lower()] = value
    return attributes


@contextlib.asynccontextmanager
async def behind_https_proxy() -> AsyncIterator[httpx.AsyncClient]:
    """The API behind a TLS-terminating proxy on loopback (X-Forwarded-Proto: https)."""
    from api.app import create_app
    from api.config import get_settings
    from tests.support.running import running_server

    settings = get_settings().model_copy(update={"trusted_proxies": ["127.0.0.1"]})
    https = {"x-forwarded-proto": "https"}
    async with running_server(create_app(settings)) as url, httpx.AsyncClient(base_url=url, timeout=20, headers=https) as client:
        yield client


class TestCookieSignIn:
    async def test_the_refresh_token_goes_into_an_http_only_strict_cookie_scoped_to_auth(self, client):
        # given
        user = await signed_up(client)
        # when
        response = await cookie_sign_in(client, user.username)
        # then: not in the body, not sent with GraphQL requests, not readable by scripts
        payload = response.json()["data"]["tokenCreate"]
        cookie = set_cookie(response)
        assert payload["refreshToken"] is None and payload["accessToken"] and payload["errors"] == []
        assert cookie["path"] == "/auth" and cookie["samesite"].lower() == "strict"
        assert "httponly" in cookie and "secure" not in cookie  # plain http on loopback
        assert len(cookie["value"]) > 30 and int(cookie["max-age"]) == 30 * 86400

    async def test_over_https_the_cookie_is_secure_and_hsts_is_sent(self, client):
        # given
        user = await signed_up(client)
        async with behind_https_proxy() as https:
            # when
            response = await cookie_sign_in(https, user.username)
        # then
        assert "secure" in set_cookie(response)
        assert response.headers["strict-transport-security"].startswith("max-age=")

    async def test_api_clients_still_get_the_refresh_token_in_the_body_and_no_cookie(self, client):
        # given
        user = await signed_up(client)
        # when
        response = await client.post(
            "/graphql", json={"query": SIGN_IN, "variables": {"input": {"username": user.username, "password": PASSWORD}}}
        )
        # then
        assert response.json()["data"]["tokenCreate"]["refreshToken"]
        assert "set-cookie" not in response.headers

    async def test_over_the_websocket_a_cookie_is_refused_as_a_field_error(self, client, base_url):
        # given
        from tests.support.ws import Subscription

        user = await signed_up(client)
        variables = {"input": {"username": user.username, "password": PASSWORD, "refreshTokenCookie": True}}
        # when
        async with Subscription(base_url, None) as ws:
            await ws.start(SIGN_IN, variables)
            message = await ws.next()
        # then
        payload = message["payload"]["data"]["tokenCreate"]
        assert payload["accessToken"] is None
        assert payload["errors"][0]["field"] == "refreshTokenCookie"


class TestAuthRefresh:
    async def test_the_cookie_buys_an_access_token_and_rotates(self, client, base_url):
        # given: a browser-like client that keeps cookies
        user = await signed_up(client)
        async with httpx.AsyncClient(base_url=base_url, timeout=20) as browser:
            signed_in = await cookie_sign_in(browser, user.username)
            first_cookie = set_cookie(signed_in)["value"]
            # when
            refreshed = await browser.post("/auth/refresh")
            body = refreshed.json()
            viewer = await browser.post(
                "/graphql", json={"query": VIEWER}, headers={"authorization": f"Bearer {body['accessToken']}"}
            )
        # then
        assert refreshed.status_code == 200 and refreshed.headers["cache-control"] == "no-store"
        assert body["user"]["username"] == user.username and body["accessTokenExpiresAt"]
        assert set_cookie(refreshed)["value"] not in ("", first_cookie)
        assert viewer.json()["data"]["viewer"]["username"] == user.username

    async def test_without_a_cookie_it_answers_that_nobody_is_signed_in(self, client):
        # when
        response = await client.post("/auth/refresh")
        # then no error (a signed-out page load would log one in the console), and no session
        assert response.status_code == 204 and response.content == b""
        assert response.headers["cache-control"] == "no-store"

    async def test_a_cross_site_origin_is_refused(self, client, base_url):
        # given
        user = await signed_up(client)
        async with httpx.AsyncClient(base_url=base_url, timeout=20) as browser:
            await cookie_sign_in(browser, user.username)
            # when
            response = await browser.post("/auth/refresh", headers={"origin": "https://evil.example"})
        # then
        assert response.status_code == 403

    async def test_a_reused_cookie_after_the_leeway_revokes_the_session(self, client, base_url, services):
        # given: a cookie value copied before it rotated
        from tests.user.test_auth import age_rotation

        user = await signed_up(client)
        async with httpx.AsyncClient(base_url=base_url, timeout=20) as browser:
            stolen = set_cookie(await cookie_sign_in(browser, user.username))["value"]
            await browser.post("/auth/refresh")
            await age_rotation(services, stolen, seconds=60)
            # when
            replay = await client.post("/auth/refresh", cookies={"cc_refresh": stolen})
            owner = await browser.post("/auth/refresh")
        # then: both the thief and the owner are out
        assert replay.status_code == 401 and "already used" in replay.json()["error"]["message"]
        assert owner.status_code == 401
        assert set_cookie(replay)["value"] == ""


class TestAuthLogout:
    async def test_logout_revokes_and_clears_the_cookie(self, client, base_url):
        # given
        user = await signed_up(client)
        async with httpx.AsyncClient(base_url=base_url, timeout=20) as browser:
            token = set_cookie(await cookie_sign_in(browser, user.username))["value"]
            # when
            out = await browser.post("/auth/logout")
            again = await client.post("/auth/refresh", cookies={"cc_refresh": token})
        # then
        assert out.status_code == 204
        cleared = set_cookie(out)
        assert cleared["value"] == "" and cleared["max-age"] == "0" and cleared["path"] == "/auth"
        assert again.status_code == 401
