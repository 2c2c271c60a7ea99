"""The browser session as a person lives it: the refresh token in an HttpOnly cookie that no script
reads, the access token in memory; a reload or a new tab stays signed in; signing out ends it everywhere.
Every page of every browser test also runs under the app's Content-Security-Policy with no violation
(tests/e2e/conftest.py fails a test on any)."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.support.browser import PASSWORD, expect_password_refused, registered, signed_up_and_in, submit_sign_up, unique_username
from tests.support.waiting import eventually

pytestmark = pytest.mark.browser


async def refresh_cookie(context) -> dict | None:
    return next((c for c in await context.cookies() if c["name"] == "cc_refresh"), None)


async def cookie_gone(context) -> bool:
    return await refresh_cookie(context) is None


async def test_reload_and_new_tabs_stay_signed_in_by_the_cookie_and_sign_out_ends_it(context, page, page_errors, base_url):
    # Signed in: the refresh token is an HttpOnly, SameSite=Strict cookie for /auth only.
    username = await signed_up_and_in(page, "session")
    cookie = await refresh_cookie(context)
    assert cookie is not None
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"], cookie["secure"]) == (True, "Strict", "/auth", False)
    # Nothing of the session is within a script's reach.
    assert await page.evaluate("document.cookie") == ""
    storage = await page.evaluate("JSON.stringify(Object.assign({}, localStorage, sessionStorage))")
    assert cookie["value"] not in storage

    # A reload signs the page in again from the cookie, without the sign-in page.
    await page.reload()
    await expect(page.get_by_role("heading", level=1, name="Today")).to_be_visible()
    await expect(page.get_by_role("button", name=f"Account: {username}")).to_be_visible()
    await expect(page).to_have_url(re.compile(r"/$"))

    # A tab opened later is signed in too.
    other = await context.new_page()
    page_errors.watch(other)
    await other.goto("/board")
    await expect(other.get_by_role("heading", level=1, name="Board")).to_be_visible()

    # Signing out ends the session in both tabs and removes the cookie.
    await page.get_by_role("button", name=re.compile("^Account")).click()
    await page.get_by_role("button", name="Sign out").click()
    await expect(page).to_have_url(re.compile(r"/signin"))
    await expect(other).to_have_url(re.compile(r"/signin"))
    await eventually(lambda: cookie_gone(context))

    # A reload stays signed out.
    await other.reload()
    await expect(other).to_have_url(re.compile(r"/signin"))
    await expect(other.get_by_role("heading", name="Welcome back")).to_be_visible()


async def test_a_common_password_is_refused_at_sign_up(page, base_url):
    # given
    await page.goto("/signup")
    # when
    form = await submit_sign_up(page, unique_username("common"), "Password123")
    # then
    await expect_password_refused(form, "one of the most common passwords")


async def test_repeated_wrong_passwords_make_the_sign_in_wait(page, base_url):
    # given: an account and five wrong passwords
    username = unique_username("throttled")
    await registered(page, username)
    form = page.get_by_role("form", name="Sign in")
    await form.get_by_label("Username or email").fill(username)
    for _ in range(5):
        await form.get_by_label("Password").fill("not-the-Password-1")
        async with page.expect_response(lambda r: r.url.endswith("/graphql") and r.request.method == "POST"):
            await form.get_by_role("button", name="Sign in").click()
        await expect(form.get_by_role("alert")).to_contain_text("Wrong username or password")
    # when: the right password
    await form.get_by_label("Password").fill(PASSWORD)
    await form.get_by_role("button", name="Sign in").click()
    # then: the person is told how long to wait, and stays signed out
    await expect(form.get_by_role("alert")).to_contain_text(
        re.compile(r"Too many sign-in attempts\. Try again in \d+ seconds?\.")
    )
    await expect(page).to_have_url(re.compile(r"/signin"))
