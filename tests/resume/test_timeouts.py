"""A résumé upload still pending after PENDING_TIMEOUT_MINUTES fails with a message to upload it
again, and its slot of the per-user cap is free again."""

from __future__ import annotations

from api.models import ResumeUpload
from api.resume.service import MAX_PENDING_UPLOADS
from api.resume.tasks import resume_uploads_fail_stale
from tests.support.graphql import db_id, signed_up
from tests.support.outbox import made_old
from tests.support.pdfs import text_pdf

UPLOAD = "query Upload($id: ID!) { node(id: $id) { ... on ResumeUpload { status error errorCode } } }"
PDF = text_pdf(["Ada Lovelace", "Python, PostgreSQL"])


async def upload(client, user):
    return await client.post(
        "/uploads/resume",
        files={"file": ("resume.pdf", PDF, "application/pdf")},
        headers={"authorization": f"Bearer {user.token}"},
    )


async def pending_uploads(client, user, count: int) -> list[str]:
    """Uploads whose parse no worker takes (the queue is idle)."""
    ids = []
    for _ in range(count):
        response = await upload(client, user)
        assert response.status_code == 202, response.text
        ids.append(response.json()["id"])
    return ids


class TestPendingUploadTimeout:
    async def test_an_upload_pending_too_long_fails_with_a_message_to_upload_again(self, client, idle_queue):
        # given
        user = await signed_up(client)
        [upload_id] = await pending_uploads(client, user, 1)
        await made_old(ResumeUpload.created_at, db_id(upload_id), minutes=20)
        # when
        await resume_uploads_fail_stale({})
        # then
        node = (await user.gql(UPLOAD, {"id": upload_id}))["node"]
        assert (node["status"], node["errorCode"]) == ("FAILED", "TIMED_OUT")
        assert "Please upload it again" in node["error"]

    async def test_the_timed_out_uploads_release_their_slots(self, client, idle_queue):
        # given: the cap is reached
        user = await signed_up(client)
        ids = await pending_uploads(client, user, MAX_PENDING_UPLOADS)
        refused = await upload(client, user)
        for upload_id in ids:
            await made_old(ResumeUpload.created_at, db_id(upload_id), minutes=20)
        # when
        failed = await resume_uploads_fail_stale({})
        accepted = await upload(client, user)
        # then
        assert (refused.status_code, refused.json()["error"]["code"]) == (429, "RATE_LIMITED")
        assert failed == MAX_PENDING_UPLOADS
        assert accepted.status_code == 202, accepted.text

    async def test_a_recent_pending_upload_is_left_alone(self, client, idle_queue):
        # given
        user = await signed_up(client)
        [upload_id] = await pending_uploads(client, user, 1)
        await made_old(ResumeUpload.created_at, db_id(upload_id), minutes=5)
        # when
        await resume_uploads_fail_stale({})
        # then
        assert (await user.gql(UPLOAD, {"id": upload_id}))["node"]["status"] == "PENDING"
