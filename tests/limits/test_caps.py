"""Per-user caps hold under concurrency (api.limits.within_cap and the row locks): N requests of
one person at once over real HTTP → exactly the cap accepted, the rest a clear RATE_LIMITED error,
no row written for a refused one."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from api.ai import service as ai_service
from api.db import read_session
from api.digest.service import PREVIEWS_PER_HOUR
from api.discovery.service import MAX_PENDING_IMPORTS
from api.models import AiUsage, Delivery, Digest, JobImport, ResumeUpload
from api.notification.preferences import VERIFICATION_TOPIC, VERIFICATIONS_PER_HOUR
from api.resume.service import MAX_PENDING_UPLOADS
from tests.support.channels import VERIFICATION_SEND
from tests.support.graphql import db_id, signed_up
from tests.support.pdfs import text_pdf

IMPORT = """
mutation Import($input: JobImportFromUrlInput!) {
  jobImportFromUrl(input: $input) { jobImport { id status } errors { field message code } }
}
"""
PREVIEW = """
mutation Preview($input: DigestPreviewInput!) {
  digestPreview(input: $input) { digest { id } errors { field message code } }
}
"""


async def count(model, user_id: int, *where) -> int:
    async with read_session() as session:
        query = select(func.count()).select_from(model).where(model.user_id == user_id, *where)
        return (await session.execute(query)).scalar_one()


class TestResumeUploadCap:
    async def test_thirty_uploads_at_once_accept_exactly_the_cap(self, client, heavy_held):
        # given a person with nothing being parsed (the heavy queue busy elsewhere: nothing finishes)
        user = await signed_up(client)
        pdf = text_pdf(["Jane Doe", "Skills: Python, PostgreSQL"])
        headers = {"authorization": f"Bearer {user.token}"}
        # when
        responses = await asyncio.gather(
            *(
                client.post("/uploads/resume", files={"file": ("r.pdf", pdf, "application/pdf")}, headers=headers)
                for _ in range(30)
            )
        )
        # then
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [202] * MAX_PENDING_UPLOADS + [429] * (30 - MAX_PENDING_UPLOADS)
        refused = {(r.json()["error"]["code"], r.json()["error"]["message"]) for r in responses if r.status_code == 429}
        assert refused == {("RATE_LIMITED", f"{MAX_PENDING_UPLOADS} résumés are still being parsed; wait until they are done.")}
        assert await count(ResumeUpload, db_id(user.user_id)) == MAX_PENDING_UPLOADS


class TestJobImportCap:
    async def test_fifteen_imports_at_once_accept_exactly_the_cap(self, client, heavy_held):
        # given
        user = await signed_up(client)
        # when
        bodies = await asyncio.gather(*(user.gql(IMPORT, {"input": {"url": f"http://127.0.0.1:9/job/{i}"}}) for i in range(15)))
        # then
        payloads = [b["jobImportFromUrl"] for b in bodies]
        accepted = [p for p in payloads if p["errors"] == []]
        assert len(accepted) == MAX_PENDING_IMPORTS and all(p["jobImport"]["status"] == "PENDING" for p in accepted)
        refused = [p for p in payloads if p["errors"]]
        assert len(refused) == 15 - MAX_PENDING_IMPORTS and all(p["jobImport"] is None for p in refused)
        assert {(e["field"], e["code"], e["message"]) for p in refused for e in p["errors"]} == {
            ("url", "RATE_LIMITED", f"At most {MAX_PENDING_IMPORTS} imports can be in progress; wait for one to finish")
        }
        assert await count(JobImport, db_id(user.user_id)) == MAX_PENDING_IMPORTS


class TestDigestPreviewCap:
    async def test_previews_at_once_accept_exactly_the_hourly_cap(self, client):
        # given
        user = await signed_up(client)
        # when
        bodies = await asyncio.gather(*(user.gql(PREVIEW, {"input": {"kind": "MORNING"}}) for _ in range(PREVIEWS_PER_HOUR + 5)))
        # then
        payloads = [b["digestPreview"] for b in bodies]
        assert sum(p["errors"] == [] for p in payloads) == PREVIEWS_PER_HOUR
        assert {e["code"] for p in payloads for e in p["errors"]} == {"RATE_LIMITED"}
        assert await count(Digest, db_id(user.user_id), Digest.is_test.is_(True)) == PREVIEWS_PER_HOUR


class TestVerificationMailCap:
    async def test_verification_mails_at_once_accept_exactly_the_hourly_cap(self, client, mailbox):
        # given a person whose address is not verified yet
        user = await signed_up(client)
        # when
        bodies = await asyncio.gather(*(user.gql(VERIFICATION_SEND, {"input": {}}) for _ in range(VERIFICATIONS_PER_HOUR + 4)))
        # then
        payloads = [b["emailVerificationSend"] for b in bodies]
        assert sum(p["errors"] == [] and p["sent"] for p in payloads) == VERIFICATIONS_PER_HOUR
        assert {e["code"] for p in payloads for e in p["errors"]} == {"RATE_LIMITED"}
        assert await count(Delivery, db_id(user.user_id), Delivery.topic == VERIFICATION_TOPIC) == VERIFICATIONS_PER_HOUR


class TestModelRequestCap:
    async def test_model_calls_at_once_reserve_exactly_the_requests_per_minute(self, client, monkeypatch):
        # given a budget of 3 model requests a minute (workers reserve in parallel)
        from api.config import get_settings

        monkeypatch.setattr(get_settings(), "ai_requests_per_minute", 3)
        user_id = db_id((await signed_up(client)).user_id)
        # when
        outcomes = await asyncio.gather(
            *(ai_service.reserve(user_id, "cover_letter", "fake-model") for _ in range(8)), return_exceptions=True
        )
        # then
        refused = [o for o in outcomes if isinstance(o, ai_service.BudgetDenied)]
        assert len(refused) == 5 and {r.code for r in refused} == {"RATE_LIMITED"}
        assert await count(AiUsage, user_id) == 3
