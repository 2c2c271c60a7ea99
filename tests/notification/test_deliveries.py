"""viewer.deliveries: the delivery log newest first, filtered by channel and status, only the
viewer's, each with its digest through a loader (statements constant in the page size); and the
sweep that re-enqueues deliveries left pending."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from api.db import unit_of_work
from api.graphql.relay import encode_id
from api.models import Delivery
from api.notification import repository
from api.notification.tasks import deliveries_sweep
from tests.support.channels import DELIVERIES, delivery_row, seed_digest
from tests.support.graphql import db_id, signed_up
from tests.support.statements import counting_statements
from tests.support.waiting import eventually

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


async def log(user_id: int, n: int, *, channel: str = "ntfy", status: str = "sent", digest: int | None = None) -> list[int]:
    """n deliveries an hour apart, oldest first."""
    ids = []
    async with unit_of_work() as session:
        for i in range(n):
            row = await repository.insert_delivery(
                session,
                {
                    "user_id": user_id,
                    "channel": channel,
                    "topic": "digests",
                    "subject": f"Briefing {i}",
                    "digest_id": digest,
                    "dedupe_key": f"test-log:{uuid.uuid4().hex}",
                    "status": status,
                    "created_at": START + timedelta(hours=i),
                },
            )
            ids.append(row.id)
    return ids


async def deliveries(user, **variables) -> dict:
    return (await user.gql(DELIVERIES, variables))["viewer"]["deliveries"]


class TestDeliveries:
    async def test_newest_first_with_the_digest(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        digest_id = await seed_digest(uid)
        ids = await log(uid, 3, digest=digest_id)
        # when
        found = await deliveries(user, first=2)
        # then
        assert found["totalCount"] == 3 and found["pageInfo"]["hasNextPage"] is True
        nodes = [e["node"] for e in found["edges"]]
        assert [n["id"] for n in nodes] == [encode_id("Delivery", ids[2]), encode_id("Delivery", ids[1])]
        assert nodes[0]["digest"] == {"id": encode_id("Digest", digest_id), "subject": "Your morning briefing: 2 strong matches"}
        assert (nodes[0]["channel"], nodes[0]["status"], nodes[0]["topic"]) == ("NTFY", "SENT", "digests")

    async def test_filtered_by_channel_and_status(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await log(uid, 2, channel="email", status="failed")
        await log(uid, 1, channel="email", status="sent")
        await log(uid, 1, channel="webhook", status="failed")
        # when
        found = await deliveries(user, channel="EMAIL", status="FAILED")
        # then
        assert found["totalCount"] == 2
        assert {(e["node"]["channel"], e["node"]["status"]) for e in found["edges"]} == {("EMAIL", "FAILED")}

    async def test_another_persons_deliveries_are_not_listed(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        [delivery_id] = await log(db_id(owner.user_id), 1)
        # when
        found = await deliveries(other)
        node = (await other.gql("query N($id: ID!) { node(id: $id) { id } }", {"id": encode_id("Delivery", delivery_id)}))["node"]
        # then
        assert found["totalCount"] == 0 and node is None

    async def test_statements_do_not_grow_with_the_page(self, client):
        # given 30 deliveries, each with its own digest
        user = await signed_up(client)
        uid = db_id(user.user_id)
        for i in range(30):
            await log(uid, 1, channel="webhook", digest=await seed_digest(uid, subject=f"Digest {i}"))
        counts = {}
        for n in (3, 30):
            # when
            async with counting_statements() as statements:
                found = await deliveries(user, first=n)
            counts[n] = len(statements)
            # then
            assert len(found["edges"]) == n and all(e["node"]["digest"] for e in found["edges"])
        assert counts[3] == counts[30], counts


class TestSweep:
    async def test_a_delivery_left_pending_is_sent_by_the_sweep(self, client, worker, receiver):
        # given a pending webhook delivery whose send was never enqueued (Redis was down)
        user = await signed_up(client)
        uid = db_id(user.user_id)
        async with unit_of_work() as session:
            prefs = await repository.preferences_for_update(session, uid)
            prefs.webhook_url, prefs.webhook_secret = f"{receiver.base}/swept", "s" * 32
        [delivery_id] = await log(uid, 1, channel="webhook", status="pending")
        async with unit_of_work() as session:
            await session.execute(update(Delivery).where(Delivery.id == delivery_id).values(topic="test"))
        # when
        swept = await deliveries_sweep({})
        await receiver.wait_for("/swept")
        # then
        assert swept >= 1

        async def sent():
            return (await delivery_row(delivery_id)).status == "sent"

        assert await eventually(sent)
