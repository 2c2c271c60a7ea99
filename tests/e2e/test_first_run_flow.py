"""A new person's first run in a real browser, on a laptop and on a phone: signing up signs in and
leads through a short setup (profile basics, the résumé and its suggestions, a first saved search)
to the board; the navigation reaches every page of the router; an empty list's button does what it
says (the quick log without a goal leads to creating one, the empty board to adding a job)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import expect

from tests.support.browser import (
    go_to,
    registered,
    screenshot,
    sign_in,
    signed_up_and_in,
    submit_sign_up,
    unique_username,
    upload_resume,
)

pytestmark = pytest.mark.browser

SIZES = {"laptop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
ROUTES_FILE = Path(__file__).resolve().parents[2] / "web" / "src" / "pageTable.ts"
# Routes that are not pages of the navigation: one item's page (reached from its list) and the setup
# (reached after sign-up and from Today's "Get started").
NOT_IN_NAV = {"jobs/:jobId", "digests/:digestId", "welcome"}


def router_pages() -> list[tuple[str, str]]:
    """(address, title) of every page of web/src/pageTable.ts, Today first; an optional parameter is left out."""
    pages = re.findall(r'^\s*\["([^"]+)", "([^"]+)", page\(', ROUTES_FILE.read_text(), re.M)
    assert len(pages) > 15, pages
    found = [("/", "Today")]
    for path, title in pages:
        if path in NOT_IN_NAV:
            continue
        base, _, parameter = path.partition("/:")
        assert not parameter or parameter.endswith("?"), f"{path}: a page that needs its parameter belongs in NOT_IN_NAV"
        found.append((f"/{base}", title))
    return found


def main_nav(page):
    return page.get_by_role("navigation", name="Main")


async def heading(page, name: str) -> None:
    await expect(page.get_by_role("heading", level=1, name=name, exact=True)).to_be_visible()


@pytest.mark.parametrize("size", list(SIZES))
async def test_sign_up_signs_in_and_the_setup_ends_on_the_board(page, base_url, worker, size):
    # given: a visitor on a laptop or a phone
    await page.set_viewport_size(SIZES[size])
    await page.goto("/signup")

    # when: they sign up
    await submit_sign_up(page, unique_username("first"))

    # then: signed in, on the setup's first step, and a reload keeps them there (the session cookie)
    await expect(page).to_have_url(re.compile(r"/welcome$"))
    await heading(page, "Set up your companion")
    await page.reload()
    await heading(page, "Set up your companion")
    progress = page.get_by_role("list", name="Setup progress")
    await expect(progress.locator("[aria-current=step]")).to_contain_text("Profile basics")
    await screenshot(page, f"first-run-01-setup-{size}")

    # step 1: profile basics, saved
    basics = page.get_by_role("form", name="Profile basics")
    await basics.get_by_label("Target role").fill("Senior Backend Engineer")
    await basics.get_by_label("Skills", exact=True).fill("Python, PostgreSQL")
    await basics.get_by_label("Years of experience").fill("6")
    await basics.get_by_role("button", name="Save and continue").click()
    await expect(progress.locator("[aria-current=step]")).to_contain_text("Your résumé")
    await expect(page.get_by_test_id("setup-step-1")).to_have_attribute("data-done", "true")

    # step 2: the résumé, parsed, its suggestions accepted all at once
    suggestions = await upload_resume(page)
    await page.get_by_role("button", name=re.compile(r"^Accept all \d+$")).click()
    await expect(suggestions.get_by_role("button", name=re.compile("^Accept "))).to_have_count(0)
    await page.get_by_role("button", name="Continue").click()
    await expect(progress.locator("[aria-current=step]")).to_contain_text("First search or job")
    await expect(page.get_by_test_id("setup-step-2")).to_have_attribute("data-done", "true")

    # step 3: a first saved search ends the setup on the board
    search = page.get_by_role("form", name="Save a search")
    await search.get_by_label("Keywords").fill("python, backend")
    await search.get_by_role("button", name="Save search").click()
    await expect(page).to_have_url(re.compile(r"/board$"))
    await heading(page, "Board")
    await screenshot(page, f"first-run-02-board-{size}")

    # and Today's checklist counts the three steps as done
    await go_to(page, "Today")
    for key in ("profile", "resume", "saved_search"):
        await expect(page.get_by_test_id(f"checklist-{key}")).to_have_attribute("data-done", "true")


async def test_every_setup_step_can_be_skipped(page, base_url):
    # given: a new account on the setup
    await page.goto("/signup")
    await submit_sign_up(page, unique_username("skip"))
    await heading(page, "Set up your companion")

    # when: every step is skipped
    await page.get_by_role("button", name="Skip this step").click()
    await expect(page.get_by_role("status").filter(has_text="Step 2 of 3")).to_be_visible()
    await page.get_by_role("button", name="Continue").click()
    await expect(page.get_by_role("status").filter(has_text="Step 3 of 3")).to_be_visible()
    await page.get_by_role("button", name="Skip and go to my board").click()

    # then: the board, which says what to do first
    await heading(page, "Board")
    await expect(page.get_by_test_id("empty-state")).to_contain_text("Your board is empty")


async def test_a_returning_person_signs_in_to_today_not_the_setup(page, base_url):
    # given: an account made through sign-up, signed out
    username = unique_username("back")
    await registered(page, username)

    # when: they sign in again
    await sign_in(page, username)

    # then: Today, not the setup
    await expect(page).to_have_url(re.compile(r"/$"))
    await expect(page.get_by_role("heading", level=1, name="Set up your companion")).to_have_count(0)


@pytest.mark.parametrize("size", list(SIZES))
async def test_the_navigation_reaches_every_page_of_the_router(page, base_url, size):
    # given: a signed-in person on a laptop or a phone
    await page.set_viewport_size(SIZES[size])
    await signed_up_and_in(page, "nav")
    links = main_nav(page).locator("a[data-nav-link]")
    hrefs = await links.evaluate_all("links => links.map((a) => [a.getAttribute('href'), a.dataset.navLink])")
    label_of = dict(hrefs)

    # then: every page of the router has a link, and every link a page
    pages = router_pages()
    assert sorted(label_of) == sorted(path for path, _ in pages), hrefs

    # when: each is followed as a person does (opening its group, or the Menu on a phone)
    for path, title in pages:
        await go_to(page, label_of[path])
        # then: the page and its heading, and the navigation closed again
        await expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        await heading(page, title)
        await expect(main_nav(page).locator("[aria-expanded=true]")).to_have_count(0)


async def test_a_navigation_group_opens_and_closes_with_the_keyboard(page, base_url):
    # given: a signed-in person on a laptop
    await signed_up_and_in(page, "keys")
    group = main_nav(page).get_by_role("button", name="Career")

    # when: the group's button is focused and ArrowDown pressed
    await group.focus()
    await page.keyboard.press("ArrowDown")

    # then: the list is open with its first link focused
    await expect(group).to_have_attribute("aria-expanded", "true")
    await expect(main_nav(page).get_by_role("link", name="Journey")).to_be_focused()

    # when: Escape
    await page.keyboard.press("Escape")

    # then: closed, and the focus is back on the button
    await expect(group).to_have_attribute("aria-expanded", "false")
    await expect(group).to_be_focused()


async def test_the_phone_menu_opens_the_whole_navigation_and_escape_closes_it(page, base_url):
    # given: a signed-in person on a phone
    await page.set_viewport_size(SIZES["phone"])
    await signed_up_and_in(page, "menu")
    menu = main_nav(page).get_by_role("button", name="Menu")

    # when: the Menu button is pressed
    await menu.click()

    # then: every group is shown at once
    await expect(menu).to_have_attribute("aria-expanded", "true")
    for group in ("Track", "Discover", "Understand", "Career", "Create", "You"):
        await expect(main_nav(page).get_by_role("list", name=group)).to_be_visible()

    # when: Escape
    await page.keyboard.press("Escape")

    # then: closed, the focus back on the Menu button
    await expect(menu).to_have_attribute("aria-expanded", "false")
    await expect(menu).to_be_focused()


async def test_log_progress_without_a_goal_leads_to_creating_one(page, base_url):
    # given: a new person without goals opens the quick log
    await signed_up_and_in(page, "log")
    await page.get_by_role("banner").get_by_role("button", name="Log progress").click()
    log = page.get_by_role("dialog", name="Log progress")

    # when: they follow its button
    await log.get_by_role("link", name="Create a goal").click()

    # then: the goal form is open on the Goals page, and the goal it creates is listed
    await expect(page).to_have_url(re.compile(r"/goals\?new=1$"))
    create = page.get_by_role("dialog", name="New goal")
    await create.get_by_label("Title").fill("Learn Rust")
    await create.get_by_role("button", name="Create goal").click()
    await expect(create).to_be_hidden()
    await expect(page).to_have_url(re.compile(r"/goals$"))
    await expect(page.get_by_role("list", name="Goals")).to_contain_text("Learn Rust")


@pytest.mark.parametrize("size", list(SIZES))
async def test_the_empty_board_leads_to_adding_a_job(page, base_url, size):
    # given: a new person on their empty board
    await page.set_viewport_size(SIZES[size])
    await signed_up_and_in(page, "board")
    await go_to(page, "Board")
    empty = page.get_by_test_id("empty-state")

    # when: they follow its "Add a job"
    await empty.get_by_role("link", name="Add a job").click()

    # then: the job form is open, and the job it adds is tracked
    dialog = page.get_by_role("dialog", name="Add a job")
    await dialog.get_by_label("Company", exact=True).fill("Acme Robotics")
    await dialog.get_by_label("Title", exact=True).fill("Backend Engineer")
    await dialog.get_by_role("button", name="Add job").click()
    await expect(dialog).to_be_hidden()
    await expect(page.get_by_role("article", name="Backend Engineer")).to_be_visible()
