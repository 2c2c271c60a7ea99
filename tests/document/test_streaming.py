"""documentStream: the text reaches a WebSocket subscriber in pieces as the worker writes it."""

from __future__ import annotations

from tests.support.documents import ACME_JOB, cover_letter, document, finished
from tests.support.graphql import signed_up
from tests.support.jobs import create_job
from tests.support.waiting import eventually
from tests.support.ws import Subscription

STREAM = """
subscription Stream($id: ID!) {
  documentStream(id: $id) { offset chunk status done error document { id status text } }
}
"""


async def collect(ws: Subscription, text: str = "") -> tuple[str, list[dict]]:
    """Apply events as a client does (text[:offset] + chunk) until the last one."""
    events: list[dict] = []
    while True:
        message = await ws.next(timeout=20)
        assert message["type"] == "next", message
        event = message["payload"]["data"]["documentStream"]
        events.append(event)
        text = text[: event["offset"]] + event["chunk"]
        if event["done"]:
            return text, events


class TestDocumentStream:
    async def test_offline_letter_arrives_in_several_chunks(self, client, base_url, worker, offline):
        # given
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        doc = await cover_letter(user, job_id)
        # when
        async with Subscription(base_url, user.token) as ws:
            await ws.start(STREAM, {"id": doc["id"]})
            text, events = await collect(ws)
        # then
        pieces = [e for e in events if not e["done"] and e["chunk"]]
        assert len(pieces) >= 5, len(pieces)
        final = events[-1]
        assert final["status"] == "COMPLETED" and final["document"]["status"] == "COMPLETED"
        assert text == final["document"]["text"] and "Acme Robotics" in text

    async def test_model_tokens_stream_through_to_the_browser(self, client, base_url, worker, model):
        # given: the fake model streams word by word, slowly enough to be watched
        model.chunk_delay = 0.02
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        # when
        async with Subscription(base_url, user.token) as ws:
            doc = await cover_letter(user, job_id)
            await ws.start(STREAM, {"id": doc["id"]})
            text, events = await collect(ws)
        # then: several live pieces, and the version keeps the whole text with the model and tokens
        assert len([e for e in events if not e["done"] and e["chunk"]]) >= 5
        assert "Acme Robotics" in text and events[-1]["status"] == "COMPLETED"
        stored = await finished(user, doc["id"])
        version = stored["versions"][0]
        assert version["text"] == text and version["model"] == "fake-model" and version["totalTokens"] > 0
        assert model.chat_requests[-1]["stream"] is True

    async def test_a_late_subscriber_first_gets_the_text_so_far(self, client, base_url, worker, model):
        # given: a generation already half-way through
        model.chunk_delay = 0.05
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        doc = await cover_letter(user, job_id)

        async def half_way():
            current = await document(user, doc["id"])
            return current["status"] == "STREAMING" and current["text"]

        await eventually(half_way)
        # when
        async with Subscription(base_url, user.token) as ws:
            await ws.start(STREAM, {"id": doc["id"]})
            first = (await ws.next())["payload"]["data"]["documentStream"]
            text, events = await collect(ws, first["chunk"])
        # then: the first event already carries text, and the pieces join up to the final text
        assert first["offset"] == 0 and first["chunk"] and not first["done"]
        assert len(events) > 2 and events[0]["offset"] == len(first["chunk"])
        assert text == events[-1]["document"]["text"]

    async def test_a_finished_document_is_one_final_event(self, client, base_url, worker, offline):
        # given
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        doc = await finished(user, (await cover_letter(user, job_id))["id"])
        # when
        async with Subscription(base_url, user.token) as ws:
            await ws.start(STREAM, {"id": doc["id"]})
            event = (await ws.next())["payload"]["data"]["documentStream"]
            complete = await ws.next()
        # then
        assert event["done"] and event["chunk"] == doc["text"] and event["offset"] == 0
        assert complete["type"] == "complete"

    async def test_another_users_document_cannot_be_watched(self, client, base_url, worker, offline):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        doc = await cover_letter(owner, await create_job(owner, **ACME_JOB))
        # when
        async with Subscription(base_url, other.token) as ws:
            await ws.start(STREAM, {"id": doc["id"]})
            message = await ws.next()
        # then
        assert message["payload"]["errors"][0]["message"] == "Document not found"

    async def test_signed_out_it_is_refused(self, client, base_url, offline):
        # given
        owner = await signed_up(client)
        doc = await cover_letter(owner, await create_job(owner, **ACME_JOB))
        # when
        async with Subscription(base_url, None) as ws:
            await ws.start(STREAM, {"id": doc["id"]})
            message = await ws.next()
        # then
        assert message["type"] == "next"
        assert message["payload"]["errors"][0]["message"] == "Authentication required"
        assert message["payload"].get("data") is None
