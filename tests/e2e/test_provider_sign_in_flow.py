"""Sign in with a provider as a person does: the sign-in page shows the configured providers only,
"Continue with …" goes through the local OpenID provider (tests/support/oidc.py) and lands signed in;
Settings → Connected accounts connects another provider and disconnects one, and refuses to
disconnect the last way to sign in. An existing account's email waits for its password."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.support.browser import PASSWORD, go_to, registered, unique_username
from tests.support.oidc import Providers

pytestmark = pytest.mark.browser


@pytest.fixture
def base_url(providers: Providers) -> str:
    """The browser (tests/e2e's `context`) opens the API that has the local providers configured."""
    return providers.api_url


async def test_sign_in_with_a_provider_then_connect_and_disconnect_in_settings(page, providers):
    # The sign-in page offers the configured providers, and no other.
    await page.goto("/signin")
    buttons = page.get_by_test_id("auth-providers")
    await expect(buttons.get_by_role("link", name="Continue with Local ID")).to_be_visible()
    await expect(buttons.get_by_role("link", name="Continue with GitHub")).to_be_visible()
    await expect(buttons.get_by_role("link", name=re.compile("Google|LinkedIn"))).to_have_count(0)

    # Through the local OpenID provider and back: signed in to a new account.
    await buttons.get_by_role("link", name="Continue with Local ID").click()
    await expect(page.get_by_role("heading", level=1, name="Today")).to_be_visible()
    await expect(page.get_by_role("button", name=re.compile(r"^Account: ada"))).to_be_visible()

    # Settings lists the connected provider; the last way to sign in cannot go.
    await go_to(page, "Settings")
    section = page.get_by_test_id("connected-accounts")
    accounts = section.get_by_test_id("connected-account")
    await expect(accounts).to_have_count(1)
    await expect(accounts.first).to_contain_text("Local ID")
    await expect(accounts.first).to_contain_text(providers.local.person.email)
    await section.get_by_role("button", name="Disconnect Local ID").click()
    await expect(section.get_by_role("alert")).to_contain_text("only way to sign in")
    await expect(accounts).to_have_count(1)

    # Connect GitHub: through the GitHub-like provider and back to settings.
    await section.get_by_role("button", name="Connect GitHub").click()
    await expect(page).to_have_url(re.compile(r"/settings\?connected=github"))
    section = page.get_by_test_id("connected-accounts")
    await expect(section.get_by_role("status")).to_contain_text("GitHub is connected")
    await expect(section.get_by_test_id("connected-account")).to_have_count(2)

    # With two, one can go.
    await section.get_by_role("button", name="Disconnect Local ID").click()
    await expect(section.get_by_test_id("connected-account")).to_have_count(1)
    await expect(section.get_by_test_id("connected-account").first).to_contain_text("GitHub")


async def test_an_existing_accounts_email_is_connected_only_with_its_password(page, providers):
    # An account with a password holds the email the provider vouches for.
    username = unique_username("link")
    await registered(page, username, email=providers.local.person.email)

    # Continue with the provider: asked for that account's password, not signed in yet.
    await page.get_by_test_id("auth-providers").get_by_role("link", name="Continue with Local ID").click()
    form = page.get_by_role("form", name="Connect your account")
    await expect(form).to_be_visible()
    await form.get_by_label("Password").fill("not-the-password-at-all")
    await form.get_by_role("button", name="Connect Local ID and sign in").click()
    await expect(form.get_by_role("alert")).to_contain_text("Wrong username or password")

    # The right password connects it and signs in to that account.
    await form.get_by_label("Password").fill(PASSWORD)
    await form.get_by_role("button", name="Connect Local ID and sign in").click()
    await expect(page.get_by_role("heading", level=1, name="Today")).to_be_visible()
    await expect(page.get_by_role("button", name=f"Account: {username}")).to_be_visible()


async def test_a_refused_sign_in_is_explained_on_the_sign_in_page(page, providers):
    # An ID token for someone else (wrong audience) is refused; the page says why.
    providers.local.tamper = {"aud": "someone-else"}
    await page.goto("/signin")
    await page.get_by_test_id("auth-providers").get_by_role("link", name="Continue with Local ID").click()
    await expect(page).to_have_url(re.compile(r"/signin\?authError="))
    await expect(page.get_by_test_id("auth-error")).to_contain_text("ID token was refused")
    await expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
