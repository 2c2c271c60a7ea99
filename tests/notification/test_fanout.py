"""Live alerts at scale: one pub/sub connection per process whatever the number of sockets, one
database read per alert per user whatever the number of subscribers, and delivery that survives
a Redis restart by catching up from the database."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis
from strawberry import relay

from api import broker
from api.app import create_app
from api.config import Settings
from api.db import unit_of_work
from api.embedded import start_redis
from api.notification import service
from api.notification.service import CHANNEL
from tests.support.graphql import db_id, signed_up
from tests.support.running import free_port, running_server
from tests.support.statements import counting_statements
from tests.support.waiting import eventually
from tests.support.ws import Subscription, until_subscribed

ALERTS = "subscription Alerts($after: ID) { notificationReceived(after: $after) { id title } }"
MANY = 300


async def alert(user_id: int, title: str, publish_to: Redis | None = None) -> int:
    """A new notification row, committed, then its id published (as the worker does)."""
    async with unit_of_work() as session:
        created = await service.create(
            session, user_id=user_id, kind="job_match", title=title, body="", job_id=None, dedupe_key=uuid.uuid4().hex
        )
    assert created is not None
    if publish_to is None:
        await service.announce(created)
    else:
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
async def roomy_server():
    limits = {"ws_max_sockets_per_user": MANY + 10, "ws_max_subscriptions_per_user": MANY + 10}
    async with running_server(create_app(Settings(**limits))) as url:
        yield url


class TestManySubscribers:
    async def test_hundreds_of_sockets_share_two_redis_connections_and_all_get_the_alert(self, client):
        # given: hundreds of sockets of one user, each with a live subscription, on this process
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        async with roomy_server() as url:
            sockets = await subscribers(url, user.token, user_id, MANY)
            try:
                await until_subscribed(CHANNEL, user_id)
                # when
                await alert(user_id, "One for all")
                await received_by_all(sockets, "One for all")
                # then: the process holds at most two named connections, one of them the pub/sub one
                async with Redis.from_url(os.environ["REDIS_URL"]) as probe:
                    ours = [c for c in await probe.client_list() if c.get("name") == broker.client_name()]
                print(f"\n{MANY} subscribers: {len(ours)} Redis connections ({[c['flags'] for c in ours]})")
                assert 1 <= len(ours) <= 2
                assert sum("P" in c["flags"] for c in ours) == 1
            finally:
                await asyncio.gather(*(ws.__aexit__(None, None, None) for ws in sockets))

    @pytest.mark.parametrize("count", [1, 40])
    async def test_one_alert_is_read_from_the_database_once(self, client, count):
        # given: `count` subscribers of one user, settled by two alerts
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        async with roomy_server() as url:
            sockets = await subscribers(url, user.token, user_id, count)
            try:
                await until_subscribed(CHANNEL, user_id)
                for title in ("warm-up 1", "warm-up 2"):
                    await alert(user_id, title)
                    await received_by_all(sockets, title)
                # when
                async with counting_statements() as statements:
                    await alert(user_id, "Counted")
                    await received_by_all(sockets, "Counted")
                # then
                assert feed_reads(statements) == 1, statements
            finally:
                await asyncio.gather(*(ws.__aexit__(None, None, None) for ws in sockets))

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
    async def test_alerts_written_while_redis_was_down_arrive_after_it_comes_back(self, client):
        # given: an API process on its own Redis, and a subscriber on it
        data = Path(tempfile.mkdtemp(prefix="cc-redis-restart-"))
        redis_server = start_redis(data)
        redis_url = redis_server.url
        port = free_port()
        api = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--port", str(port), "--log-level", "warning"],
            env={**os.environ, "REDIS_URL": redis_url},
        )
        url = f"http://127.0.0.1:{port}"
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        private = Redis.from_url(redis_url)
        try:

            async def api_up() -> bool:
                async with httpx.AsyncClient(base_url=url) as probe:
                    try:
                        return (await probe.get("/healthz")).status_code in (200, 503)
                    except httpx.TransportError:
                        return False

            await eventually(api_up, timeout=60, interval=0.1)
            async with Subscription(url, user.token) as ws:
                await ws.start(ALERTS)

                async def listening() -> bool:
                    try:
                        counts = await private.pubsub_numsub(broker.channel(CHANNEL, user_id))
                    except Exception:
                        return False
                    return bool(counts and counts[0][1] > 0)

                await eventually(listening)
                await alert(user_id, "before", publish_to=private)
                assert (await ws.next())["payload"]["data"]["notificationReceived"]["title"] == "before"
                # when: Redis stops, an alert is written meanwhile (its publish is lost), Redis restarts
                redis_server.stop()
                await _write_only(user_id, "during")
                redis_server = start_redis(data, port=redis_server.port)
                # then: the process reconnects and catches up from the database, then goes on live
                assert (await ws.next(30))["payload"]["data"]["notificationReceived"]["title"] == "during"
                await eventually(listening)
                await private.aclose()
                private = Redis.from_url(redis_url)
                await alert(user_id, "after", publish_to=private)
                assert (await ws.next(30))["payload"]["data"]["notificationReceived"]["title"] == "after"
        finally:
            api.terminate()
            api.wait(10)
            with contextlib.suppress(Exception):
                await private.aclose()
            redis_server.stop()


async def _write_only(user_id: int, title: str) -> None:
    async with unit_of_work() as session:
        await service.create(
            session, user_id=user_id, kind="job_match", title=title, body="", job_id=None, dedupe_key=uuid.uuid4().hex
        )
