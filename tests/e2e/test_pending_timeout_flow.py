"""A cover letter whose job never ran (the worker or Redis was down for long) fails after the time
limit, and the open document page says so and asks to try again, without a reload."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from playwright.async_api import expect

from api.document.tasks import documents_fail_stale
from api.models import Document
from tests.support.ai import offline  # noqa: F401  (fixture: no model configured)
from tests.support.browser import add_job, go_to, screenshot, signed_up_and_in
from tests.support.graphql import db_id
from tests.support.outbox import made_old
from tests.support.ws import until_subscribed

pytestmark = pytest.mark.browser


async def test_a_cover_letter_stuck_in_the_queue_fails_with_a_message_to_try_again(page, base_url, idle_queue, offline):  # noqa: F811
    await signed_up_and_in(page, "timeout")
    await add_job(page, Company="Acme Robotics", Title="Senior Backend Engineer", Location="Berlin")

    # A cover letter is requested, but no worker takes its job: it stays queued.
    await go_to(page, "Documents")
    form = page.get_by_role("form", name="New document")
    await form.get_by_label("Document").select_option("COVER_LETTER")
    await form.get_by_label("Job").select_option(label="Senior Backend Engineer — Acme Robotics")
    await form.get_by_role("button", name="Generate").click()
    await expect(page).to_have_url(re.compile(r"/documents/[^/?]+$"))
    await expect(page.get_by_test_id("document-status")).to_have_text("Queued")
    document_id = db_id(unquote(page.url.rsplit("/", 1)[-1]))
    await until_subscribed("document", document_id)

    # The time limit passes and the worker's sweep runs: the page turns to a failure at once.
    await made_old(Document.updated_at, document_id, minutes=20)
    await documents_fail_stale({})
    await expect(page.get_by_test_id("document-status")).to_have_text("Failed")
    await expect(page.get_by_role("alert")).to_contain_text(
        "Writing the document took too long and was stopped. Please try again."
    )
    await screenshot(page, "timeout-01-failed")
