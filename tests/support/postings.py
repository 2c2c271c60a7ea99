"""Postings ingested directly (what a source run stores) and linked to a user's jobs, for tests on
known histories of expiry, reposts and freshness."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from api.db import read_session, unit_of_work
from api.discovery import ingest
from api.discovery.postings import NormalizedPosting
from api.matching.scoring import scorer_for
from api.models import Job, Posting
from api.user import repository as users


def item(
    t: str, number: int = 1, expires_at: datetime | None = None, posted_at: datetime | None = None, company: str | None = None
) -> NormalizedPosting:
    return NormalizedPosting(
        source="recruitee",
        source_id=f"{t}-{number}",
        url=f"https://acme-{t}.recruitee.com/o/role-{number}",
        company=company or f"Acme {t}",
        title=f"Backend Engineer {number}",
        locations=["Berlin"],
        description="Python and PostgreSQL.",
        posted_at=posted_at,
        expires_at=expires_at,
    )


async def ingested(items: list[NormalizedPosting], now: datetime) -> list[int]:
    async with unit_of_work() as session:
        return [p.id for p in (await ingest.ingest(session, items, board=None, now=now)).postings]


async def linked(user_id: int, posting_ids: list[int], now: datetime) -> None:
    async with unit_of_work() as session:
        user = await users.get(session, user_id)
        assert user is not None
        postings = list((await session.execute(select(Posting).where(Posting.id.in_(posting_ids)))).scalars())
        await ingest.link_for_user(session, user, postings, await scorer_for(session, user), threshold=101, now=now)


async def posting_row(posting_id: int) -> Posting:
    async with read_session() as session:
        return (await session.execute(select(Posting).where(Posting.id == posting_id))).scalar_one()


async def jobs_of(posting_ids: list[int]) -> list[Job]:
    """The jobs made from these postings, in the order of the postings given (not of their ids:
    the jobs of one batch are created in whatever order the postings were read)."""
    async with read_session() as session:
        jobs = list((await session.execute(select(Job).where(Job.posting_id.in_(posting_ids)).order_by(Job.id))).scalars())
    order = {posting_id: index for index, posting_id in enumerate(posting_ids)}
    return sorted(jobs, key=lambda job: (order[job.posting_id], job.id))


async def update_posting(posting_id: int, **values: object) -> None:
    async with unit_of_work() as session:
        row = (await session.execute(select(Posting).where(Posting.id == posting_id))).scalar_one()
        for name, value in values.items():
            setattr(row, name, value)
