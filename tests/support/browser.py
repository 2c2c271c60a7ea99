"""What a person does in the browser tests (tests/e2e): sign up, sign in, fill the profile, add a job."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from tests.support.graphql import PASSWORD

# The app's GraphQL requests: queries as GET (/graphql?query=…), mutations as POST.
GRAPHQL = re.compile(r"/graphql(\?|$)")


def sent_query(request) -> str:
    """The GraphQL document of a Playwright request, whether it went as GET or POST."""
    from urllib.parse import parse_qs, urlsplit

    if request.method == "GET":
        return parse_qs(urlsplit(request.url).query).get("query", [""])[0]
    return request.post_data or ""


# Set E2E_SCREENSHOTS=/some/dir to keep screenshots of the main steps.
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS")


def unique_username(prefix: str = "e2e") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


async def screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True, animations="disabled")


async def submit_sign_up(page, username: str, password: str = PASSWORD, email: str | None = None):
    """Fill the sign-up form shown on the page and send it; returns the form."""
    form = page.get_by_role("form", name="Sign up")
    await form.get_by_label("Username").fill(username)
    await form.get_by_label("Email").fill(email or f"{username}@example.com")
    await form.get_by_label("Password").fill(password)
    await form.get_by_role("button", name="Create account").click()
    return form


async def expect_password_refused(form, reason: str) -> None:
    """The sign-up form shows `reason` next to its password field."""
    from playwright.async_api import expect

    await expect(form.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    await expect(form.locator(".field-invalid").get_by_role("alert")).to_contain_text(reason)


async def sign_up(page, username: str, password: str = PASSWORD, email: str | None = None) -> None:
    """Create an account through the sign-up page; ends signed in, on the setup's first step."""
    from playwright.async_api import expect

    await page.goto("/signup")
    await submit_sign_up(page, username, password, email)
    await expect(page).to_have_url(re.compile(r"/welcome$"))
    await expect(page.get_by_role("heading", level=1, name="Set up your companion")).to_be_visible()


async def sign_out(page) -> None:
    """Sign out through the account menu; ends on the sign-in page."""
    from playwright.async_api import expect

    await page.get_by_role("button", name=re.compile("^Account")).click()
    await page.get_by_role("button", name="Sign out").click()
    await expect(page.get_by_role("form", name="Sign in")).to_be_visible()


async def registered(page, username: str, password: str = PASSWORD, email: str | None = None) -> None:
    """An account made through the sign-up page, then signed out: ends on the sign-in page."""
    await sign_up(page, username, password, email)
    await sign_out(page)


async def sign_in(page, login: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in page; ends on the Today page."""
    from playwright.async_api import expect

    if "/signin" not in page.url:
        await page.goto("/signin")
    form = page.get_by_role("form", name="Sign in")
    await form.get_by_label("Username or email").fill(login)
    await form.get_by_label("Password").fill(password)
    await form.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("heading", level=1, name="Today")).to_be_visible()


async def browser_session(page) -> dict:
    """The browser's own session for seeding through the API: what the page's session cookie buys
    (an access token and the user), asked from inside the page as the app does on load."""
    answer = await page.evaluate(
        """async () => {
            const response = await fetch("/auth/refresh", { method: "POST", credentials: "same-origin" });
            return { status: response.status, body: await response.json() };
        }"""
    )
    assert answer["status"] == 200, answer
    body = answer["body"]
    return {"accessToken": body["accessToken"], "userId": body["user"]["id"], "username": body["user"]["username"]}


async def signed_up_and_in(page, prefix: str = "e2e") -> str:
    """A new account, signed in by its sign-up, past the setup (skipped) on the Today page."""
    from playwright.async_api import expect

    username = unique_username(prefix)
    await sign_up(page, username)
    await go_to(page, "Today")
    await expect(page.get_by_role("heading", level=1, name="Today")).to_be_visible()
    return username


async def wait_live(page) -> None:
    """The tab's notification subscription is connected (the bell's live dot)."""
    await page.locator("[data-testid=bell] [data-state=live]").wait_for(state="attached")


async def go_to(page, name: str) -> None:
    """Follow a link of the main navigation as a person does: open its group (or, on a phone, the
    Menu) first when the link is not shown."""
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=name, exact=True)
    if not await link.is_visible():
        menu = nav.get_by_role("button", name="Menu")
        if await menu.is_visible():
            await menu.click()
        else:
            group = nav.locator("[data-nav-group]").filter(has=page.locator(f'a[data-nav-link="{name}"]'))
            await group.get_by_role("button").click()
    await link.click()


async def set_profile(page, skills: str, locations: str, level: str) -> None:
    from playwright.async_api import expect

    await go_to(page, "Profile")
    form = page.get_by_role("form", name="Profile")
    await form.get_by_label("Skills", exact=True).fill(skills)
    await form.get_by_label("Preferred locations", exact=True).fill(locations)
    await form.get_by_label("Experience level").select_option(level)
    await form.get_by_role("button", name="Save profile").click()
    await expect(form.get_by_text("Saved")).to_be_visible()


async def upload_resume(page, filename: str = "john_doe.pdf"):
    """Upload a résumé of tests/fixtures/resumes with the résumé card on the page and wait until it is
    parsed; returns the group of its suggestions."""
    from playwright.async_api import expect

    from tests.support.pdfs import FIXTURES

    upload = page.get_by_role("form", name="Upload résumé")
    await upload.get_by_label("Résumé file").set_input_files(str(FIXTURES / filename))
    await upload.get_by_role("button", name="Upload résumé").click()
    parsed = page.get_by_test_id("resume-status").get_by_role("status").filter(has_text="Parsed")
    await expect(parsed).to_be_visible(timeout=40_000)
    return page.get_by_role("group", name="Suggested profile changes")


async def add_job(page, **fields: str) -> None:
    """Fill the "Add job" dialog; field names are the form labels."""
    from playwright.async_api import expect

    await go_to(page, "Jobs")
    await page.get_by_role("button", name="Add job").first.click()
    dialog = page.get_by_role("dialog", name="Add a job")
    for label, value in fields.items():
        control = dialog.get_by_label(label, exact=True)
        if await control.evaluate("el => el.tagName") == "SELECT":
            await control.select_option(value)
        else:
            await control.fill(value)
    await dialog.get_by_role("button", name="Add job").click()
    await expect(dialog).to_be_hidden()
