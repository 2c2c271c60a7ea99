"""Redis: the command pool (arq enqueueing, publishing, counters) and the process's one pub/sub
connection, shared by every live subscription.

Connections per process stay fixed whatever the number of sockets: `REDIS_POOL_SIZE` for commands
plus one for pub/sub, all named `<namespace>:<host>:<pid>` (see `CLIENT LIST`).

- `hub()` holds the pub/sub connection. It subscribes to a channel while someone in the process
  listens to it (reference-counted) and hands each message to the local listeners. When Redis
  drops, it reconnects with backoff, subscribes again and wakes every listener with `lost`
  set: messages may have been missed, so catch up from the database.
- `Hub.join` puts a subscriber on a channel's `Feed`: the process's subscribers of one channel
  share each database read (one read per event per channel, not per socket).
- `presence_acquire` / `presence_release` count things (sockets, subscriptions) per user across
  replicas in Redis, each entry kept alive by its process's heartbeat.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

from arq import ArqRedis
from arq.connections import RedisSettings
from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.client import PubSub

from api.config import get_settings

log = logging.getLogger(__name__)
R = TypeVar("R")

_pool: ArqRedis | None = None
_hub: Hub | None = None
_presence: Presence | None = None


def redis_settings() -> RedisSettings:
    settings = get_settings()
    assert settings.redis_url, "REDIS_URL is not configured"
    return RedisSettings.from_dsn(settings.redis_url)


def queue_name() -> str:
    return f"{get_settings().redis_namespace}:queue"


def heavy_queue_name() -> str:
    """The queue of slow work people start (model calls, parsing, page fetches): see api.queue.HEAVY."""
    return f"{get_settings().redis_namespace}:queue:heavy"


# The channel kind of sign-ins ending, per user: "<family id>" per revoked sign-in, or "deleted"
# (published by api.account, heard by the WebSocket layer, which closes the sockets concerned).
SESSION_EVENTS = "sessions"


def channel(kind: str, key: object) -> str:
    return f"{get_settings().redis_namespace}:{kind}:{key}"


def client_name() -> str:
    """The name this process's connections carry in `CLIENT LIST`."""
    host = "".join(c if c.isalnum() or c in "-." else "-" for c in socket.gethostname())
    return f"{get_settings().redis_namespace}:{host}:{os.getpid()}"


class _Pool(BlockingConnectionPool):
    """redis-py's blocking pool, except that a waiter woken and then cancelled or timed out (a
    socket closing mid-subscribe) passes its wake-up on: asyncio.Condition (Python 3.11) would
    drop it, and with one connection every other waiter would sleep until its timeout."""

    async def get_connection(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().get_connection(*args, **kwargs)
        except BaseException:
            with contextlib.suppress(BaseException):
                async with self._condition:
                    self._condition.notify()
            raise


async def pool() -> ArqRedis:
    """The process's command pool (REDIS_POOL_SIZE connections at most, waiting for a free one).
    It connects on the first command, not when created, and each connection reconnects by itself
    once Redis is back: while Redis is down commands fail at once, and a process started during
    an outage recovers too."""
    global _pool
    if _pool is None:
        settings = get_settings()
        assert settings.redis_url, "REDIS_URL is not configured"
        connections = _Pool.from_url(
            settings.redis_url,
            max_connections=max(1, settings.redis_pool_size),
            timeout=10,
            socket_connect_timeout=2,
            client_name=client_name(),
        )
        _pool = ArqRedis(connections, default_queue_name=queue_name())
    return _pool


async def publish(kind: str, key: object, message: str) -> None:
    await (await pool()).publish(channel(kind, key), message)


async def close() -> None:
    global _pool, _hub, _presence
    if _presence is not None:
        await _presence.close()
    if _hub is not None:
        await _hub.close()
    if _pool is not None:
        await _pool.aclose()
        await _pool.connection_pool.disconnect()
    _pool, _hub, _presence = None, None, None


# --- the pub/sub hub ---------------------------------------------------------------------------


class Listener:
    """One local listener of a channel: the messages since it last looked, and whether the hub
    reconnected in between (`lost`: messages may be missing, read the truth again)."""

    __slots__ = ("_wake", "lost", "messages")
    MAX_BUFFERED = 10_000

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.lost = False
        self._wake = asyncio.Event()

    def deliver(self, data: str) -> None:
        if len(self.messages) >= self.MAX_BUFFERED:  # a consumer that stopped reading: resynchronise it
            self.messages.clear()
            self.lost = True
        else:
            self.messages.append(data)
        self._wake.set()

    def reconnected(self) -> None:
        self.lost = True
        self._wake.set()

    def poke(self) -> None:
        self._wake.set()

    async def wait(self, timeout: float) -> bool:
        """True once woken (a message, a reconnect or a poke), False after `timeout` quiet seconds."""
        if not self._wake.is_set():
            try:
                await asyncio.wait_for(self._wake.wait(), timeout)
            except TimeoutError:
                return False
        self._wake.clear()
        return True

    def take(self) -> tuple[list[str], bool]:
        messages, lost = self.messages, self.lost
        self.messages, self.lost = [], False
        return messages, lost


class Member(Generic[R]):
    """A subscriber on a feed: the rows handed to it and not yet taken, and its position."""

    __slots__ = ("_waiter", "last", "rows")

    def __init__(self, last: int | None) -> None:
        self.last = last
        self.rows: list[R] = []
        # a bare future while waiting, not an asyncio.Event or a coroutine: an idle subscriber holds nothing more
        self._waiter: asyncio.Future[list[R]] | None = None

    def hand(self, rows: Sequence[R]) -> None:
        if rows:
            self.rows.extend(rows)
            waiter, self._waiter = self._waiter, None
            if waiter is not None and not waiter.done():
                waiter.set_result(self._take())

    def next(self) -> asyncio.Future[list[R]]:
        """The rows handed since the last call, once there are some (awaitable)."""
        future: asyncio.Future[list[R]] = asyncio.get_running_loop().create_future()
        if self.rows:
            future.set_result(self._take())
        else:
            self._waiter = future
        return future

    def _take(self) -> list[R]:
        rows, self.rows = self.rows, []
        return rows


class Feed(Generic[R]):
    """The process's subscribers of one channel sharing each database read.

    With `cursor` (a row's increasing id) the feed reads, on every wake-up, the rows after the
    oldest position any member holds, and hands each member the rows past its own: one read
    per event for all of them, the catch-up of a member that just joined included. Without a
    cursor the messages are what to read (`read(messages, None)`, e.g. ids) and the rows go to
    every member. Quiet for `poll` seconds, a cursor feed reads anyway: a safety net for a lost
    message.
    """

    def __init__(
        self,
        hub: Hub,
        name: str,
        read: Callable[[list[str], int | None], Awaitable[Sequence[R]]],
        cursor: Callable[[R], int] | None,
        page: int | None,
        poll: float,
    ) -> None:
        self.hub, self.name, self.read, self.cursor, self.page, self.poll = hub, name, read, cursor, page, poll
        self.members: set[Member[R]] = set()
        self._listener: Listener | None = None
        self._dirty = True
        self.task: asyncio.Task[None] | None = None

    def poke(self) -> None:
        self._dirty = True
        if self._listener is not None:
            self._listener.poke()

    async def run(self) -> None:
        async with self.hub.listen(self.name) as listener:
            self._listener = listener
            while self.members:
                self._dirty = False
                messages, lost = listener.take()
                try:
                    await self._fan_out(messages, lost)
                except Exception:  # the database is away: the next wake-up or poll tries again
                    log.exception("live feed %s: read failed", self.name)
                    await asyncio.sleep(1.0)
                if self.members and not self._dirty and not await listener.wait(self.poll):
                    self._dirty = self.cursor is not None

    async def _fan_out(self, messages: list[str], lost: bool) -> None:
        if self.cursor is None:
            if not messages:
                return  # nothing to catch up on without a position
            rows = await self.read(messages, None)
            for member in list(self.members):
                member.hand(rows)
            return
        since = min((m.last or 0) for m in self.members)
        rows = await self.read(messages, since)
        key = self.cursor
        for member in list(self.members):
            last = member.last or 0
            member.hand([row for row in rows if key(row) > last])
            if rows:
                member.last = max(last, key(rows[-1]))
        if self.page is not None and len(rows) >= self.page:
            self._dirty = True  # more than a page behind: read on


class Hub:
    """The process's one pub/sub connection (see the module's docstring)."""

    def __init__(self, url: str, name: str, control: str) -> None:
        self._client = Redis.from_url(
            url, client_name=name, decode_responses=True, health_check_interval=30, socket_connect_timeout=2
        )
        self._control = control
        self._listeners: dict[str, set[Listener]] = {}
        self._feeds: dict[str, Feed[Any]] = {}
        self._confirm: dict[str, asyncio.Future[None]] = {}
        self._pubsub: PubSub | None = None
        self._connected = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.reconnects = 0

    def _start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="broker-hub")

    async def _run(self) -> None:
        delay = 0.1
        while True:
            pubsub = self._client.pubsub()
            try:
                await pubsub.subscribe(self._control, *self._listeners)
                self._pubsub = pubsub
                if self.reconnects:
                    log.info("pub/sub reconnected: %d channels", len(self._listeners))
                    for listeners in list(self._listeners.values()):
                        for listener in list(listeners):
                            listener.reconnected()
                self._connected.set()
                delay = 0.1
                while True:
                    message = await pubsub.get_message(timeout=15.0)
                    if message is not None:
                        self._dispatch(message)
            except asyncio.CancelledError:
                await self._drop(pubsub)
                raise
            except Exception as error:  # Redis went away: back off, connect again, tell everyone
                log.warning("pub/sub connection lost (%s); reconnecting in %.1fs", type(error).__name__, delay)
                await self._drop(pubsub)
                self.reconnects += 1
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    async def _drop(self, pubsub: PubSub) -> None:
        self._connected.clear()
        self._pubsub = None
        for future in self._confirm.values():
            if not future.done():
                future.set_result(None)
        self._confirm.clear()
        with contextlib.suppress(Exception):
            await pubsub.aclose()

    def _dispatch(self, message: dict[str, Any]) -> None:
        name = message.get("channel")
        if message["type"] == "subscribe":
            future = self._confirm.pop(name, None) if isinstance(name, str) else None
            if future is not None and not future.done():
                future.set_result(None)
        elif message["type"] == "message" and isinstance(name, str):
            for listener in list(self._listeners.get(name, ())):
                listener.deliver(message["data"])

    @contextlib.asynccontextmanager
    async def listen(self, name: str) -> AsyncIterator[Listener]:
        """A listener of `name`, returned once Redis confirmed the subscription (or, with Redis
        down, at once: the reconnect wakes it with `lost` set)."""
        self._start()
        listener = Listener()
        listeners = self._listeners.setdefault(name, set())
        first = not listeners
        listeners.add(listener)
        try:
            if first:
                await self._subscribe(name)
            elif name in self._confirm:
                await asyncio.wait_for(asyncio.shield(self._confirm[name]), 5.0)
            yield listener
        finally:
            listeners.discard(listener)
            if not listeners and self._listeners.get(name) is listeners:
                del self._listeners[name]
                pubsub = self._pubsub
                if pubsub is not None:
                    with contextlib.suppress(Exception):
                        await pubsub.unsubscribe(name)

    async def _subscribe(self, name: str) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._connected.wait(), 2.0)
        pubsub = self._pubsub
        if pubsub is None:
            return  # subscribed on reconnect; the listener is then woken with `lost`
        future = self._confirm.get(name) or asyncio.get_running_loop().create_future()
        self._confirm[name] = future
        try:
            await pubsub.subscribe(name)
            await asyncio.wait_for(asyncio.shield(future), 5.0)
        except Exception:  # the connection failed under us: the reconnect subscribes and wakes it
            log.debug("subscribe %s not confirmed", name, exc_info=True)

    def join(
        self,
        name: str,
        read: Callable[[list[str], int | None], Awaitable[Sequence[R]]],
        *,
        last: int | None = None,
        cursor: Callable[[R], int] | None = None,
        page: int | None = None,
        poll: float = 30.0,
    ) -> contextlib.AbstractAsyncContextManager[Member[R]]:
        """Join the process's feed of `name` (see `Feed`); with a cursor, from position `last`.
        Everyone on one channel must read the same thing the same way: key channels by owner."""
        return _Joined(self, name, Member(last), lambda: Feed(self, name, read, cursor, page, poll))

    def local_subscribers(self, name: str) -> int:
        """How many of this process's subscribers are on `name`: a feed's members, else bare listeners
        (Redis counts the process once, however many tabs it serves)."""
        feed = self._feeds.get(name)
        return len(feed.members) if feed is not None else len(self._listeners.get(name, ()))

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    async def close(self) -> None:
        for feed in list(self._feeds.values()):
            if feed.task is not None:
                feed.task.cancel()
        self._feeds.clear()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        await self._client.aclose()


class _Joined(Generic[R]):
    """`Hub.join`'s context: a class, not a generator, so an idle subscriber keeps no suspended frame."""

    __slots__ = ("_feed", "_hub", "_make", "_name", "member")

    def __init__(self, hub: Hub, name: str, member: Member[R], make: Callable[[], Feed[R]]) -> None:
        self._hub, self._name, self.member, self._make = hub, name, member, make
        self._feed: Feed[R] | None = None

    async def __aenter__(self) -> Member[R]:
        hub, name = self._hub, self._name
        feed: Feed[R] = hub._feeds.get(name) or self._make()
        hub._feeds[name] = feed
        self._make = None  # type: ignore[assignment]
        self._feed = feed
        feed.members.add(self.member)
        if feed.task is None:
            feed.task = asyncio.create_task(feed.run(), name=f"feed {name}")
        elif feed.cursor is not None:
            feed.poke()  # its catch-up rides on the feed's next read
        return self.member

    async def __aexit__(self, *exc: object) -> None:
        feed = self._feed
        if feed is None:
            return
        feed.members.discard(self.member)
        if not feed.members:
            feed.poke()  # let it finish and unsubscribe
            if self._hub._feeds.get(self._name) is feed:
                del self._hub._feeds[self._name]


def hub() -> Hub:
    """The process's pub/sub hub (created on first use)."""
    global _hub
    if _hub is None:
        settings = get_settings()
        assert settings.redis_url, "REDIS_URL is not configured"
        name = client_name()
        _hub = Hub(settings.redis_url, name, f"{settings.redis_namespace}:hub:{name}")
    return _hub


# --- counting across replicas --------------------------------------------------------------------

# KEYS[1]: the sorted set of one user's entries (score: when the entry expires, ms, server clock).
# ARGV: member, limit, ttl ms. Expired entries (a process that died) are dropped first.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
"""
# KEYS[1]: as above; ARGV[1]: ttl ms, ARGV[2..]: this process's live members.
_REFRESH = """
local t = redis.call('TIME')
local until_ = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], until_, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1
"""


class Presence:
    """Entries per key (e.g. one user's sockets) across replicas, at most `limit` live at once."""

    def __init__(self, ttl_seconds: int) -> None:
        self.ttl_ms = max(3, ttl_seconds) * 1000
        self.local: dict[str, set[str]] = {}
        self._task: asyncio.Task[None] | None = None
        # Commands waiting for the next round trip: a burst of sockets and subscriptions (a replica
        # restarting, a thousand tabs reconnecting) costs a few pipelined round trips, not one each.
        self._pending: list[tuple[tuple[Any, ...], asyncio.Future[Any]]] = []
        self._sender: asyncio.Task[None] | None = None

    async def _send(self, *command: Any) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending.append((command, future))
        if self._sender is None or self._sender.done():
            self._sender = asyncio.create_task(self._send_pending(), name="broker-presence-send")
        return await future

    async def _send_pending(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                pipe = (await pool()).pipeline(transaction=False)
                for command, _ in batch:
                    pipe.execute_command(*command)
                results = await pipe.execute(raise_on_error=False)
            except Exception as error:
                results = [error] * len(batch)
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    if isinstance(result, Exception):
                        future.set_exception(result)
                    else:
                        future.set_result(result)

    async def acquire(self, key: str, member: str, limit: int) -> bool:
        try:
            admitted = bool(await self._send("EVAL", _ACQUIRE, 1, key, member, str(limit), str(self.ttl_ms)))
        except Exception:  # Redis away: admit (live updates degrade to polling; nothing to protect)
            log.warning("presence %s: Redis unavailable, admitting", key)
            admitted = True
        if admitted:
            self.local.setdefault(key, set()).add(member)
            if self._task is None or self._task.done():
                self._task = asyncio.create_task(self._heartbeat(), name="broker-presence")
        return admitted

    async def release(self, key: str, member: str) -> None:
        members = self.local.get(key)
        if members is not None:
            members.discard(member)
            if not members:
                del self.local[key]
        with contextlib.suppress(Exception):
            await self._send("ZREM", key, member)

    async def _heartbeat(self) -> None:
        while self.local:
            await asyncio.sleep(self.ttl_ms / 3000)
            for key, members in list(self.local.items()):
                if members:
                    try:
                        await self._send("EVAL", _REFRESH, 1, key, str(self.ttl_ms), *members)
                    except Exception:
                        log.warning("presence %s: heartbeat failed", key)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task


def presence() -> Presence:
    global _presence
    if _presence is None:
        _presence = Presence(get_settings().ws_presence_seconds)
    return _presence


def presence_key(kind: str, user_id: int) -> str:
    return channel(f"presence:{kind}", user_id)


def entry_id() -> str:
    """A unique entry name for `Presence`, recognisable by process."""
    return f"{client_name()}:{uuid.uuid4().hex[:12]}"
