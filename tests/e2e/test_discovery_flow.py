"""Discovery in a real browser: watch a company (its Greenhouse board served locally from the
recorded payload's shape), refresh and watch the progress live, see recommendations with their
score breakdowns, give a thumbs down and see why the weights changed, import a pasted
description, then the skill-gap and market trend charts and the analytics."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.async_api import expect

from tests.support.boards import ENGINEERING_JOBS, greenhouse_feed
from tests.support.browser import go_to, screenshot, set_profile, signed_up_and_in
from tests.support.servers import json_reply

pytestmark = pytest.mark.browser

PASTED = """Data Platform Engineer at Initech
Location: Berlin, Germany

You will run our Python services on Kubernetes and AWS. Requirements: Python, PostgreSQL."""


def published(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).replace(hour=12, minute=0, second=0, microsecond=0).isoformat()


async def test_watch_refresh_recommendations_feedback_and_market(page, base_url, worker, board):
    # A company board with three engineering jobs, published over the last four months; it answers
    # slowly enough to see the run in progress.
    tag = uuid.uuid4().hex[:8]
    token = f"initech-{tag}"
    specs = [{**job, "published": published(days)} for job, days in zip(ENGINEERING_JOBS, (5, 40, 120), strict=True)]
    board.route(f"/v1/boards/{token}/jobs", json_reply(greenhouse_feed(tag, token, specs), delay=1.5))

    await signed_up_and_in(page, "discover")
    await set_profile(page, "Python, PostgreSQL", "Berlin", "SENIOR")

    # Watch the company (Sources is reached from Discover).
    await go_to(page, "Discover")
    await page.get_by_role("main").get_by_role("link", name="Manage sources", exact=True).click()
    await expect(page.get_by_role("heading", level=1, name="Sources")).to_be_visible()
    form = page.get_by_role("form", name="Watch a company")
    await form.get_by_label("Board", exact=True).select_option("GREENHOUSE")
    await form.get_by_label("Board token").fill(token)
    await form.get_by_label("Name").fill("Initech")
    await form.get_by_role("button", name="Watch company").click()
    company = page.get_by_role("article", name="Initech")
    await expect(company.get_by_text("Never run yet.")).to_be_visible()

    # Refresh now: the progress bar counts while the worker runs, then the outcome.
    await company.get_by_role("button", name="Refresh now").click()
    progress = company.get_by_role("progressbar", name="Refreshing Initech")
    await expect(progress).to_have_attribute("aria-valuemax", "1")
    await expect(company.get_by_role("status")).to_contain_text(re.compile(r"^Refreshing: 0 of 1 source"))
    await screenshot(page, "discover-01-refreshing")
    await expect(company.get_by_role("status")).to_contain_text(
        "Done: 1 of 1 source · 3 found · 3 new · 0 duplicates", timeout=20_000
    )
    await expect(progress).to_have_attribute("aria-valuenow", "1")
    await screenshot(page, "discover-02-refreshed")

    # Recommendations, best first, each explained.
    await company.get_by_role("link", name="see recommendations").click()
    await expect(page.get_by_role("heading", level=1, name="Discover")).to_be_visible()
    python_job = page.get_by_role("article", name="Senior Python Engineer")
    breakdown = python_job.get_by_test_id("score-breakdown")
    await expect(breakdown.get_by_role("meter", name="Skills score")).to_be_visible()
    await expect(breakdown.get_by_role("meter", name="Location score")).to_have_attribute("aria-valuenow", "100")
    await expect(breakdown.get_by_role("meter", name="Experience score")).to_have_attribute("aria-valuenow", "100")
    skills = breakdown.get_by_role("list", name="Skills")
    await expect(skills.get_by_text("✓ Python")).to_be_visible()
    await expect(skills.get_by_text("✗ Kubernetes")).to_be_visible()
    await expect(breakdown.get_by_text("What would raise it:")).to_be_visible()
    # the years the posting asks of a skill are said beside the skills part (the profile says none)
    await expect(breakdown.get_by_text(re.compile(r"Skill years: 5\+ years of Python asked"))).to_be_visible()
    await expect(python_job.get_by_test_id("band")).to_have_text(re.compile(r"^(poor|weak|fair|good|great)$"))
    await expect(python_job.get_by_role("link", name="Visit posting")).to_have_attribute("href", re.compile(rf"/{token}/jobs/"))
    titles = await page.get_by_role("main").get_by_role("article").get_by_role("heading", level=2).all_inner_texts()
    assert titles[0] == "Senior Python Engineer", titles
    await screenshot(page, "discover-03-recommendations")

    # A thumbs down on the frontend job: the weights move and say why.
    frontend = page.get_by_role("article", name="Frontend Engineer")
    await frontend.get_by_role("button", name="Thumbs down").click()
    weights = page.get_by_test_id("match-weights")
    # it scored skills 0, location 0 (London), experience 75 (level unstated): experience over-scored it
    await expect(weights.get_by_role("status")).to_have_text(
        "You disliked 1 job that scored high on experience: experience weight 20% → 15%."
    )
    await screenshot(page, "discover-04-feedback")

    # Add the best one to the board: it leaves the recommendations.
    await python_job.get_by_role("button", name="Add to board").click()
    await expect(page.get_by_role("article", name="Senior Python Engineer")).to_have_count(0)

    # Import a pasted description: preview first, then save.
    await page.get_by_role("button", name="Import a job").click()
    dialog = page.get_by_role("dialog", name="Import a job")
    await dialog.get_by_role("tab", name="Paste a description").click()
    await dialog.get_by_label("Job description").fill(PASTED)
    await dialog.get_by_role("button", name="Preview").click()
    await expect(dialog.get_by_label("Title")).to_have_value("Data Platform Engineer")
    await expect(dialog.get_by_label("Company")).to_have_value("Initech")
    await expect(dialog.get_by_label("Location")).to_have_value("Berlin, Germany")
    await dialog.get_by_role("button", name="Save job").click()
    await expect(dialog).to_be_hidden()
    await expect(page.get_by_role("article", name="Data Platform Engineer")).to_be_visible()

    # Skills & market: the gaps and the trend lines.
    await go_to(page, "Market")
    await expect(page.get_by_role("heading", level=1, name="Skills & market")).to_be_visible()
    gaps = page.get_by_test_id("gap-chart")
    await expect(gaps).to_be_visible()
    await expect(gaps.get_by_text("Kubernetes")).to_be_visible()
    await expect(page.get_by_role("list", name="Next steps")).to_contain_text("Kubernetes")
    trend = page.get_by_test_id("trend-chart")
    await expect(trend).to_be_visible()
    # one point per skill for each week with postings: at least the three seeded weeks (market data is
    # instance-wide, so other users' postings in the same database may add weeks)
    assert await trend.locator("g[data-series=Kubernetes] circle").count() >= 3
    await expect(page.get_by_role("list", name="Trends").get_by_role("listitem").first).to_contain_text(
        "in postings over 90 days"
    )
    await screenshot(page, "discover-05-market")

    # Analytics: the board's one interested job in the status breakdown.
    await go_to(page, "Analytics")
    await expect(page.get_by_role("heading", level=1, name="Analytics")).to_be_visible()
    await expect(page.get_by_role("list", name="Totals")).to_contain_text("4Jobs")
    await expect(page.get_by_test_id("status-chart")).to_contain_text("interested")
    await screenshot(page, "discover-06-analytics")
