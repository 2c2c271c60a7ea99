"""The foundation, as a person uses it in a real browser: account, profile, a job and its
score, the board, and live alerts reaching every open tab."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.support.browser import (
    GRAPHQL,
    PASSWORD,
    add_job,
    expect_password_refused,
    go_to,
    registered,
    screenshot,
    sent_query,
    set_profile,
    sign_in,
    sign_out,
    sign_up,
    submit_sign_up,
    unique_username,
    wait_live,
)
from tests.support.graphql import signed_up
from tests.support.jobs import PROFILE_UPDATE, STRONG_JOB, STRONG_PROFILE, create_job
from tests.support.waiting import eventually

pytestmark = pytest.mark.browser

JOB_TITLE = "Senior Backend Engineer"
COMPANY = "Acme Robotics"


def board_column(page, status: str):
    return page.get_by_test_id(f"column-{status}")


async def options(select) -> set[str]:
    """The values a "Move to…" select offers ("" is its placeholder)."""
    return set(await select.locator("option").evaluate_all("options => options.map(o => o.value)"))


async def test_sign_up_score_board_and_live_alerts(context, page, page_errors, base_url, worker):
    # Signed out, the app asks to sign in.
    await page.goto("/")
    await expect(page).to_have_url(re.compile(r"/signin"))
    await page.get_by_role("link", name="Create an account").click()

    # A weak password is refused next to its field.
    username = unique_username()
    await expect_password_refused(await submit_sign_up(page, username, "short"), "at least 10 characters")
    await screenshot(page, "01-signup-error")

    # Signing up signs in (the setup comes first); signed out, the password signs in again.
    await sign_up(page, username)
    await sign_out(page)
    await page.get_by_label("Username or email").fill(username)
    # Wrong password: the message shows next to the password field.
    await page.get_by_label("Password").fill("not-the-Password-1")
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("form", name="Sign in").get_by_role("alert")).to_contain_text("Wrong username or password")
    await sign_in(page, username, PASSWORD)
    await expect(page).to_have_url(re.compile(r"/$"))

    # Profile: skills as chips, location, level; the browser's zone is preselected.
    await set_profile(page, "Python, PostgreSQL, Kubernetes", "Berlin", "SENIOR")
    profile = page.get_by_role("form", name="Profile")
    for skill in ("Python", "PostgreSQL", "Kubernetes"):
        await expect(profile.get_by_role("button", name=f"Remove {skill}")).to_be_visible()
    await expect(profile.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    await screenshot(page, "02-profile")

    # A second tab of the same browser: it must get the live alert without reload.
    other = await context.new_page()
    page_errors.watch(other)
    await other.goto("/board")
    await expect(other.get_by_role("heading", level=1, name="Board")).to_be_visible()
    await wait_live(page)
    await wait_live(other)

    # Add a job that matches the profile fully: stack 50 + location 30 + level 20.
    await add_job(
        page,
        Company=COMPANY,
        Title=JOB_TITLE,
        Location="Berlin",
        **{"Tech stack": "python, postgres, k8s", "Remote option": "HYBRID", "Job type": "FULL_TIME"},
        Description="A friendly team with a calm pace and a four-day week.",
        **{"Salary min": "80000", "Salary max": "100000", "Currency": "EUR"},
    )
    card = page.get_by_role("article", name=JOB_TITLE)
    await expect(card.get_by_test_id("match-score")).to_have_text("100")

    # The strong match raises an alert: a toast and the bell counter, in both tabs.
    for tab in (page, other):
        await expect(tab.get_by_role("status").filter(has_text=f"Strong match: {JOB_TITLE} at {COMPANY}")).to_be_visible()
        await expect(tab.get_by_test_id("unread-count")).to_have_text("1")
        await expect(tab.get_by_role("button", name="Notifications, 1 unread")).to_be_visible()
    await screenshot(page, "03-jobs-scored")
    await screenshot(other, "03b-second-tab-alert")

    # Filters: text and minimum score.
    await page.get_by_label("Search").fill("nothing-like-this")
    await expect(page.get_by_text("No jobs match these filters.")).to_be_visible()
    await page.get_by_label("Search").fill("backend")
    await page.get_by_label("Min score").fill("90")
    await expect(card).to_be_visible()
    await page.get_by_label("Search").fill("")
    await page.get_by_label("Min score").fill("")

    # On the board.
    await card.get_by_role("button", name=f"Add to board: {JOB_TITLE} at {COMPANY}").click()
    await expect(card.get_by_role("link", name=re.compile("On board: Interested"))).to_be_visible()
    await go_to(page, "Board")
    board_card = page.get_by_role("article", name=JOB_TITLE)
    await expect(board_column(page, "INTERESTED").get_by_role("article", name=JOB_TITLE)).to_be_visible()
    await expect(board_card.get_by_test_id("date-applied")).to_have_count(0)

    move = board_card.get_by_label(f"Move {JOB_TITLE} at {COMPANY} to")
    assert await options(move) == {"", "APPLIED", "DECLINED"}
    await move.select_option("APPLIED")
    await expect(board_column(page, "APPLIED").get_by_role("article", name=JOB_TITLE)).to_be_visible()
    await expect(board_card.get_by_test_id("date-applied")).to_be_visible()

    await move.select_option("INTERVIEW")
    await expect(board_column(page, "INTERVIEW").get_by_role("article", name=JOB_TITLE)).to_be_visible()
    await expect(board_card.get_by_test_id("date-applied")).to_be_visible()
    await expect(board_card.get_by_test_id("date-interview")).to_be_visible()

    # An invalid move is not offered…
    assert await options(move) == {"", "INTERVIEW", "OFFER", "REJECTED", "DECLINED"}
    # …and dragged there anyway, it is refused with the server's reason; the card stays.
    await board_card.drag_to(board_column(page, "ACCEPTED"))
    await expect(
        page.get_by_role("alert").filter(has_text="Cannot move an application from interview to accepted")
    ).to_be_visible()
    await expect(board_column(page, "INTERVIEW").get_by_role("article", name=JOB_TITLE)).to_be_visible()
    await expect(board_column(page, "ACCEPTED").get_by_role("article")).to_have_count(0)
    await screenshot(page, "04-board-refused")

    # A valid drag works too.
    await board_card.drag_to(board_column(page, "OFFER"))
    await expect(board_column(page, "OFFER").get_by_role("article", name=JOB_TITLE)).to_be_visible()
    await expect(board_card.get_by_test_id("date-offer")).to_be_visible()

    # Details: notes and the history.
    await board_card.get_by_role("button", name=f"Details for {JOB_TITLE} at {COMPANY}").click()
    drawer = page.get_by_role("dialog")
    await drawer.get_by_label("Notes", exact=True).fill("Recruiter: Dana. Second round on Monday.")
    await drawer.get_by_role("button", name="Save notes").click()
    await expect(drawer.get_by_text("Notes saved")).to_be_visible()
    history = drawer.get_by_role("list", name="Status history").get_by_role("listitem")
    await expect(history).to_have_text(
        [
            re.compile("Added as Interested"),
            re.compile("Interested → Applied"),
            re.compile("Applied → Interview"),
            re.compile("Interview → Offer"),
        ]
    )
    await screenshot(page, "05-drawer")
    await drawer.get_by_role("button", name="Close").click()
    await expect(board_card).to_contain_text("Recruiter: Dana")

    # The bell: the alert is listed; "mark all read" clears the counter in every tab.
    await page.get_by_test_id("bell").click()
    panel = page.get_by_role("region", name="Notifications")
    await expect(panel).to_contain_text(f"Strong match: {JOB_TITLE} at {COMPANY}")
    await screenshot(page, "06-bell")
    await panel.get_by_role("button", name="Mark all read").click()
    await expect(page.get_by_test_id("unread-count")).to_have_count(0)
    await expect(other.get_by_test_id("unread-count")).to_have_count(0)

    # Sign out ends the session in both tabs.
    await page.get_by_role("button", name=re.compile("^Account")).click()
    await page.get_by_role("button", name="Sign out").click()
    await expect(page).to_have_url(re.compile(r"/signin"))
    await expect(other).to_have_url(re.compile(r"/signin"))


async def test_expired_session_refreshes_once_then_signs_out(context, page, base_url, worker):
    username = unique_username("refresh")
    await registered(page, username)
    await sign_in(page, username)
    refreshes: list[int] = []
    page.on("response", lambda r: refreshes.append(r.status) if r.url.endswith("/auth/refresh") else None)
    refused: list[str] = []

    async def refuse_first_token(route) -> None:
        headers = dict(route.request.headers)
        if headers.get("authorization") and not refused:
            refused.append(headers["authorization"])
            headers["authorization"] = "Bearer not-a-token"
        await route.continue_(headers=headers)

    # A refused access token is refreshed once with the session cookie and the request retried.
    await page.route(GRAPHQL, refuse_first_token)
    await page.goto("/profile")
    await expect(page.get_by_role("form", name="Profile")).to_be_visible()
    await expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()
    assert refused and refreshes == [200, 200]  # the page load's, then the refused token's
    await page.unroute(GRAPHQL)
    await wait_live(page)

    # When the cookie is refused as well (here: gone), the app goes to sign in.
    async def refuse_every_token(route) -> None:
        headers = dict(route.request.headers)
        if headers.get("authorization"):
            headers["authorization"] = "Bearer not-a-token"
        await route.continue_(headers=headers)

    await context.clear_cookies()
    await page.route(GRAPHQL, refuse_every_token)
    await go_to(page, "Board")
    await expect(page).to_have_url(re.compile(r"/signin\?next=%2Fboard"))
    await expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
    assert refreshes[-1] == 204  # no cookie: nobody is signed in


@pytest.mark.parametrize("path", ["/jobs", "/today"])  # a page with a start frame, one without
async def test_a_page_load_told_to_wait_stays_signed_in(context, page, base_url, worker, path):
    await registered(page, username := unique_username("wait"))
    await sign_in(page, username)
    answers: list[int] = []

    # The server refuses the first renewal of the next page load as too soon (429, Retry-After: 2).
    async def too_soon_once(route) -> None:
        if not answers:
            answers.append(429)
            body = '{"error": {"message": "At most 60 session renewals every 10 minutes", "code": "RATE_LIMITED"}}'
            await route.fulfill(status=429, headers={"retry-after": "2", "content-type": "application/json"}, body=body)
        else:
            answers.append(0)
            await route.continue_()

    await page.route("**/auth/refresh", too_soon_once)
    await page.goto(path)
    # The page says why it waits (still signed in), then continues signed in instead of showing sign in.
    await expect(page.get_by_role("status").filter(has_text="Many page loads in a short time")).to_be_visible()
    await expect(page.get_by_role("button", name=re.compile("^Account"))).to_be_visible(timeout=15_000)
    assert "/signin" not in page.url and answers == [429, 0]
    await expect(page.get_by_text("Many page loads in a short time")).to_have_count(0)


async def test_job_field_errors_edit_and_delete(context, page, base_url, worker):
    await registered(page, username := unique_username("jobs"))
    await sign_in(page, username)
    await go_to(page, "Jobs")

    # Payload errors land next to their fields.
    await page.get_by_role("button", name="Add job").first.click()
    dialog = page.get_by_role("dialog", name="Add a job")
    await dialog.get_by_label("Title", exact=True).fill("Data Engineer")
    await dialog.get_by_label("Salary min").fill("90000")
    await dialog.get_by_label("Salary max").fill("50000")
    await dialog.get_by_role("button", name="Add job").click()
    await expect(dialog.get_by_label("Company")).to_have_attribute("aria-invalid", "true")
    await expect(dialog.get_by_text("Company is required")).to_be_visible()
    await expect(dialog.get_by_text("Maximum salary must not be below the minimum")).to_be_visible()
    await dialog.get_by_label("Company").fill("Globex")
    await dialog.get_by_label("Salary max").fill("110000")
    await dialog.get_by_role("button", name="Add job").click()
    await expect(dialog).to_be_hidden()
    card = page.get_by_role("article", name="Data Engineer")
    await expect(card.get_by_test_id("match-score")).to_have_text(re.compile(r"^\d+$"))

    # Edit (jobUpdate).
    await card.get_by_role("button", name="Edit Data Engineer at Globex").click()
    edit = page.get_by_role("dialog", name="Edit job")
    await expect(edit.get_by_label("Company")).to_have_value("Globex")
    await edit.get_by_label("Title", exact=True).fill("Staff Data Engineer")
    await edit.get_by_role("button", name="Save changes").click()
    await expect(edit).to_be_hidden()
    card = page.get_by_role("article", name="Staff Data Engineer")
    await expect(card).to_contain_text("Globex")

    # Delete asks first (jobDelete).
    await card.get_by_role("button", name="Delete Staff Data Engineer at Globex").click()
    confirm = page.get_by_role("dialog", name="Delete this job?")
    await confirm.get_by_role("button", name="Cancel").click()
    await expect(card).to_be_visible()
    await card.get_by_role("button", name="Delete Staff Data Engineer at Globex").click()
    await page.get_by_role("dialog", name="Delete this job?").get_by_role("button", name="Delete job").click()
    await expect(card).to_have_count(0)
    await expect(page.get_by_role("heading", name="No jobs yet")).to_be_visible()


async def test_alert_between_the_list_and_the_subscription_is_not_lost(page, client, base_url, worker):
    # A user with a strong-match profile and no notifications yet.
    user = await signed_up(client)
    await user.gql(PROFILE_UPDATE, {"input": STRONG_PROFILE})

    async def one_alert() -> bool:
        return (await user.gql("query { notifications(first: 1) { totalCount } }"))["notifications"]["totalCount"] == 1

    # The app's first notifications list is answered as it was (empty), but only after an
    # alert has been created: the subscription, which starts after the list, comes too late
    # to see it live and must be given it as a replay.
    held: list[str] = []

    async def alert_after_the_list(route):
        if held or "query Notifications(" not in sent_query(route.request):
            await route.fallback()
            return
        held.append(route.request.url)
        response = await route.fetch()
        assert (await response.json())["data"]["notifications"]["edges"] == []
        await create_job(user, **STRONG_JOB)
        await eventually(one_alert)
        await route.fulfill(response=response)

    await page.route(GRAPHQL, alert_after_the_list)
    await sign_in(page, user.username)
    await wait_live(page)
    assert held, "the notifications list was not intercepted"
    title = f"Strong match: {STRONG_JOB['title']} at {STRONG_JOB['company']}"
    await expect(page.get_by_role("status").filter(has_text=title)).to_be_visible()
    await expect(page.get_by_test_id("unread-count")).to_have_text("1")
