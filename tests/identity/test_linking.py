"""Connecting providers to accounts: while signed in, or by the account's password when the provider
vouches for the email; disconnecting, unless it is the last way to sign in."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.support.graphql import PASSWORD, REGISTER, SIGN_IN, Session, signed_up, unique
from tests.support.oidc import Providers, provider_sign_in, redirect_of, restored

VIEWER = "query { viewer { username hasPassword connectedAccounts { id provider email } } }"
CONNECT = """
mutation Connect($input: IdentityConnectInput!) { identityConnect(input: $input) { url errors { field message code } } }
"""
DISCONNECT = """
mutation Disconnect($input: IdentityDisconnectInput!) {
  identityDisconnect(input: $input) { disconnected { provider } errors { field message code } }
}
"""
CONFIRM = """
mutation Confirm($input: IdentityLinkConfirmInput!) {
  identityLinkConfirm(input: $input) { accessToken refreshToken user { username } errors { field message code } }
}
"""


@pytest.fixture
async def browser(providers: Providers) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=providers.api_url, timeout=20) as client:
        yield client


async def account_with_email(client: httpx.AsyncClient, email: str) -> Session:
    """A password account holding `email`, signed in over GraphQL."""
    session, username = Session(client), unique()
    await session.gql(REGISTER, {"input": {"username": username, "email": email, "password": PASSWORD}})
    data = await session.gql(SIGN_IN, {"input": {"username": username, "password": PASSWORD}})
    session.token, session.username = data["tokenCreate"]["accessToken"], username
    return session


async def signed_in_browser(client: httpx.AsyncClient) -> Session:
    """A new password account, signed in as the web app does: the refresh token in the client's cookie jar."""
    session, username = Session(client), unique()
    await session.gql(REGISTER, {"input": {"username": username, "email": f"{username}@example.com", "password": PASSWORD}})
    input = {"username": username, "password": PASSWORD, "refreshTokenCookie": True}
    session.token, session.username = (await session.gql(SIGN_IN, {"input": input}))["tokenCreate"]["accessToken"], username
    return session


async def connect_url(session: Session, provider: str = "local") -> httpx.URL:
    data = await session.gql(CONNECT, {"input": {"provider": provider}})
    assert data["identityConnect"]["errors"] == []
    return httpx.URL(data["identityConnect"]["url"])


async def connect(session: Session, browser: httpx.AsyncClient, provider: str = "local") -> httpx.Response:
    url = await connect_url(session, provider)
    return await provider_sign_in(browser, url.path.split("/")[2], link=url.params["link"])


class TestConnectWhileSignedIn:
    async def test_a_signed_in_person_connects_a_provider_and_then_signs_in_with_it(self, browser, providers):
        # given
        session = await signed_in_browser(browser)
        # when
        response = await connect(session, browser)
        # then
        assert redirect_of(response) == ("/settings", {"connected": "local"})
        me = (await session.gql(VIEWER))["viewer"]
        assert [(a["provider"], a["email"]) for a in me["connectedAccounts"]] == [("local", providers.local.person.email)]
        browser.cookies.clear()
        assert redirect_of(await provider_sign_in(browser)) == ("/", {})
        assert (await Session(browser, await restored(browser)).gql(VIEWER))["viewer"]["username"] == session.username

    async def test_an_unverified_email_does_not_matter_while_signed_in(self, browser, providers):
        # given
        providers.local.person.email_verified = False
        session = await signed_in_browser(browser)
        # when
        response = await connect(session, browser)
        # then
        assert redirect_of(response)[0] == "/settings"
        assert len((await session.gql(VIEWER))["viewer"]["connectedAccounts"]) == 1

    async def test_a_provider_account_connected_to_someone_else_is_refused(self, browser, providers):
        # given: the provider account already made an account of its own
        await provider_sign_in(browser)
        browser.cookies.clear()
        session = await signed_in_browser(browser)
        # when
        response = await connect(session, browser)
        # then
        path, query = redirect_of(response)
        assert path == "/settings" and "already connected to another account" in query["authError"]
        assert (await session.gql(VIEWER))["viewer"]["connectedAccounts"] == []

    async def test_connecting_a_provider_that_is_not_configured_is_a_field_error(self, browser):
        # given
        session = await signed_up(browser)
        # when
        data = await session.gql(CONNECT, {"input": {"provider": "google"}})
        # then
        assert data["identityConnect"]["url"] is None
        assert data["identityConnect"]["errors"] == [
            {"field": "provider", "message": "No sign-in provider 'google' is configured", "code": "NOT_FOUND"}
        ]

    async def test_a_connect_link_opened_in_a_browser_without_the_session_is_refused(self, browser, providers):
        # given: the link planted on another site and opened by someone else (no session cookie here)
        owner = await signed_up(browser)  # signed in over the API only: no cookie in this browser
        url = await connect_url(owner)
        # when
        response = await browser.get(url)
        # then: their provider account is not connected to the link's owner
        path, query = redirect_of(response)
        assert path == "/settings" and "browser you are signed in with" in query["authError"]
        assert (await owner.gql(VIEWER))["viewer"]["connectedAccounts"] == []

    async def test_a_connect_link_of_another_account_is_refused(self, browser, providers):
        # given: this browser is signed in as someone else than the link's owner
        owner = await signed_up(browser)
        await signed_in_browser(browser)
        # when
        response = await browser.get(await connect_url(owner))
        # then
        path, query = redirect_of(response)
        assert path == "/settings" and "browser you are signed in with" in query["authError"]

    async def test_a_forged_connect_ticket_is_refused(self, browser, providers):
        # when
        response = await browser.get("/auth/local/start", params={"link": "not-a-ticket"})
        # then
        path, query = redirect_of(response)
        assert path == "/settings" and "invalid or expired" in query["authError"]


class TestConfirmWithPassword:
    async def test_a_verified_email_of_an_existing_account_waits_for_its_password(self, browser, providers):
        # given
        owner = await account_with_email(browser, providers.local.person.email)
        # when
        response = await provider_sign_in(browser)
        # then: no session yet, and nothing connected
        path, query = redirect_of(response)
        assert path == "/link-account" and query["provider"] == "local" and query["ticket"]
        assert await restored(browser) is None
        assert (await owner.gql(VIEWER))["viewer"]["connectedAccounts"] == []

    async def test_the_right_password_connects_the_provider_and_signs_in(self, browser, providers):
        # given
        owner = await account_with_email(browser, providers.local.person.email)
        ticket = redirect_of(await provider_sign_in(browser))[1]["ticket"]
        # when
        data = await Session(browser).gql(CONFIRM, {"input": {"ticket": ticket, "password": PASSWORD}})
        # then
        payload = data["identityLinkConfirm"]
        assert payload["errors"] == [] and payload["user"]["username"] == owner.username
        assert payload["accessToken"] and payload["refreshToken"] is None  # in the cookie instead
        assert (await Session(browser, await restored(browser)).gql(VIEWER))["viewer"]["username"] == owner.username
        browser.cookies.clear()
        assert redirect_of(await provider_sign_in(browser)) == ("/", {})  # next time straight in

    async def test_a_wrong_password_connects_nothing(self, browser, providers):
        # given
        owner = await account_with_email(browser, providers.local.person.email)
        ticket = redirect_of(await provider_sign_in(browser))[1]["ticket"]
        # when
        data = await Session(browser).gql(CONFIRM, {"input": {"ticket": ticket, "password": "not-the-password-at-all"}})
        # then
        payload = data["identityLinkConfirm"]
        assert payload["accessToken"] is None
        assert payload["errors"] == [
            {"field": "password", "message": "Wrong username or password", "code": "INVALID_CREDENTIALS"}
        ]
        assert (await owner.gql(VIEWER))["viewer"]["connectedAccounts"] == []

    async def test_a_ticket_works_once(self, browser, providers):
        # given
        await account_with_email(browser, providers.local.person.email)
        ticket = redirect_of(await provider_sign_in(browser))[1]["ticket"]
        await Session(browser).gql(CONFIRM, {"input": {"ticket": ticket, "password": PASSWORD}})
        # when
        data = await Session(browser).gql(CONFIRM, {"input": {"ticket": ticket, "password": PASSWORD}})
        # then
        [error] = data["identityLinkConfirm"]["errors"]
        assert error["field"] == "ticket" and error["code"] == "EXPIRED"

    async def test_an_unverified_email_of_an_existing_account_is_refused(self, browser, providers):
        # given
        providers.local.person.email_verified = False
        owner = await account_with_email(browser, providers.local.person.email)
        # when
        response = await provider_sign_in(browser)
        # then: never silently taken over, and no pending link either
        path, query = redirect_of(response)
        assert path == "/signin" and "does not confirm the email is verified" in query["authError"]
        assert await restored(browser) is None
        assert (await owner.gql(VIEWER))["viewer"]["connectedAccounts"] == []


class TestDisconnect:
    async def test_the_last_way_to_sign_in_cannot_be_disconnected(self, browser, providers):
        # given: an account made by the provider, without a password
        await provider_sign_in(browser)
        session = Session(browser, await restored(browser))
        [account] = (await session.gql(VIEWER))["viewer"]["connectedAccounts"]
        # when
        data = await session.gql(DISCONNECT, {"input": {"id": account["id"]}})
        # then
        [error] = data["identityDisconnect"]["errors"]
        assert error["field"] == "id" and "only way to sign in" in error["message"]
        assert len((await session.gql(VIEWER))["viewer"]["connectedAccounts"]) == 1

    async def test_with_another_provider_connected_one_can_go(self, browser, providers):
        # given
        await provider_sign_in(browser)
        session = Session(browser, await restored(browser))
        await connect(session, browser, "github")
        local = next(a for a in (await session.gql(VIEWER))["viewer"]["connectedAccounts"] if a["provider"] == "local")
        # when
        data = await session.gql(DISCONNECT, {"input": {"id": local["id"]}})
        # then
        assert data["identityDisconnect"] == {"disconnected": {"provider": "local"}, "errors": []}
        assert [a["provider"] for a in (await session.gql(VIEWER))["viewer"]["connectedAccounts"]] == ["github"]

    async def test_with_a_password_the_only_provider_can_go(self, browser, providers):
        # given
        session = await signed_in_browser(browser)
        await connect(session, browser)
        [account] = (await session.gql(VIEWER))["viewer"]["connectedAccounts"]
        # when
        data = await session.gql(DISCONNECT, {"input": {"id": account["id"]}})
        # then
        assert data["identityDisconnect"]["errors"] == []
        assert (await session.gql(VIEWER))["viewer"]["connectedAccounts"] == []

    async def test_another_persons_connected_account_is_not_found(self, browser, providers):
        # given
        await provider_sign_in(browser)
        [theirs] = (await Session(browser, await restored(browser)).gql(VIEWER))["viewer"]["connectedAccounts"]
        me = await signed_up(browser)
        # when
        data = await me.gql(DISCONNECT, {"input": {"id": theirs["id"]}})
        # then
        assert data["identityDisconnect"]["errors"] == [
            {"field": "id", "message": "Connected account not found", "code": "NOT_FOUND"}
        ]
