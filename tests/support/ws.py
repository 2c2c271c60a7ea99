"""A minimal graphql-transport-ws client over a real WebSocket."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import websockets


class Subscription:
    def __init__(self, url: str, token: str | None, ack_timeout: float = 5.0):
        self.url = url.replace("http://", "ws://") + "/graphql"
        self.token = token
        self.ack_timeout = ack_timeout
        self.ws: Any = None

    async def __aenter__(self) -> "Subscription":
        self.ws = await websockets.connect(self.url, subprotocols=["graphql-transport-ws"])
        payload = {"authorization": f"Bearer {self.token}"} if self.token else {}
        await self.ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        ack = json.loads(await asyncio.wait_for(self.ws.recv(), self.ack_timeout))
        assert ack["type"] == "connection_ack", ack
        return self

    async def start(self, query: str, variables: dict | None = None, op_id: str = "1") -> None:
        await self.ws.send(
            json.dumps({"id": op_id, "type": "subscribe", "payload": {"query": query, "variables": variables or {}}})
        )

    async def next(self, timeout: float = 15.0) -> dict:
        while True:
            message = json.loads(await asyncio.wait_for(self.ws.recv(), timeout))
            if message["type"] == "ping":
                await self.ws.send(json.dumps({"type": "pong"}))
                continue
            return message

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()


async def closed_with(ws: Subscription, timeout: float = 10.0) -> websockets.ConnectionClosed:
    """Read until the server closes the socket; the close frame (code, reason)."""
    try:
        while True:
            await ws.next(timeout)
    except websockets.ConnectionClosed as closed:
        return closed


async def until_subscribed(kind: str, key: object, timeout: float = 15.0, tabs: int = 1) -> None:
    """Wait until some API process listens on a live-event channel (e.g. ("notification", user
    id)): the subscription resolver has started, so what happens next is live. With `tabs`, until
    that many subscriptions of the in-process server are on it: Redis counts a process once, so
    its count turns 1 with the first tab while the second's resolver may not have started."""
    from api import broker
    from tests.support.waiting import eventually

    channel = broker.channel(kind, key)

    async def listening() -> bool:
        counts = await (await broker.pool()).pubsub_numsub(channel)
        subscribed = bool(counts and counts[0][1] > 0)
        return subscribed and (tabs == 1 or broker.hub().local_subscribers(channel) >= tabs)

    await eventually(listening, timeout=timeout)
