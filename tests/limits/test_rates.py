"""Per-user rates of expensive mutations (api.limits.within_rate): a sliding window in Redis, so it
holds for requests at once and across API replicas; the refusal is a payload error RATE_LIMITED
that says when to try again; another person is never affected."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from api.config import get_settings
from api.db import read_session
from api.models import Document
from tests.support.documents import ACME_JOB, COVER_LETTER, EMAIL
from tests.support.graphql import Session, db_id, signed_up
from tests.support.jobs import create_job
from tests.support.pdfs import text_pdf
from tests.support.waiting import eventually

INTERVIEW = """
mutation Start($input: InterviewStartInput!) {
  interviewStart(input: $input) { session { id } errors { field message code } }
}
"""
IMPORT = """
mutation Import($input: JobImportFromUrlInput!) {
  jobImportFromUrl(input: $input) { jobImport { id } errors { field message code } }
}
"""


@pytest.fixture
def limit(monkeypatch):
    """Set RATE_LIMIT_<name> for the test."""

    def set_limit(name: str, value: int, window_seconds: int = 600) -> None:
        monkeypatch.setattr(get_settings(), f"rate_limit_{name}", value)
        monkeypatch.setattr(get_settings(), "rate_limit_window_seconds", window_seconds)

    return set_limit


async def letter(user: Session, job_id: str) -> dict:
    return (await user.gql(COVER_LETTER, {"input": {"jobId": job_id, "tone": "PROFESSIONAL"}}))["coverLetterGenerate"]


async def documents(user: Session) -> int:
    async with read_session() as session:
        query = select(func.count()).select_from(Document).where(Document.user_id == db_id(user.user_id))
        return (await session.execute(query)).scalar_one()


class TestGenerationRate:
    async def test_beyond_the_limit_the_answer_says_when_to_try_again(self, client, limit):
        # given a person who generated as often as the window allows
        limit("generations", 3)
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        for _ in range(3):
            assert (await letter(user, job_id))["errors"] == []
        # when
        payload = await letter(user, job_id)
        # then nothing more is written
        assert payload["document"] is None
        assert payload["errors"] == [
            {
                "field": None,
                "message": "At most 3 generations every 10 minutes; try again in 10 minutes.",
                "code": "RATE_LIMITED",
            }
        ]
        assert await documents(user) == 3

    async def test_requests_at_once_accept_exactly_the_limit(self, client, limit):
        # given
        limit("generations", 4)
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        # when
        payloads = await asyncio.gather(*(letter(user, job_id) for _ in range(12)))
        # then
        assert sum(p["errors"] == [] for p in payloads) == 4
        assert {e["code"] for p in payloads for e in p["errors"]} == {"RATE_LIMITED"}
        assert await documents(user) == 4

    async def test_cover_letters_emails_and_interviews_share_one_limit(self, client, limit):
        # given a cover letter and an email within a limit of two
        limit("generations", 2)
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        assert (await letter(user, job_id))["errors"] == []
        assert (await user.gql(EMAIL, {"input": {"kind": "FOLLOW_UP", "jobId": job_id}}))["emailDraft"]["errors"] == []
        # when
        payload = (await user.gql(INTERVIEW, {"input": {"kind": "GENERAL", "questionCount": 3}}))["interviewStart"]
        # then
        assert payload["session"] is None and [e["code"] for e in payload["errors"]] == ["RATE_LIMITED"]

    async def test_another_person_is_not_affected(self, client, limit):
        # given one person at the limit
        limit("generations", 1)
        busy, other = await signed_up(client), await signed_up(client)
        busy_job, other_job = await create_job(busy, **ACME_JOB), await create_job(other, **ACME_JOB)
        assert (await letter(busy, busy_job))["errors"] == []
        assert [e["code"] for e in (await letter(busy, busy_job))["errors"]] == ["RATE_LIMITED"]
        # when
        payload = await letter(other, other_job)
        # then
        assert payload["errors"] == [] and payload["document"]["status"] == "PENDING"

    async def test_the_window_slides_and_a_refused_request_is_not_counted(self, client, limit):
        # given a limit of one per second, used
        limit("generations", 1, window_seconds=1)
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        assert (await letter(user, job_id))["errors"] == []
        assert [e["code"] for e in (await letter(user, job_id))["errors"]] == ["RATE_LIMITED"]

        # when the window moves past the first request (refused attempts meanwhile do not count)
        async def accepted():
            return (await letter(user, job_id))["errors"] == []

        # then
        assert await eventually(accepted, timeout=10)
        assert await documents(user) == 2


class TestUploadRate:
    async def test_beyond_the_limit_the_answer_is_429_with_retry_after(self, client, limit, heavy_held):
        # given
        limit("uploads", 2)
        user = await signed_up(client)
        headers = {"authorization": f"Bearer {user.token}"}
        pdf = text_pdf(["Jane Doe", "Skills: Python"])

        async def upload():
            return await client.post("/uploads/resume", files={"file": ("r.pdf", pdf, "application/pdf")}, headers=headers)

        assert [(await upload()).status_code for _ in range(2)] == [202, 202]
        # when
        response = await upload()
        # then
        assert response.status_code == 429
        assert response.json() == {
            "error": {"message": "At most 2 résumé uploads every 10 minutes; try again in 10 minutes.", "code": "RATE_LIMITED"}
        }
        assert 540 < int(response.headers["retry-after"]) <= 600  # seconds until the first upload leaves the window


class TestImportRate:
    async def test_beyond_the_limit_the_url_field_is_rate_limited(self, client, limit):
        # given
        limit("imports", 2)
        user = await signed_up(client)
        for i in range(2):
            assert (await user.gql(IMPORT, {"input": {"url": f"http://127.0.0.1:9/job/{i}"}}))["jobImportFromUrl"]["errors"] == []
        # when
        payload = (await user.gql(IMPORT, {"input": {"url": "http://127.0.0.1:9/job/3"}}))["jobImportFromUrl"]
        # then
        assert payload["jobImport"] is None
        assert payload["errors"] == [
            {"field": "url", "message": "At most 2 imports every 10 minutes; try again in 10 minutes.", "code": "RATE_LIMITED"}
        ]


class TestRedisUnreachable:
    async def test_the_rate_is_not_checked_and_the_request_goes_through(self, client, limit, monkeypatch):
        # given a person at the limit, and Redis unreachable for the API (nothing listens on the port)
        from arq import ArqRedis

        from api import broker
        from tests.support.running import free_port

        limit("generations", 1)
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        assert (await letter(user, job_id))["errors"] == []
        unreachable = ArqRedis(host="127.0.0.1", port=free_port(), socket_connect_timeout=0.5)
        monkeypatch.setattr(broker, "_pool", unreachable)
        # when
        payload = await letter(user, job_id)
        # then the caps in the database still hold; the person is not stopped by the outage
        assert payload["errors"] == [] and payload["document"]["status"] == "PENDING"
        await unreachable.aclose()


REFRESH = """
mutation Refresh($input: TokenRefreshInput!) {
  tokenRefresh(input: $input) { accessToken refreshToken errors { field message code } }
}
"""


class TestRefreshRate:
    async def test_beyond_the_limit_a_refresh_waits_and_another_person_is_unaffected(self, client, limit):
        # given a person who refreshed as often as the window allows
        limit("refreshes", 2)
        user, other = await signed_up(client), await signed_up(client)
        token = user.refresh_token
        for _ in range(2):
            payload = (await user.gql(REFRESH, {"input": {"refreshToken": token}}))["tokenRefresh"]
            assert payload["errors"] == []
            token = payload["refreshToken"]
        # when
        refused = (await user.gql(REFRESH, {"input": {"refreshToken": token}}))["tokenRefresh"]
        theirs = (await other.gql(REFRESH, {"input": {"refreshToken": other.refresh_token}}))["tokenRefresh"]
        # then the refused token still works later (it was not used up), and others refresh freely
        assert refused["accessToken"] is None
        assert refused["errors"] == [
            {
                "field": "refreshToken",
                "message": "At most 2 session renewals every 10 minutes; try again in 10 minutes.",
                "code": "RATE_LIMITED",
            }
        ]
        assert theirs["errors"] == []
        limit("refreshes", 10)
        assert (await user.gql(REFRESH, {"input": {"refreshToken": token}}))["tokenRefresh"]["errors"] == []
