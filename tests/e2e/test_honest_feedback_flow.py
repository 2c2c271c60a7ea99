"""What the app says back, as a person sees it: a refresh whose sources fail says so live with each
reason, the market's empty message names the window picked, the career context saves with one
button and reads the level from the profile, a description over the body cap gets a clear message,
a negative minimum score is refused beside its field without moving its neighbours, and a document
has no rating until one is picked."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.async_api import expect

from tests.support.ai import offline  # noqa: F401  (fixture: no model configured)
from tests.support.browser import add_job, go_to, screenshot, set_profile, signed_up_and_in
from tests.support.servers import Reply

pytestmark = pytest.mark.browser

SIZES = [pytest.param({"width": 1440, "height": 900}, id="laptop"), pytest.param({"width": 390, "height": 844}, id="phone")]


@pytest.mark.parametrize("size", SIZES)
async def test_a_search_whose_sources_fail_says_so_live_with_each_reason(page, base_url, worker, board, size):
    # given: Remotive answers 500 at once; Arbeitnow answers 503 after a pause (so the run is seen mid-way)
    await page.set_viewport_size(size)
    board.route("/api/remote-jobs", Reply(500, b"oops"))
    board.route("/api/job-board-api", Reply(503, b"busy", delay=2.0))
    await signed_up_and_in(page, "sources")
    await page.goto("/sources")
    form = page.get_by_role("form", name="Save a search")
    await form.get_by_label("Keywords").fill("python")
    await form.get_by_label("Remotive").check()
    await form.get_by_label("Arbeitnow").check()
    await form.get_by_role("button", name="Save search").click()
    search = page.get_by_role("article", name="python")
    await expect(search.get_by_text("Never run yet.")).to_be_visible()
    # when
    await search.get_by_role("button", name="Refresh now").click()
    # then: Remotive's failure shows while the run still goes on, then the run ends failed with both reasons
    problems = search.get_by_role("list", name="Sources that did not deliver")
    await expect(problems.get_by_text("Remotive failed: HTTP 500 after 1 attempt")).to_be_visible()
    await expect(search.get_by_role("status")).to_contain_text(re.compile(r"^Refreshing: 1 of 2 sources"))
    await screenshot(page, f"sources-failing-{size['width']}")
    await expect(search.get_by_role("status")).to_contain_text("Failed: 2 of 2 sources · 0 found", timeout=20_000)
    await expect(problems.get_by_text("Arbeitnow failed: HTTP 503 after 1 attempt")).to_be_visible()
    await expect(search.get_by_text("Completed")).to_have_count(0)
    await screenshot(page, f"sources-failed-{size['width']}")


async def test_a_failing_company_refresh_says_why_at_once(page, base_url, worker, board):
    # given: a watched Greenhouse board that answers 500
    token = f"broken-{uuid.uuid4().hex[:8]}"
    board.route(f"/v1/boards/{token}/jobs", Reply(500, b"oops"))
    await signed_up_and_in(page, "sources")
    await page.goto("/sources")
    form = page.get_by_role("form", name="Watch a company")
    await form.get_by_label("Board token").fill(token)
    await form.get_by_label("Name").fill("Broken Inc")
    await form.get_by_role("button", name="Watch company").click()
    company = page.get_by_role("article", name="Broken Inc")
    # when
    await company.get_by_role("button", name="Refresh now").click()
    # then: the reason, without reloading
    await expect(company.get_by_role("status")).to_contain_text("Failed: 1 of 1 source · 0 found", timeout=20_000)
    await expect(company.get_by_text("Greenhouse failed: HTTP 500 after 1 attempt")).to_be_visible()


async def test_the_empty_market_message_names_the_window_picked(page, base_url, board):
    # given: no postings at all
    await signed_up_and_in(page, "market")
    await page.goto("/market")
    form = page.get_by_role("form", name="Market demand")
    # when
    await form.get_by_label("Window").select_option("30")
    # then
    await expect(page.get_by_text(re.compile(r"^No postings in the last 30 days, nor the 30 days before\."))).to_be_visible()
    await form.get_by_label("Window").select_option("90")
    await expect(page.get_by_text(re.compile(r"^No postings in the last 90 days, nor the 90 days before\."))).to_be_visible()
    await expect(page.get_by_text("180 days")).to_have_count(0)
    await screenshot(page, "market-empty-window")


@pytest.mark.parametrize("size", SIZES)
async def test_career_context_saves_with_one_button_and_the_level_of_the_profile(page, base_url, size):
    # given: a senior profile
    await page.set_viewport_size(size)
    await signed_up_and_in(page, "context")
    await set_profile(page, "Python", "Berlin", "SENIOR")
    await page.goto("/context")
    form = page.get_by_role("form", name="Career context")
    # then: one Save, no stage of its own, the profile's level
    await expect(form.get_by_role("button", name=re.compile("^Save"))).to_have_count(1)
    await expect(form.get_by_label("Career stage")).to_have_count(0)
    await expect(form.get_by_text("Senior · set on your profile")).to_be_visible()
    # when
    await form.get_by_label("Current role").fill("Software Engineer")
    await form.get_by_label("Hours per week").fill("6")
    await form.get_by_role("button", name="Save").click()
    # then: both parts saved
    await expect(form.get_by_text("✓ Saved")).to_be_visible()
    await page.reload()
    await expect(form.get_by_label("Current role")).to_have_value("Software Engineer")
    await expect(form.get_by_label("Hours per week")).to_have_value("6")
    await screenshot(page, f"context-one-save-{size['width']}")


async def test_a_description_over_the_size_limit_gets_a_clear_message(page, base_url):
    # given
    await signed_up_and_in(page, "large")
    await page.goto("/discover")
    await page.get_by_role("button", name="Import a job").click()
    dialog = page.get_by_role("dialog", name="Import a job")
    await dialog.get_by_role("tab", name="Paste a description").click()
    # when: 1.1 MB pasted
    await dialog.get_by_label("Job description").fill("Python engineer wanted. " * 46_000)
    await dialog.get_by_role("button", name="Preview").click()
    # then
    await expect(dialog.get_by_role("alert")).to_have_text(
        "This is too large to send: the server accepts up to 1 MB at a time. Shorten the text or file and try again."
    )
    await expect(dialog.get_by_text("413")).to_have_count(0)


@pytest.mark.parametrize("size", SIZES)
async def test_a_negative_minimum_score_is_refused_beside_its_field_and_nothing_moves(page, base_url, size):
    # given
    await page.set_viewport_size(size)
    await signed_up_and_in(page, "score")
    await page.goto("/jobs")
    filters = page.get_by_role("search", name="Filter jobs")
    order = filters.get_by_label("Order by")
    search = filters.get_by_label("Search")
    before = (await order.bounding_box(), await search.bounding_box())
    # when
    await filters.get_by_label("Min score").fill("-5")
    # then
    await expect(filters.get_by_text("Enter a score from 0 to 100")).to_be_visible()
    assert (await order.bounding_box(), await search.bounding_box()) == before
    await screenshot(page, f"jobs-min-score-{size['width']}")


async def test_a_document_has_no_rating_until_one_is_picked(page, base_url, worker, offline):  # noqa: F811
    # given: a cover letter written by the offline engine
    await signed_up_and_in(page, "rating")
    await add_job(page, Company="Acme Robotics", Title="Backend Engineer")
    await go_to(page, "Documents")
    form = page.get_by_role("form", name="New document")
    await form.get_by_label("Document").select_option("COVER_LETTER")
    await form.get_by_label("Job").select_option(label="Backend Engineer — Acme Robotics")
    await form.get_by_role("button", name="Generate").click()
    await expect(page.get_by_test_id("document-status")).to_have_text("Ready", timeout=20_000)
    rate = page.get_by_role("form", name="Rate document")
    # then: nothing picked
    await expect(rate.get_by_label("Rating")).to_have_value("")
    # when: rated without picking
    await rate.get_by_role("button", name="Rate").click()
    # then
    await expect(rate.get_by_text("Pick a rating from 1 to 5 stars")).to_be_visible()
    # when: picked
    await rate.get_by_label("Rating").select_option("4")
    await rate.get_by_role("button", name="Rate").click()
    # then
    await expect(rate.get_by_text("✓ Rated 4/5")).to_be_visible()
