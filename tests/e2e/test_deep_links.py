"""Addresses of their own: a job, a goal and a document opened by typing (or sharing) their URL,
each page loaded as its own chunk when it is first shown."""

from __future__ import annotations

import base64
import re
from urllib.parse import quote

import pytest
from playwright.async_api import expect

from tests.support.browser import browser_session, signed_up_and_in
from tests.support.career import GOAL_UPDATE, create_goal
from tests.support.documents import ACME_JOB, cover_letter
from tests.support.graphql import Session
from tests.support.jobs import create_job

pytestmark = pytest.mark.browser


def page_chunks(page) -> list[str]:
    """The names of the page chunks (pages/<Name>.tsx) the tab has loaded so far."""
    loaded: list[str] = []
    page.on("request", lambda request: loaded.extend(re.findall(r"/assets/(\w+Page)-[\w-]+\.js$", request.url)))
    return loaded


async def test_job_goal_and_document_open_from_their_address(context, page, client, base_url, worker, offline):
    # given a user with a job, a finished goal (not in the default "Active" tab) and a document
    await signed_up_and_in(page, "links")
    stored = await browser_session(page)
    user = Session(client, token=stored["accessToken"])
    job_id = await create_job(user, **ACME_JOB)
    goal = await create_goal(user, title="Ship the CLI", steps=["Write it"])
    await user.gql(GOAL_UPDATE, {"input": {"id": goal["id"], "status": "COMPLETED"}})
    document = await cover_letter(user, job_id)

    # when a new tab opens the job's address
    tab = await context.new_page()
    chunks = page_chunks(tab)
    await tab.goto(f"/jobs/{job_id}")

    # then the job's own page is loaded as its own chunk, with the job
    await expect(tab.get_by_role("heading", level=1, name="Senior Backend Engineer")).to_be_visible()
    await expect(tab).to_have_title("Job · Career Companion")
    assert "JobPage" in chunks and "GoalsPage" not in chunks, chunks
    # its edit dialog holds the job, and closing it stays on the page
    await tab.get_by_role("button", name="Edit job").click()
    edit = tab.get_by_role("dialog", name="Edit job")
    await expect(edit.get_by_label("Company")).to_have_value("Acme Robotics")
    await expect(edit.get_by_label("Title", exact=True)).to_have_value("Senior Backend Engineer")
    await edit.get_by_role("button", name="Cancel").click()
    await expect(edit).to_be_hidden()
    # "All jobs" goes back to the list
    await tab.get_by_role("link", name="All jobs").click()
    await expect(tab).to_have_url(re.compile(r"/jobs$"))
    await expect(tab.get_by_role("article", name="Senior Backend Engineer")).to_be_visible()

    # when it opens the goal's address: the goals chunk loads only now, and the goal is shown and marked
    await tab.goto(f"/goals/{goal['id']}")
    card = tab.get_by_test_id("goal-card").filter(has_text="Ship the CLI")
    await expect(card).to_have_attribute("aria-current", "true")
    await expect(tab.get_by_role("tab", name="All")).to_have_attribute("aria-selected", "true")
    assert "GoalsPage" in chunks, chunks

    # when it opens the document's address (and the old ?id= form of it)
    for address in (f"/documents/{document['id']}", f"/documents?id={document['id']}"):
        await tab.goto(address)
        # the id in the address may be percent-encoded (base64 ids end in "=")
        await expect(tab).to_have_url(
            re.compile(rf"/documents/({re.escape(document['id'])}|{re.escape(quote(document['id'], safe=''))})$")
        )
        await expect(
            tab.get_by_role("heading", level=2, name="Cover letter: Senior Backend Engineer at Acme Robotics")
        ).to_be_visible()
        await expect(
            tab.get_by_role("navigation", name="Your documents").get_by_role("link", name=re.compile("Cover letter"))
        ).to_have_attribute("aria-current", "page")

    # when the address names no goal of this user: it says so and shows the goals
    await tab.goto(f"/goals/{base64.b64encode(b'Goal:999999').decode()}")
    await expect(tab.get_by_role("alert").filter(has_text="There is no such goal.")).to_be_visible()
    await expect(tab).to_have_url(re.compile(r"/goals$"))
