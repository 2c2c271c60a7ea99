"""A page per job, at a laptop's and a phone's size: opened from the Jobs list, it explains the
score, moves the application and keeps notes; an alert about a job leads there; and the Jobs list
goes on past its first 100 with "Load more"."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.support.browser import browser_session, go_to, signed_up_and_in
from tests.support.graphql import Session
from tests.support.jobs import PROFILE_UPDATE, STRONG_JOB, STRONG_PROFILE, create_application, create_job

pytestmark = pytest.mark.browser

SIZES = [pytest.param({"width": 1440, "height": 900}, id="laptop"), pytest.param({"width": 390, "height": 844}, id="phone")]


async def signed_in_user(page, client, prefix: str) -> Session:
    await signed_up_and_in(page, prefix)
    stored = await browser_session(page)
    return Session(client, token=stored["accessToken"])


@pytest.mark.parametrize("size", SIZES)
async def test_a_job_opened_from_the_list_explains_its_score_moves_its_application_and_keeps_notes(
    page, client, worker, offline, size
):
    # given a person whose profile fits a job on their board, with a posting that holds markup
    await page.set_viewport_size(size)
    user = await signed_in_user(page, client, "jobpage")
    await user.gql(PROFILE_UPDATE, {"input": STRONG_PROFILE})
    description = "Build <b>APIs</b> <script>window.hacked = 1</script>\nwith Python."
    job_id = await create_job(user, **{**STRONG_JOB, "description": description, "sourceUrl": "https://jobs.example.com/1"})
    await create_application(user, job_id, status="INTERESTED")

    # when they open it from the Jobs list
    await go_to(page, "Jobs")
    card = page.get_by_role("article", name=STRONG_JOB["title"])
    await card.get_by_role("link", name=STRONG_JOB["title"], exact=True).click()

    # then its own page shows the posting, the description as text, and the score explained
    await expect(page).to_have_url(re.compile(r"/jobs/[^/]+$"))
    await expect(page.get_by_role("heading", level=1, name=STRONG_JOB["title"])).to_be_visible()
    await expect(page).to_have_title("Job · Career Companion")
    await expect(page.get_by_test_id("job-description")).to_have_text(description)
    assert await page.evaluate("window.hacked") is None
    await expect(page.get_by_role("link", name=re.compile("Original posting"))).to_have_attribute(
        "href", "https://jobs.example.com/1"
    )
    score = page.get_by_test_id("score-explanation")
    await expect(score.get_by_role("list", name=f"Score parts of {STRONG_JOB['title']}")).to_be_visible()
    await expect(score.get_by_role("list", name="Skills").get_by_text("Python")).to_be_visible()
    await score.get_by_role("button", name="Thumbs up").click()
    await expect(page.get_by_role("status").filter(has_text="Thanks — more like this")).to_be_visible()

    # when they move the application to Applied
    application = page.locator("#application")
    await application.get_by_label("Move to").select_option("APPLIED")

    # then its status and history say so
    await expect(application.get_by_test_id("application-status")).to_have_text("Applied")
    await expect(application.get_by_role("list", name="Status history")).to_contain_text("Interested → Applied")

    # when they add a note
    notes = page.get_by_role("form", name="Notes")
    await notes.get_by_label("Notes").fill("Recruiter: Dana, call on Monday")
    await notes.get_by_role("button", name="Save notes").click()
    await expect(notes.get_by_text("✓ Notes saved")).to_be_visible()

    # then it is kept: after a reload the note and the status are there
    await page.reload()
    await expect(page.get_by_role("form", name="Notes").get_by_label("Notes")).to_have_value("Recruiter: Dana, call on Monday")
    await expect(page.locator("#application").get_by_test_id("application-status")).to_have_text("Applied")
    # and the page fits the screen: nothing scrolls sideways
    assert await page.evaluate("document.documentElement.scrollWidth") <= size["width"]


@pytest.mark.parametrize("size", SIZES)
async def test_an_alert_about_a_job_leads_to_its_page(page, client, worker, offline, size):
    # given a person whose profile fits the job they add: the strong match raises an alert
    await page.set_viewport_size(size)
    user = await signed_in_user(page, client, "jobalert")
    await user.gql(PROFILE_UPDATE, {"input": STRONG_PROFILE})
    await go_to(page, "Jobs")
    job_id = await create_job(user, **STRONG_JOB)

    # when the alert arrives, its toast offers the job and the bell lists it
    toast = page.get_by_role("status").filter(has_text=f"Strong match: {STRONG_JOB['title']}")
    await expect(toast.get_by_role("link", name="Open the job")).to_be_visible()
    await page.get_by_role("button", name=re.compile(r"Notifications, 1 unread")).click()
    alert = page.get_by_role("link", name=re.compile(f"Strong match: {STRONG_JOB['title']}"))

    # then following it from the bell lands on the job's page
    await alert.click()
    await expect(page).to_have_url(re.compile(r"/jobs/[^/]+$"))
    assert job_id in (await page.evaluate("decodeURIComponent(location.pathname)"))
    await expect(page.get_by_role("heading", level=1, name=STRONG_JOB["title"])).to_be_visible()
    await expect(page.get_by_test_id("score-explanation").get_by_test_id("score-breakdown")).to_be_visible()


@pytest.mark.parametrize("size", SIZES)
async def test_the_jobs_list_loads_beyond_the_first_100(page, client, size):
    # given 130 jobs
    await page.set_viewport_size(size)
    user = await signed_in_user(page, client, "jobmany")
    for i in range(130):
        await create_job(user, company="Acme", title=f"Engineer {i:03d}")

    # when the Jobs list opens (newest first)
    await go_to(page, "Jobs")
    await page.get_by_label("Order by").select_option("NEWEST")
    jobs = page.get_by_role("list", name="Jobs").get_by_test_id("job-card")

    # then it shows the first 100 and says there are more
    await expect(jobs).to_have_count(100)
    await expect(page.get_by_text("130 jobs — showing 100")).to_be_visible()

    # when they load more
    await page.get_by_role("button", name="Load more (30 more)").click()

    # then all 130 are listed, each once, and the button is gone
    await expect(jobs).to_have_count(130)
    await expect(page.get_by_role("button", name=re.compile("Load more"))).to_have_count(0)
    titles = await page.get_by_role("list", name="Jobs").get_by_role("heading", level=2).all_inner_texts()
    assert sorted(titles) == [f"Engineer {i:03d}" for i in range(130)]
    # and a job further down opens its page
    await page.get_by_role("link", name="Engineer 000", exact=True).click()
    await expect(page.get_by_role("heading", level=1, name="Engineer 000")).to_be_visible()


@pytest.mark.parametrize("size", SIZES)
async def test_discover_loads_beyond_its_first_20_and_links_each_job_to_its_page(page, client, size):
    # given 25 jobs not yet on the board
    await page.set_viewport_size(size)
    user = await signed_in_user(page, client, "dcmany")
    for i in range(25):
        await create_job(user, company="Initech", title=f"Analyst {i:02d}")

    # when Discover opens, it shows the first 20 and says there are more
    await go_to(page, "Discover")
    await expect(page.get_by_text("25 recommendations — showing 20")).to_be_visible()
    titles = page.get_by_role("heading", level=2, name=re.compile(r"^Analyst \d\d$"))
    await expect(titles).to_have_count(20)

    # when they load more, all 25 are there, each once
    await page.get_by_role("button", name="Load more (5 more)").click()
    await expect(titles).to_have_count(25)
    assert sorted(await titles.all_inner_texts()) == [f"Analyst {i:02d}" for i in range(25)]

    # and a job's title opens its page
    await page.get_by_role("link", name="Analyst 03", exact=True).click()
    await expect(page.get_by_role("heading", level=1, name="Analyst 03")).to_be_visible()


async def test_a_search_matching_more_than_a_thousand_jobs_says_about_how_many(page, client):
    # given a person with 1,050 jobs about Kubernetes (statistics up to date)
    from sqlalchemy import text

    from api.db import unit_of_work
    from tests.support.graphql import db_id

    user = await signed_in_user(page, client, "jobcap")
    user_id = db_id((await user.gql("{ viewer { id } }"))["viewer"]["id"])
    async with unit_of_work() as session:
        await session.execute(
            text(
                "WITH seeded AS (INSERT INTO jobs (user_id, company, title, location, description) "
                "SELECT :user_id, 'Company ' || g, 'Kubernetes Engineer', 'Berlin', '' FROM generate_series(1, 1050) AS g "
                "RETURNING id, user_id) "
                "INSERT INTO job_scores (job_id, user_id, score, scored_at) SELECT id, user_id, id % 101, now() FROM seeded"
            ),
            {"user_id": user_id},
        )
        await session.execute(text("ANALYZE jobs"))
    try:
        # when they search the Jobs list for the word
        await go_to(page, "Jobs")
        await page.get_by_role("searchbox", name="Search").fill("kubernetes")

        # then it says about how many (past 1,000 the total is an estimate), shows the first 100 and offers more
        await expect(page.get_by_text(re.compile(r"^about [\d,]+ jobs — showing 100$"))).to_be_visible()
        await expect(page.get_by_role("list", name="Jobs").get_by_test_id("job-card")).to_have_count(100)
        await expect(page.get_by_role("button", name="Load more", exact=True)).to_be_visible()
    finally:
        async with unit_of_work() as session:
            await session.execute(text("DELETE FROM jobs WHERE user_id = :user_id"), {"user_id": user_id})
