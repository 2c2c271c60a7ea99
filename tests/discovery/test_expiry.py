"""The source's own expiry: kept at ingest (the latest given wins), past it a posting is closed —
at ingest and by the hourly sweep — with the jobs created from it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from api.db import unit_of_work
from api.discovery import repository
from api.discovery.tasks import postings_close_expired
from tests.support.graphql import db_id, signed_up
from tests.support.postings import ingested as support_ingested
from tests.support.postings import item, jobs_of, posting_row, update_posting
from tests.support.postings import linked as support_linked

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(autouse=True)
def now() -> Iterator[None]:
    """Each test's "now" is when it starts, not when the module was collected: the sweep compares
    with the real clock, and a long run reaches these tests minutes after collection."""
    global NOW
    NOW = datetime.now(UTC).replace(microsecond=0)
    yield


async def ingested(items, now: datetime | None = None) -> list[int]:
    return await support_ingested(items, now or NOW)


async def linked(user_id: int, posting_ids: list[int]) -> None:
    await support_linked(user_id, posting_ids, NOW)


async def expire(posting_id: int, when: datetime) -> None:
    await update_posting(posting_id, expires_at=when)


posting = posting_row


class TestExpiryAtIngest:
    async def test_the_sources_expiry_is_stored(self, client):
        # given
        t, expiry = uuid.uuid4().hex[:8], NOW + timedelta(days=20)
        # when
        [posting_id] = await ingested([item(t, expires_at=expiry)])
        # then
        row = await posting(posting_id)
        assert (row.expires_at, row.closed_at) == (expiry, None)

    async def test_an_item_already_past_its_expiry_is_stored_closed_as_of_that_expiry(self, client):
        # given
        t, expiry = uuid.uuid4().hex[:8], NOW - timedelta(days=2)
        user = await signed_up(client)
        # when
        [posting_id] = await ingested([item(t, expires_at=expiry)])
        await linked(db_id(user.user_id), [posting_id])
        # then: closed, and no job is created for it
        row = await posting(posting_id)
        assert (row.expires_at, row.closed_at) == (expiry, expiry)
        assert await jobs_of([posting_id]) == []

    async def test_the_latest_expiry_wins_and_a_source_that_stops_giving_one_keeps_it(self, client):
        # given
        t = uuid.uuid4().hex[:8]
        first, later = NOW + timedelta(days=5), NOW + timedelta(days=30)
        [posting_id] = await ingested([item(t, expires_at=first)])
        # when
        await ingested([item(t, expires_at=later)], NOW + timedelta(minutes=1))
        after_later = (await posting(posting_id)).expires_at
        await ingested([item(t, expires_at=None)], NOW + timedelta(minutes=2))
        # then
        assert after_later == later
        assert (await posting(posting_id)).expires_at == later

    async def test_a_posting_still_listed_past_its_expiry_closes_with_its_jobs(self, client):
        # given: an open posting with a job, whose expiry has just passed
        t, expiry = uuid.uuid4().hex[:8], NOW + timedelta(hours=1)
        user = await signed_up(client)
        [posting_id] = await ingested([item(t, expires_at=expiry)])
        await linked(db_id(user.user_id), [posting_id])
        # when: the board still lists it two hours later
        await ingested([item(t)], NOW + timedelta(hours=2))
        # then
        assert (await posting(posting_id)).closed_at == expiry
        assert [j.closed_at for j in await jobs_of([posting_id])] == [expiry]

    async def test_a_new_later_expiry_opens_an_expired_posting_again(self, client):
        # given: a posting closed by its expiry
        t = uuid.uuid4().hex[:8]
        [posting_id] = await ingested([item(t, expires_at=NOW - timedelta(days=1))])
        # when: the board extends it
        extended = NOW + timedelta(days=14)
        await ingested([item(t, expires_at=extended)], NOW + timedelta(minutes=1))
        # then
        row = await posting(posting_id)
        assert (row.expires_at, row.closed_at) == (extended, None)


class TestExpirySweep:
    async def test_the_sweep_closes_expired_postings_and_their_jobs_in_batches(self, client):
        # given: two postings about to expire, one expiring later, one without expiry, each with a job
        t = uuid.uuid4().hex[:8]
        user = await signed_up(client)
        soon = [NOW + timedelta(minutes=5), NOW + timedelta(minutes=6)]
        ids = await ingested([item(t, 1, soon[0]), item(t, 2, soon[1]), item(t, 3, NOW + timedelta(days=9)), item(t, 4)])
        await linked(db_id(user.user_id), ids)
        for posting_id, when in zip(ids[:2], [NOW - timedelta(hours=3), NOW - timedelta(hours=2)], strict=True):
            await expire(posting_id, when)  # the deadline passed while no run saw it
        # when: batches of one
        closed = await postings_close_expired({}, batch=1)
        again = await postings_close_expired({}, batch=1)
        # then
        assert closed >= 2
        assert again == 0
        assert [(await posting(i)).closed_at for i in ids] == [NOW - timedelta(hours=3), NOW - timedelta(hours=2), None, None]
        assert [j.closed_at for j in await jobs_of(ids)] == [NOW - timedelta(hours=3), NOW - timedelta(hours=2), None, None]

    async def test_a_job_closed_already_keeps_its_date(self, client):
        # given: a posting whose job was closed before (left the board), then it expired
        t = uuid.uuid4().hex[:8]
        user = await signed_up(client)
        [posting_id] = await ingested([item(t, expires_at=NOW + timedelta(days=3))])
        await linked(db_id(user.user_id), [posting_id])
        earlier = NOW - timedelta(days=10)
        async with unit_of_work() as session:
            await repository.close_jobs_of_postings(session, [posting_id], earlier)
        await expire(posting_id, NOW - timedelta(days=1))
        # when
        await postings_close_expired({})
        # then
        assert (await posting(posting_id)).closed_at == NOW - timedelta(days=1)
        assert [j.closed_at for j in await jobs_of([posting_id])] == [earlier]
