"""Answers to repeated queries (api.graphql.answers): kept per (viewer, scopes, data versions,
quarter hour, document, variables), revalidated with ETag / If-None-Match, never served after a
write, never to someone else."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

import httpx

from api.app import create_app
from api.graphql.answers import BUCKET_SECONDS, time_bucket
from api.graphql.relay import decode_id
from tests.support.graphql import signed_up
from tests.support.jobs import create_job
from tests.support.running import running_server
from tests.support.versions import raw_sql

JOBS = "query Jobs($first: Int!) { jobs(first: $first) { totalCount edges { node { id title } } } }"
INSIGHTS = "query Insights { viewer { id topInsights(limit: 5) { id } } }"
TOO_MANY = "query Jobs { jobs(first: 1000) { totalCount } }"
FIRST = {"first": 20}


def titles(response: httpx.Response) -> list[str]:
    return [edge["node"]["title"] for edge in response.json()["data"]["jobs"]["edges"]]


async def get(user, query: str, variables: dict | None = None, **headers: str) -> httpx.Response:
    return await user.client.get(
        "/graphql",
        params={"query": query, **({"variables": json.dumps(variables)} if variables else {})},
        headers={"authorization": f"Bearer {user.token}", **headers},
    )


class TestRepeatedQueries:
    async def test_a_repeated_query_gets_the_same_answer_and_etag(self, client):
        # given
        user = await signed_up(client)
        await create_job(user, title="Platform Engineer")
        first = await user.post(JOBS, FIRST)
        # when
        second = await user.post(JOBS, FIRST)
        # then
        assert second.content == first.content
        assert second.headers["etag"] == first.headers["etag"]
        assert second.headers["cache-control"] == "private, no-cache"

    async def test_a_get_with_the_current_etag_is_not_modified(self, client):
        # given
        user = await signed_up(client)
        await create_job(user)
        first = await get(user, JOBS, FIRST)
        # when
        again = await get(user, JOBS, FIRST, **{"if-none-match": first.headers["etag"]})
        # then
        assert first.status_code == 200
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == first.headers["etag"]

    async def test_a_get_with_an_old_etag_gets_the_new_answer(self, client):
        # given
        user = await signed_up(client)
        await create_job(user, title="Before")
        first = await get(user, JOBS, FIRST)
        await create_job(user, title="After")
        # when
        again = await get(user, JOBS, FIRST, **{"if-none-match": first.headers["etag"]})
        # then
        assert again.status_code == 200
        assert sorted(titles(again)) == ["After", "Before"]
        assert again.headers["etag"] != first.headers["etag"]


class TestWritesInvalidate:
    async def test_a_mutation_then_a_read_returns_the_new_data(self, client):
        # given: the answer is kept
        user = await signed_up(client)
        await user.post(JOBS, FIRST)
        # when
        await create_job(user, title="Data Engineer")
        read = await user.post(JOBS, FIRST)
        # then
        assert titles(read) == ["Data Engineer"]

    async def test_raw_sql_then_a_read_returns_the_new_data(self, client):
        # given
        user = await signed_up(client)
        job_id = decode_id(await create_job(user, title="Old title"), "Job")
        assert titles(await user.post(JOBS, FIRST)) == ["Old title"]
        # when: a write no request of the API made
        await raw_sql("UPDATE jobs SET title = 'New title' WHERE id = :id", id=job_id)
        read = await user.post(JOBS, FIRST)
        # then
        assert titles(read) == ["New title"]


class TestWhoGetsWhat:
    async def test_another_person_never_gets_my_answer(self, client):
        # given: my answer is kept
        me, other = await signed_up(client), await signed_up(client)
        await create_job(me, title="Mine")
        assert titles(await me.post(JOBS, FIRST)) == ["Mine"]
        # when: the same document and variables by someone else
        theirs = await other.post(JOBS, FIRST)
        # then
        assert titles(theirs) == []

    async def test_another_persons_etag_is_not_modified_for_me_never(self, client):
        # given
        me, other = await signed_up(client), await signed_up(client)
        mine = await get(me, JOBS, FIRST)
        # when
        theirs = await get(other, JOBS, FIRST, **{"if-none-match": mine.headers["etag"]})
        # then
        assert theirs.status_code == 200

    async def test_an_answer_with_errors_is_not_kept(self, client):
        # given
        user = await signed_up(client)
        # when
        response = await user.post(TOO_MANY)
        # then
        assert "errors" in response.json()
        assert "etag" not in response.headers

    async def test_a_clock_dependent_document_is_not_kept(self, client):
        # given
        user = await signed_up(client)
        # when: insights expire at their validUntil, any minute
        response = await user.post(INSIGHTS)
        # then
        assert response.status_code == 200
        assert "etag" not in response.headers

    async def test_a_signed_out_query_is_not_kept(self, client):
        # when
        response = await client.post("/graphql", json={"query": JOBS, "variables": FIRST})
        # then
        assert "etag" not in response.headers


class TestTheClock:
    def test_every_local_midnight_starts_a_new_quarter_hour(self):
        # given: the next local midnight in every zone
        now = datetime(2026, 3, 28, 12, 0)
        missed = []
        for name in sorted(available_timezones()):
            zone = ZoneInfo(name)
            midnight = datetime(now.year, now.month, now.day + 1, tzinfo=zone).timestamp()
            # when / then: the second before it and the midnight are in different buckets
            if time_bucket(midnight - 1) == time_bucket(midnight) or midnight % BUCKET_SECONDS:
                missed.append(name)
        assert missed == []

    async def test_the_answer_is_computed_again_after_the_persons_midnight(self, services):
        # given: an API whose clock stands at 23:59:30 in the person's zone, the answer kept
        app = create_app()
        zone = ZoneInfo("Asia/Kathmandu")  # +05:45
        evening = datetime(2026, 11, 30, 23, 59, 30, tzinfo=zone).timestamp()
        app.state.answers.clock = lambda: evening
        async with running_server(app) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
            user = await signed_up(client)
            await raw_sql("UPDATE users SET timezone = 'Asia/Kathmandu' WHERE username = :u", u=user.username)
            before = await get(user, JOBS, FIRST)
            same_day = await get(user, JOBS, FIRST, **{"if-none-match": before.headers["etag"]})
            # when: the clock passes midnight there
            app.state.answers.clock = lambda: evening + 30
            next_day = await get(user, JOBS, FIRST, **{"if-none-match": before.headers["etag"]})
        # then
        assert same_day.status_code == 304
        assert next_day.status_code == 200
        assert next_day.headers["etag"] != before.headers["etag"]
