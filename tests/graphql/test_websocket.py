"""graphql-transport-ws hardening: malformed messages (4400), the session checked again on every
subscribe (4401 expired, 4403 revoked), and the per-user limits on sockets (4429) and
subscriptions, counted in Redis across replicas."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from datetime import UTC, datetime, timedelta

import pytest
import websockets

from api import broker
from api.app import create_app
from api.config import Settings, get_settings
from api.db import unit_of_work
from api.graphql.websocket import SOCKETS, SUBSCRIPTIONS
from api.notification.service import CHANNEL
from api.user import service as user_service
from api.user.tokens import access_claims, create_access_token, token_family
from tests.support.graphql import db_id, signed_up
from tests.support.running import running_server
from tests.support.waiting import eventually
from tests.support.ws import Subscription, closed_with, until_subscribed

ALERTS = "subscription { notificationReceived { id title } }"


async def count(kind: str, user_id: int) -> int:
    return await (await broker.pool()).zcard(broker.presence_key(kind, user_id))


@contextlib.asynccontextmanager
async def limited_server(**limits: int):
    async with running_server(create_app(Settings(**limits))) as url:
        yield url


class TestMalformedSubscribe:
    @pytest.mark.parametrize(
        "message",
        [
            {"id": "1", "type": "subscribe"},
            {"id": "1", "type": "subscribe", "payload": "subscription { x }"},
            {"id": "1", "type": "subscribe", "payload": {"query": 5}},
            {"id": "1", "type": "subscribe", "payload": {"query": ["subscription"]}},
            {"id": "1", "type": "subscribe", "payload": {}},
            {"id": "1", "type": "subscribe", "payload": {"query": ALERTS, "variables": "x"}},
            {"id": "1", "type": "subscribe", "payload": {"query": ALERTS, "variables": [1]}},
            {"id": "1", "type": "subscribe", "payload": {"query": ALERTS, "operationName": 3}},
            {"id": "1", "type": "subscribe", "payload": {"query": ALERTS, "extensions": "x"}},
            {"id": 1, "type": "subscribe", "payload": {"query": ALERTS}},
            {"type": "subscribe", "payload": {"query": ALERTS}},
            {"type": "complete"},
            {"type": 5},
            [1, 2],
            "subscribe",
        ],
        ids=lambda m: json.dumps(m)[:60],
    )
    async def test_closes_with_4400(self, base_url, message):
        # given
        async with Subscription(base_url, None) as ws:
            # when
            await ws.ws.send(json.dumps(message))
            closed = await closed_with(ws)
        # then
        assert closed.rcvd is not None and closed.rcvd.code == 4400, closed

    async def test_json_nested_too_deeply_closes_with_4400(self, base_url):
        # given
        deep = "[" * 200_000 + "]" * 200_000
        async with Subscription(base_url, None) as ws:
            # when
            await ws.ws.send('{"id": "1", "type": "subscribe", "payload": {"query": "{ x }", "variables": ' + deep + "}}")
            closed = await closed_with(ws)
        # then
        assert closed.rcvd is not None and closed.rcvd.code == 4400, closed

    async def test_a_well_formed_subscribe_still_works(self, base_url):
        # given
        async with Subscription(base_url, None) as ws:
            # when
            await ws.start(ALERTS, None)
            message = await ws.next()
        # then
        assert message["type"] == "next"
        assert message["payload"]["errors"][0]["message"] == "Authentication required"


class TestProtocols:
    async def test_the_legacy_graphql_ws_protocol_is_refused(self, base_url):
        # given
        url = base_url.replace("http://", "ws://") + "/graphql"
        # when
        async with websockets.connect(url, subprotocols=["graphql-ws"]) as ws:  # type: ignore[list-item]
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 10)
        # then: its handler would bypass the session checks and limits
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4406


class TestSessionRecheck:
    async def test_an_expired_token_closes_the_socket_with_4401_on_the_next_subscribe(self, client, base_url):
        # given: a socket opened with a token that expires two seconds later
        user = await signed_up(client)
        settings = get_settings()
        issued = datetime.now(UTC) - timedelta(minutes=settings.access_token_minutes) + timedelta(seconds=2)
        token, expires = create_access_token(settings, db_id(user.user_id), now=issued)
        async with Subscription(base_url, token) as ws:

            async def expired() -> bool:
                return time.time() > expires.timestamp() + 0.1

            await eventually(expired, timeout=10)
            # when
            await ws.start(ALERTS)
            closed = await closed_with(ws)
        # then
        assert closed.rcvd is not None and closed.rcvd.code == 4401
        assert closed.rcvd.reason == "Access token expired"

    async def test_a_revoked_session_closes_the_socket_with_4403_on_the_next_subscribe(self, client, base_url):
        # given: a live subscription on a signed-in socket
        user = await signed_up(client)
        async with Subscription(base_url, user.token) as ws:
            await ws.start(ALERTS, op_id="a")
            await until_subscribed(CHANNEL, db_id(user.user_id))
            # when: that sign-in is revoked (signed out elsewhere), then the socket subscribes again
            family = token_family(access_claims(get_settings(), user.token))
            assert family is not None
            async with unit_of_work() as session:
                await user_service.revoke_family(session, family)
            await ws.start(ALERTS, op_id="b")
            closed = await closed_with(ws)
        # then
        assert closed.rcvd is not None and closed.rcvd.code == 4403
        assert closed.rcvd.reason == "Session revoked; sign in again"

    async def test_a_valid_session_keeps_subscribing(self, client, base_url):
        # given
        user = await signed_up(client)
        async with Subscription(base_url, user.token) as ws:
            # when: two subscriptions, one after the other
            await ws.start(ALERTS, op_id="a")
            await ws.start(ALERTS, op_id="b")
            # then: both run (counted for the user), the socket stays open
            await eventually(lambda: _equals(count(SUBSCRIPTIONS, db_id(user.user_id)), 2))


async def _equals(value, expected) -> bool:
    return (await value) == expected


class TestSocketLimit:
    async def test_one_socket_over_the_limit_closes_with_4429_and_a_freed_slot_is_reused(self, client):
        # given: a user at the limit of two sockets
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        async with (
            limited_server(ws_max_sockets_per_user=2) as url,
            Subscription(url, user.token),
            Subscription(url, user.token) as second,
        ):
            # when
            third = Subscription(url, user.token)
            with pytest.raises(websockets.ConnectionClosed) as refused:
                async with third:
                    pass
            # then
            assert refused.value.rcvd is not None and refused.value.rcvd.code == 4429
            assert "at most 2 per user" in refused.value.rcvd.reason
            await second.__aexit__(None, None, None)
            await eventually(lambda: _equals(count(SOCKETS, user_id), 1))
            async with Subscription(url, user.token):
                assert await count(SOCKETS, user_id) == 2

    async def test_sockets_on_two_replicas_count_together(self, client):
        # given: the user's one allowed socket is on another replica (another server, same Redis)
        user = await signed_up(client)
        async with (
            limited_server(ws_max_sockets_per_user=1) as first,
            limited_server(ws_max_sockets_per_user=1) as other,
            Subscription(first, user.token),
        ):
            # when / then
            with pytest.raises(websockets.ConnectionClosed) as refused:
                async with Subscription(other, user.token):
                    pass
        assert refused.value.rcvd is not None and refused.value.rcvd.code == 4429

    async def test_another_users_sockets_do_not_count(self, client):
        # given
        user, other = await signed_up(client), await signed_up(client)
        async with limited_server(ws_max_sockets_per_user=1) as url, Subscription(url, other.token):
            # when
            admitted = Subscription(url, user.token)
            await admitted.__aenter__()
            # then
            assert await count(SOCKETS, db_id(user.user_id)) == 1
            await admitted.__aexit__(None, None, None)


class TestSubscriptionLimits:
    async def test_over_the_per_socket_limit_the_subscription_gets_an_error(self, client):
        # given
        user = await signed_up(client)
        async with limited_server(ws_max_subscriptions_per_socket=2) as url, Subscription(url, user.token) as ws:
            await ws.start(ALERTS, op_id="a")
            await ws.start(ALERTS, op_id="b")
            # when
            await ws.start(ALERTS, op_id="c")
            message = await ws.next()
        # then
        assert message["type"] == "error" and message["id"] == "c"
        assert message["payload"][0]["message"] == "Too many subscriptions on this connection (at most 2)"

    async def test_over_the_per_user_limit_across_sockets_the_subscription_gets_an_error(self, client):
        # given: three subscriptions over two sockets, the user's limit
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        async with (
            limited_server(ws_max_subscriptions_per_user=3) as url,
            Subscription(url, user.token) as one,
            Subscription(url, user.token) as two,
        ):
            await one.start(ALERTS, op_id="a")
            await one.start(ALERTS, op_id="b")
            await two.start(ALERTS, op_id="a")
            await eventually(lambda: _equals(count(SUBSCRIPTIONS, user_id), 3))
            # when
            await two.start(ALERTS, op_id="b")
            message = await two.next()
            # then
            assert message["type"] == "error" and message["id"] == "b"
            assert message["payload"][0]["message"] == "Too many live subscriptions (at most 3 per user)"
            # and a completed subscription frees its slot
            await one.ws.send(json.dumps({"id": "a", "type": "complete"}))
            await eventually(lambda: _equals(count(SUBSCRIPTIONS, user_id), 2))
            await two.start(ALERTS, op_id="c")
            await eventually(lambda: _equals(count(SUBSCRIPTIONS, user_id), 3))

    async def test_a_closed_socket_frees_its_subscriptions(self, client, base_url):
        # given
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        async with Subscription(base_url, user.token) as ws:
            await ws.start(ALERTS, op_id="a")
            await ws.start(ALERTS, op_id="b")
            await eventually(lambda: _equals(count(SUBSCRIPTIONS, user_id), 2))
        # when the socket closes / then
        await eventually(lambda: _equals(count(SUBSCRIPTIONS, user_id), 0))
        await eventually(lambda: _equals(count(SOCKETS, user_id), 0))
