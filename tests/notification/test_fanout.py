"""Live alerts at scale: one pub/sub connection per process whatever the number of sockets, one
database read per alert per user whatever the number of subscribers, and delivery that survives
a Redis restart by catching up from the database."""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid

import pytest
from redis.asyncio import Redis
from strawberry import relay

from api import broker
from api.app import create_app
from api.config import Settings
from api.db import unit_of_work
from api.notification import service
from api.notification.service import CHANNEL
from tests.support.graphql import db_id, signed_up
from tests.support.running import api_replica, running_server
from tests.support.statements import counting_statements
from tests.support.waiting import eventually
from tests.support.ws import Subscription, until_subscribed

ALERTS = "subscription Alerts($after: ID) { notificationReceived(after: $after) { id title } }"
MANY = 300


APP = object()  # publish through the app's own broker


async def alert(user_id: int, title: str, publish_to: Redis | object | None = APP) -> int:
    """A new notification row, committed, then its id published (as the worker does) on the app's
    Redis, on `publish_to`, or nowhere (None: Redis is down)."""
    async with unit_of_work() as session:
        created = await service.create(
            session, user_id=user_id, kind="job_match", title=title, body="", job_id=None, dedupe_key=uuid.uuid4().hex
        )
    assert created is not None
    if publish_to is APP:
        await service.announce(created)
    elif isinstance(publish_to, Redis):
        await publish_to.publish(broker.channel(CHANNEL, user_id), str(created.id))
    return created.id


async def subscribers(url: str, token: str, user_id: int, count: int) -> list[Subscription]:
    """`count` sockets each subscribed after an anchor alert, so that each gets every later alert
    whether it joined before the alert (live) or after (catch-up)."""
    anchor = str(relay.GlobalID("Notification", str(await alert(user_id, "anchor"))))
    sockets: list[Subscription] = []
    for start in range(0, count, 50):
        batch = [Subscription(url, token) for _ in range(min(50, count - start))]
        await asyncio.gather(*(ws.__aenter__() for ws in batch))
        await asyncio.gather(*(ws.start(ALERTS, {"after": anchor}) for ws in batch))
        sockets.extend(batch)
    return sockets


async def received_by_all(sockets: list[Subscription], title: str) -> None:
    messages = await asyncio.gather(*(ws.next(30) for ws in sockets))
    assert all(m["type"] == "next" and m["payload"]["data"]["notificationReceived"]["title"] == title for m in messages)


def feed_reads(statements: list[str]) -> int:
    return sum(1 for s in statements if "FROM notifications" in s and "notifications.id >" in s)


@contextlib.asynccontextmanager
async def subscribed(client, count: int):
    """A new user with `count` sockets, each with a live alert subscription, on a server of this
    process whose limits allow that many: (user id, sockets)."""
    user = await signed_up(client)
    user_id = db_id(user.user_id)
    limits = {"ws_max_sockets_per_user": MANY + 10, "ws_max_subscriptions_per_user": MANY + 10}
    async with running_server(create_app(Settings(**limits))) as url:
        sockets = await subscribers(url, user.token, user_id, count)
        try:
            await until_subscribed(CHANNEL, user_id)
            yield user_id, sockets
        finally:
            await asyncio.gather(*(ws.__aexit__(None, None, None) for ws in sockets))


class TestManySubscribers:
    async def test_hundreds_of_sockets_share_two_redis_connections_and_all_get_the_alert(self, client):
        # given: hundreds of sockets of one user, each with a live subscription, on this process
        async with subscribed(client, MANY) as (user_id, sockets):
            # when
            await alert(user_id, "One for all")
            await received_by_all(sockets, "One for all")
            # then: the process holds at most two named connections, one of them the pub/sub one
            async with Redis.from_url(os.environ["REDIS_URL"]) as probe:
                ours = [c for c in await probe.client_list() if c.get("name") == broker.client_name()]
        print(f"\n{MANY} subscribers: {len(ours)} Redis connections ({[c['flags'] for c in ours]})")
        assert 1 <= len(ours) <= 2
        assert sum("P" in c["flags"] for c in ours) == 1

    @pytest.mark.parametrize("count", [1, 40])
    async def test_one_alert_is_read_from_the_database_once(self, client, count):
        # given: `count` subscribers of one user, settled by two alerts
        async with subscribed(client, count) as (user_id, sockets):
            for title in ("warm-up 1", "warm-up 2"):
                await alert(user_id, title)
                await received_by_all(sockets, title)
            # when
            async with counting_statements() as statements:
                await alert(user_id, "Counted")
                await received_by_all(sockets, "Counted")
        # then
        assert feed_reads(statements) == 1, statements

    async def test_subscribers_with_different_after_each_get_their_own_catch_up(self, client, base_url):
        # given: three alerts already written
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        first = await alert(user_id, "first")
        await alert(user_id, "second")
        await alert(user_id, "third")
        after_first = str(relay.GlobalID("Notification", str(first)))
        async with Subscription(base_url, user.token) as live, Subscription(base_url, user.token) as late:
            await live.start(ALERTS)
            await until_subscribed(CHANNEL, user_id)
            # when: a second subscriber joins from the first alert
            await late.start(ALERTS, {"after": after_first})
            replayed = [await late.next(), await late.next()]
            await alert(user_id, "fourth")
            # then: the late one got what it missed, then both the new one; the live one only the new
            titles = [m["payload"]["data"]["notificationReceived"]["title"] for m in replayed]
            assert titles == ["second", "third"]
            assert (await late.next())["payload"]["data"]["notificationReceived"]["title"] == "fourth"
            assert (await live.next())["payload"]["data"]["notificationReceived"]["title"] == "fourth"


class TestRedisRestart:
    async def test_alerts_written_while_redis_was_down_arrive_after_it_comes_back(self, client, private_redis):
        # given: an API process on its own Redis, and a subscriber on it
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        publisher = Redis.from_url(private_redis.url)

        async def listening() -> bool:
            with contextlib.suppress(Exception):
                counts = await publisher.pubsub_numsub(broker.channel(CHANNEL, user_id))
                return bool(counts and counts[0][1] > 0)
            return False

        try:
            async with api_replica(REDIS_URL=private_redis.url) as url, Subscription(url, user.token) as ws:
                await ws.start(ALERTS)
                await eventually(listening)
                await alert(user_id, "before", publish_to=publisher)
                assert (await ws.next())["payload"]["data"]["notificationReceived"]["title"] == "before"
                # when: Redis dies, an alert is written meanwhile (its publish is lost), Redis restarts
                private_redis.kill()
                await alert(user_id, "during", publish_to=None)
                private_redis.start()
                # then: the process reconnects and catches up from the database, then goes on live
                assert (await ws.next(30))["payload"]["data"]["notificationReceived"]["title"] == "during"
                await eventually(listening)
                await alert(user_id, "after", publish_to=publisher)
                assert (await ws.next(30))["payload"]["data"]["notificationReceived"]["title"] == "after"
        finally:
            await publisher.aclose()
