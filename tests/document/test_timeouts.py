"""A document still pending (or being written) after PENDING_TIMEOUT_MINUTES fails with a retryable
message, so it no longer blocks edits; an open page hears of it at once."""

from __future__ import annotations

from api.document.tasks import documents_fail_stale
from api.models import Document
from tests.support.documents import ACME_JOB, cover_letter, document
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import create_job
from tests.support.outbox import made_old
from tests.support.ws import Subscription, until_subscribed

STREAM = """
subscription Stream($id: ID!) { documentStream(id: $id) { status done error } }
"""
UPDATE = """
mutation Update($input: DocumentUpdateInput!) {
  documentUpdate(input: $input) { document { status text } errors { field message code } }
}
"""


async def pending_letter(client) -> tuple:
    """A person's cover letter whose job no worker takes (the queue is idle)."""
    user = await signed_up(client)
    doc = await cover_letter(user, await create_job(user, **ACME_JOB))
    return user, doc


class TestPendingDocumentTimeout:
    async def test_a_document_pending_too_long_fails_with_a_message_to_try_again(self, client, idle_queue, offline):
        # given
        user, doc = await pending_letter(client)
        await made_old(Document.updated_at, db_id(doc["id"]), minutes=20)
        # when
        await documents_fail_stale({})
        # then
        after = await document(user, doc["id"])
        assert (after["status"], after["errorCode"]) == ("FAILED", "TIMED_OUT")
        assert "Please try again" in after["error"]

    async def test_the_failed_document_no_longer_blocks_edits(self, client, idle_queue, offline):
        # given: while it is pending, an edit is refused
        user, doc = await pending_letter(client)
        refused = (await user.gql(UPDATE, {"input": {"id": doc["id"], "text": "Dear Acme"}}))["documentUpdate"]
        assert refused["errors"][0]["code"] == "INVALID_TRANSITION", refused
        await made_old(Document.updated_at, db_id(doc["id"]), minutes=20)
        # when
        await documents_fail_stale({})
        edited = (await user.gql(UPDATE, {"input": {"id": doc["id"], "text": "Dear Acme"}}))["documentUpdate"]
        # then
        assert edited == {"document": {"status": "COMPLETED", "text": "Dear Acme"}, "errors": []}

    async def test_an_open_page_hears_of_the_failure(self, client, base_url, idle_queue, offline):
        # given: the document's page follows its stream
        user, doc = await pending_letter(client)
        await made_old(Document.updated_at, db_id(doc["id"]), minutes=20)
        async with Subscription(base_url, user.token) as ws:
            await ws.start(STREAM, {"id": doc["id"]})
            first = (await ws.next())["payload"]["data"]["documentStream"]
            await until_subscribed("document", db_id(doc["id"]))
            # when
            await documents_fail_stale({})
            # then: the closing event comes from the live event (the page's own poll is 30 s away)
            last = (await ws.next(timeout=10))["payload"]["data"]["documentStream"]
        assert (first["status"], first["done"]) == ("PENDING", False)
        assert (last["status"], last["done"]) == ("FAILED", True) and "Please try again" in last["error"]

    async def test_a_recent_pending_document_is_left_alone(self, client, idle_queue, offline):
        # given
        user, doc = await pending_letter(client)
        await made_old(Document.updated_at, db_id(doc["id"]), minutes=5)
        # when
        await documents_fail_stale({})
        # then
        assert (await document(user, doc["id"]))["status"] == "PENDING"
