"""Sign in with a provider over real HTTP: the API, the local OpenID provider and the GitHub-like one
on loopback (tests/support/oidc.py), authlib on both sides."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.support.graphql import PASSWORD, SIGN_IN, Session
from tests.support.oidc import Providers, authorized_callback, provider_sign_in, redirect_of, restored

VIEWER = "query { viewer { username email hasPassword connectedAccounts { id provider providerLabel email emailVerified } } }"
PROVIDERS = "query { authProviders { name label } }"


@pytest.fixture
async def browser(providers: Providers) -> AsyncIterator[httpx.AsyncClient]:
    """A client with a cookie jar against the API configured with the local providers."""
    async with httpx.AsyncClient(base_url=providers.api_url, timeout=20) as client:
        yield client


async def viewer(client: httpx.AsyncClient, token: str) -> dict:
    return (await Session(client, token).gql(VIEWER))["viewer"]


async def users_with_email(client: httpx.AsyncClient, email: str) -> int:
    from sqlalchemy import func, select

    from api.db import read_session
    from api.models import User

    async with read_session() as session:
        return len((await session.execute(select(User.id).where(func.lower(User.email) == email.lower()))).all())


class TestProviderList:
    async def test_only_configured_providers_are_listed(self, browser):
        # given: the API has "local" (OpenID) and "github" configured, Google and LinkedIn not
        # when
        data = await Session(browser).gql(PROVIDERS)
        # then
        assert data["authProviders"] == [{"name": "github", "label": "GitHub"}, {"name": "local", "label": "Local ID"}]


class TestOpenIdSignIn:
    async def test_a_first_sign_in_creates_an_account_and_a_working_session(self, browser, providers):
        # given
        person = providers.local.person
        # when
        response = await provider_sign_in(browser)
        # then: back to the app with the session cookie, which the app restores
        assert redirect_of(response) == ("/", {})
        token = await restored(browser)
        assert token is not None
        me = await viewer(browser, token)
        assert me["email"] == person.email and me["username"].startswith("ada") and me["hasPassword"] is False
        assert [(a["provider"], a["providerLabel"], a["email"], a["emailVerified"]) for a in me["connectedAccounts"]] == [
            ("local", "Local ID", person.email, True)
        ]

    async def test_a_second_sign_in_reaches_the_same_account(self, browser, providers):
        # given
        await provider_sign_in(browser)
        first = await viewer(browser, await restored(browser))
        browser.cookies.clear()
        # when
        response = await provider_sign_in(browser)
        # then
        assert redirect_of(response) == ("/", {})
        second = await viewer(browser, await restored(browser))
        assert second["username"] == first["username"] and len(second["connectedAccounts"]) == 1

    async def test_a_username_taken_by_someone_else_gets_a_number(self, browser, providers):
        # given: two people whose preferred usernames are the same
        await provider_sign_in(browser)
        first = await viewer(browser, await restored(browser))
        providers.local.reset()
        browser.cookies.clear()
        # when
        await provider_sign_in(browser)
        # then
        second = await viewer(browser, await restored(browser))
        assert second["username"] != first["username"] and second["username"].startswith("ada")

    async def test_password_sign_in_of_an_account_made_by_a_provider_is_refused_clearly(self, browser, providers):
        # given
        await provider_sign_in(browser)
        me = await viewer(browser, await restored(browser))
        # when
        data = await Session(browser).gql(SIGN_IN, {"input": {"username": me["username"], "password": PASSWORD}})
        # then
        [error] = data["tokenCreate"]["errors"]
        assert error["code"] == "INVALID_CREDENTIALS" and "no password" in error["message"]
        assert data["tokenCreate"]["accessToken"] is None


class TestGitHubSignIn:
    async def test_the_verified_primary_email_of_the_github_account_is_used(self, browser, providers):
        # given: an unverified primary address and a verified secondary one
        person = providers.github.person
        providers.github.emails = [
            {"email": "old@example.org", "primary": True, "verified": False},
            {"email": person.email, "primary": False, "verified": True},
        ]
        # when
        response = await provider_sign_in(browser, "github")
        # then
        assert redirect_of(response) == ("/", {})
        me = await viewer(browser, await restored(browser))
        assert me["email"] == person.email
        assert [(a["provider"], a["emailVerified"]) for a in me["connectedAccounts"]] == [("github", True)]

    async def test_a_github_account_without_a_verified_email_makes_no_account(self, browser, providers):
        # given
        providers.github.person.email_verified = False
        # when
        response = await provider_sign_in(browser, "github")
        # then
        path, query = redirect_of(response)
        assert path == "/signin" and "verified" in query["authError"]
        assert await restored(browser) is None
        assert await users_with_email(browser, providers.github.person.email) == 0


class TestAuthorizationRequest:
    async def test_start_asks_for_a_code_with_pkce_state_and_nonce_and_binds_the_state_to_the_browser(self, browser, providers):
        # when
        response = await browser.get("/auth/local/start")
        # then
        assert response.status_code == 302
        url = httpx.URL(response.headers["location"])
        assert str(url).startswith(f"{providers.local.url}/authorize?")
        params = url.params
        assert params["response_type"] == "code" and params["client_id"] == providers.local.client.client_id
        assert params["redirect_uri"] == f"{providers.api_url}/auth/local/callback"
        assert params["code_challenge_method"] == "S256" and len(params["code_challenge"]) == 43
        assert set(params["scope"].split()) == {"openid", "email", "profile"}
        assert len(params["nonce"]) >= 22 and browser.cookies["cc_oauth_state"] == params["state"]
        [cookie] = [h for h in response.headers.get_list("set-cookie") if h.startswith("cc_oauth_state=")]
        assert "HttpOnly" in cookie and "Path=/auth" in cookie and "SameSite=lax" in cookie

    async def test_every_start_has_its_own_state_nonce_and_verifier(self, browser):
        # when
        first = httpx.URL((await browser.get("/auth/local/start")).headers["location"]).params
        second = httpx.URL((await browser.get("/auth/local/start")).headers["location"]).params
        # then
        assert first["state"] != second["state"] and first["nonce"] != second["nonce"]
        assert first["code_challenge"] != second["code_challenge"]


class TestRefusedSignIns:
    async def test_an_unknown_provider_is_not_found(self, browser):
        # when
        start = await browser.get("/auth/nosuch/start")
        callback = await browser.get("/auth/nosuch/callback", params={"code": "x", "state": "y"})
        # then
        assert start.status_code == callback.status_code == 404
        assert "Unknown sign-in provider" in start.json()["error"]["message"]

    async def test_a_provider_that_is_not_configured_is_not_found(self, browser):
        # when: Google is built in, but this server has no client id for it
        response = await browser.get("/auth/google/start")
        # then
        assert response.status_code == 404
        assert response.json()["error"] == {
            "message": "Sign-in with Google is not configured on this server",
            "code": "NOT_CONFIGURED",
        }

    async def test_a_callback_without_a_started_sign_in_in_this_browser_is_refused(self, browser, providers):
        # given: a sign-in started in another browser
        async with httpx.AsyncClient(base_url=providers.api_url, timeout=20) as other:
            callback = await authorized_callback(other)
        # when
        response = await browser.get(callback)
        # then
        path, query = redirect_of(response)
        assert path == "/signin" and "not started in this browser" in query["authError"]
        assert "cc_refresh" not in browser.cookies
        assert await users_with_email(browser, providers.local.person.email) == 0

    async def test_a_wrong_state_is_refused(self, browser, providers):
        # given
        callback = await authorized_callback(browser)
        tampered = httpx.URL(callback).copy_set_param("state", "forged-state")
        # when
        response = await browser.get(tampered)
        # then
        path, query = redirect_of(response)
        assert path == "/signin" and "state does not match" in query["authError"]
        assert await restored(browser) is None

    async def test_a_state_works_once(self, browser, providers):
        # given: a finished sign-in, then its callback again (the state cookie is set again by a copy)
        callback = await authorized_callback(browser)
        state = httpx.URL(callback).params["state"]
        await browser.get(callback)
        browser.cookies.set("cc_oauth_state", state, path="/auth")
        # when
        response = await browser.get(callback)
        # then
        path, query = redirect_of(response)
        assert path == "/signin" and "already used" in query["authError"]

    async def test_a_reused_code_is_refused(self, browser, providers):
        # given: a code that already signed in once
        used = await authorized_callback(browser)
        assert redirect_of(await browser.get(used)) == ("/", {})
        browser.cookies.clear()
        fresh = httpx.URL(await authorized_callback(browser))
        # when: the fresh sign-in's state with the old code
        response = await browser.get(fresh.copy_set_param("code", httpx.URL(used).params["code"]))
        # then
        path, query = redirect_of(response)
        assert path == "/signin" and "refused the sign-in code" in query["authError"]
        assert await restored(browser) is None

    @pytest.mark.parametrize(
        "tamper",
        [{"nonce": "another-sign-in"}, {"aud": "someone-else"}, {"exp": -3600}, {"key": "other"}],
        ids=["wrong nonce", "wrong audience", "expired", "badly signed"],
    )
    async def test_an_id_token_that_fails_a_check_is_refused_and_nothing_is_written(self, browser, providers, tamper):
        # given
        providers.local.tamper = tamper
        # when
        response = await provider_sign_in(browser)
        # then
        path, query = redirect_of(response)
        assert path == "/signin" and "ID token was refused" in query["authError"]
        assert await restored(browser) is None
        assert await users_with_email(browser, providers.local.person.email) == 0

    async def test_a_refusal_at_the_provider_is_reported(self, browser, providers):
        # given
        callback = httpx.URL(await authorized_callback(browser))
        denied = callback.copy_remove_param("code").copy_add_param("error", "access_denied")
        # when
        response = await browser.get(denied)
        # then
        path, query = redirect_of(response)
        assert path == "/signin" and "access_denied" in query["authError"]


class TestProviderUnreachable:
    async def test_a_provider_that_does_not_answer_is_a_clear_error(self):
        # given: an OpenID provider configured at an address where nothing listens
        from api.identity import flow
        from api.identity.providers import Provider
        from tests.support.running import free_port

        provider = Provider("down", "Down", issuer=f"http://127.0.0.1:{free_port()}", client_id="a", client_secret="b")
        # when
        with pytest.raises(flow.ProviderError) as refused:
            await flow.authorize_url(provider, flow.new_pending(), "http://127.0.0.1:1/auth/down/callback", 5)
        # then
        assert "did not answer as expected" in refused.value.message


class TestStartRate:
    async def test_starts_beyond_the_rate_of_an_address_go_back_with_the_wait(self, providers):
        # given an API that lets an address start 3 provider sign-ins per window
        from api.app import create_app
        from api.config import get_settings
        from tests.support.running import running_server

        entry = providers.local.settings_entry("local", "Local ID")
        changes = {"oidc_providers": [entry], "rate_limit_provider_starts": 3, "trusted_proxies": ["127.0.0.1"]}
        settings = get_settings().model_copy(update=changes)
        address = f"10.0.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250 + 1}"  # the client, as the trusted proxy says
        async with (
            running_server(create_app(settings)) as api_url,
            httpx.AsyncClient(base_url=api_url, timeout=20, headers={"x-forwarded-for": address}) as browser,
        ):
            # when the address starts four times
            answers = [await browser.get("/auth/local/start") for _ in range(4)]
            linking = await browser.get("/auth/local/start", params={"link": "a-ticket"})
        # then three go to the provider, the fourth back to sign-in saying when to try again
        assert [a.status_code for a in answers] == [302, 302, 302, 303]
        assert all(a.headers["location"].startswith(providers.local.url) for a in answers[:3])
        path, params = redirect_of(answers[3])
        assert path == "/signin"
        assert params["authError"].startswith("At most 3 provider sign-ins every 10 minutes; try again in ")
        assert "cc_oauth_state=" in answers[3].headers["set-cookie"]  # the state cookie is cleared, none kept
        # and a linking start goes back to settings
        assert redirect_of(linking)[0] == "/settings"
