from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.async_api import expect

from api.graphql.relay import encode_id
from tests.support.browser import browser_session, signed_up_and_in
from tests.support.graphql import Session, db_id
from tests.support.postings import ingested, item, jobs_of, linked, update_posting

pytestmark = pytest.mark.browser


async def test_the_job_page_shows_a_possibly_stale_note_with_its_evidence(context, page, client, base_url, worker, offline):
    # given a discovered job re-posted twice, whose board gives an expiry date
    await signed_up_and_in(page, "fresh")
    stored = await browser_session(page)
    user_id = db_id((await Session(client, token=stored["accessToken"]).gql("query { viewer { id } }"))["viewer"]["id"])
    now, t = datetime.now(UTC), uuid.uuid4().hex[:8]
    posting_ids = await ingested([item(t, n, expires_at=now + timedelta(days=30)) for n in (1, 2, 3)], now)
    await update_posting(posting_ids[1], repost_of_id=posting_ids[0])
    await update_posting(posting_ids[2], repost_of_id=posting_ids[1])
    await linked(user_id, posting_ids[2:], now)
    [job] = await jobs_of(posting_ids[2:])

    # when the job's page opens
    await page.goto(f"/jobs/{encode_id('Job', job.id)}")

    # then the note states the facts and the expiry, neutrally
    note = page.get_by_test_id("job-freshness")
    await expect(note).to_contain_text("Possibly stale")
    await expect(note.get_by_role("listitem")).to_have_text([f"Re-posted 2 times since {now:%b}"])
    await expect(note).to_contain_text("The board lists it until")
