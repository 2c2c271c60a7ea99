"""The source's own expiry: kept at ingest (the latest given wins), past it a posting is closed —
at ingest and by the hourly sweep — with the jobs created from it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from api.db import read_session, unit_of_work
from api.discovery import ingest, repository
from api.discovery.postings import NormalizedPosting
from api.discovery.tasks import postings_close_expired
from api.models import Job, Posting
from api.user import repository as users
from tests.support.graphql import db_id, signed_up

NOW = datetime.now(UTC).replace(microsecond=0)


def item(t: str, number: int = 1, expires_at: datetime | None = None) -> NormalizedPosting:
    return NormalizedPosting(
        source="recruitee",
        source_id=f"{t}-{number}",
        url=f"https://acme-{t}.recruitee.com/o/role-{number}",
        company=f"Acme {t}",
        title=f"Backend Engineer {number}",
        locations=["Berlin"],
        description="Python and PostgreSQL.",
        expires_at=expires_at,
    )


async def ingested(items: list[NormalizedPosting], now: datetime = NOW) -> list[int]:
    async with unit_of_work() as session:
        return [p.id for p in (await ingest.ingest(session, items, board=None, now=now)).postings]


async def linked(user_id: int, posting_ids: list[int]) -> None:
    from api.matching.scoring import scorer_for

    async with unit_of_work() as session:
        user = await users.get(session, user_id)
        assert user is not None
        postings = list((await session.execute(select(Posting).where(Posting.id.in_(posting_ids)))).scalars())
        await ingest.link_for_user(session, user, postings, await scorer_for(session, user), threshold=101, now=NOW)


async def posting(posting_id: int) -> Posting:
    async with read_session() as session:
        return (await session.execute(select(Posting).where(Posting.id == posting_id))).scalar_one()


async def jobs_of(posting_ids: list[int]) -> list[Job]:
    async with read_session() as session:
        return list((await session.execute(select(Job).where(Job.posting_id.in_(posting_ids)).order_by(Job.id))).scalars())


async def expire(posting_id: int, when: datetime) -> None:
    async with unit_of_work() as session:
        row = (await session.execute(select(Posting).where(Posting.id == posting_id))).scalar_one()
        row.expires_at = when


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
        ids = await ingested(
            [item(t, 1, soon[0]), item(t, 2, soon[1]), item(t, 3, NOW + timedelta(days=9)), item(t, 4)]
        )
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
