"""`Job.freshness` on known histories: the posting's dates and reposts, the viewer's own
applications to the company; batched (statements do not grow with the page)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from api.graphql.relay import encode_id
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import create_application, create_job
from tests.support.postings import ingested, item, jobs_of, linked, update_posting
from tests.support.statements import counting_statements

NOW = datetime.now(UTC).replace(microsecond=0)
FRESHNESS = "query Job($id: ID!) { node(id: $id) { ... on Job { company freshness { possiblyStale evidence expiresAt } } } }"
PAGE = """
query Page($first: Int!) {
  jobs(first: $first, filter: {origin: DISCOVERED}) { edges { node { id freshness { possiblyStale evidence expiresAt } } } }
}
"""


async def discovered(user, items) -> list[str]:
    """The viewer's job ids for these postings, in item order."""
    posting_ids = await ingested(items, NOW)
    await linked(db_id(user.user_id), posting_ids, NOW)
    jobs = {j.posting_id: j.id for j in await jobs_of(posting_ids)}
    return [encode_id("Job", jobs[p]) for p in posting_ids]


async def applied_to(user, company: str, times: int, status: str = "APPLIED") -> None:
    for n in range(times):
        await create_application(user, await create_job(user, company=company, title=f"Role {n}"), status)


async def freshness(user, job_id: str) -> dict:
    return (await user.gql(FRESHNESS, {"id": job_id}))["node"]["freshness"]


class TestJobFreshness:
    async def test_a_recent_posting_is_not_flagged_and_shows_its_expiry(self, client):
        # given
        t, expiry = uuid.uuid4().hex[:8], NOW + timedelta(days=20)
        user = await signed_up(client)
        [job_id] = await discovered(user, [item(t, posted_at=NOW - timedelta(days=3), expires_at=expiry)])
        # when
        result = await freshness(user, job_id)
        # then
        assert result["possiblyStale"] is False
        assert result["evidence"] == []
        assert datetime.fromisoformat(result["expiresAt"]) == expiry

    async def test_a_long_listing_and_silent_applications_to_that_company_flag_it(self, client):
        # given: listed for 74 days; three applications to the same company without a response
        t = uuid.uuid4().hex[:8]
        user = await signed_up(client)
        [job_id] = await discovered(user, [item(t, posted_at=NOW - timedelta(days=74, hours=1))])
        await applied_to(user, f"ACME {t}", 3)
        # when
        result = await freshness(user, job_id)
        # then
        assert result == {
            "possiblyStale": True,
            "evidence": ["Listed for 74 days", f"Your 3 applications to Acme {t} this year got no response"],
            "expiresAt": None,
        }

    async def test_a_response_from_the_company_keeps_it_unflagged(self, client):
        # given
        t = uuid.uuid4().hex[:8]
        user = await signed_up(client)
        [job_id] = await discovered(user, [item(t, posted_at=NOW - timedelta(days=74))])
        await applied_to(user, f"Acme {t}", 2)
        await applied_to(user, f"Acme {t}", 1, "INTERVIEW")
        # when / then
        assert (await freshness(user, job_id))["possiblyStale"] is False

    async def test_another_users_applications_do_not_count(self, client):
        # given
        t = uuid.uuid4().hex[:8]
        user, other = await signed_up(client), await signed_up(client)
        [job_id] = await discovered(user, [item(t, posted_at=NOW - timedelta(days=74))])
        await applied_to(other, f"Acme {t}", 3)
        # when / then
        assert (await freshness(user, job_id))["possiblyStale"] is False

    async def test_a_posting_reposted_twice_is_flagged_with_since_when(self, client):
        # given: three postings of one job, each a repost of the one before; the first from August
        t = uuid.uuid4().hex[:8]
        user = await signed_up(client)
        first_posted = datetime(NOW.year - 1, 8, 14, tzinfo=UTC)
        posting_ids = await ingested([item(t, n) for n in (1, 2, 3)], NOW)
        await update_posting(posting_ids[0], posted_at=first_posted)
        await update_posting(posting_ids[1], repost_of_id=posting_ids[0])
        await update_posting(posting_ids[2], repost_of_id=posting_ids[1], posted_at=NOW - timedelta(days=2))
        await linked(db_id(user.user_id), posting_ids[2:], NOW)
        [job] = await jobs_of(posting_ids[2:])
        # when
        result = await freshness(user, encode_id("Job", job.id))
        # then
        assert result["possiblyStale"] is True
        assert result["evidence"] == ["Re-posted 2 times since Aug"]

    async def test_a_job_added_by_hand_speaks_only_from_the_persons_history(self, client):
        # given
        user = await signed_up(client)
        job_id = await create_job(user, company="Initech")
        await applied_to(user, "Initech", 3)
        # when / then: one weak signal is not enough
        assert await freshness(user, job_id) == {"possiblyStale": False, "evidence": [], "expiresAt": None}


class TestJobFreshnessStatements:
    async def test_the_statement_count_does_not_grow_with_the_page(self, client):
        # given: 20 discovered jobs at four companies, with applications to two of them
        t = uuid.uuid4().hex[:8]
        user = await signed_up(client)
        items = [item(t, n, posted_at=NOW - timedelta(days=n * 5), company=f"Acme {t} {n % 4}") for n in range(20)]
        await discovered(user, items)
        await applied_to(user, f"Acme {t} 1", 3)
        await applied_to(user, f"Acme {t} 2", 1)
        counts = {}
        # when
        for n in (4, 20):
            async with counting_statements() as statements:
                data = await user.gql(PAGE, {"first": n})
            counts[n] = len(statements)
            assert len(data["jobs"]["edges"]) == n
        # then
        assert counts[4] == counts[20], counts
        flagged = [e for e in data["jobs"]["edges"] if e["node"]["freshness"]["possiblyStale"]]
        assert flagged and all(f"Acme {t} 1 this year" in e["node"]["freshness"]["evidence"][1] for e in flagged)
