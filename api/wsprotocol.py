"""uvicorn's WebSocket protocol (websockets' sans-I/O implementation), lighter per idle socket.

`make run` and the Dockerfile serve with `--ws api.wsprotocol:LeanWebSocketProtocol`. Same
wire behaviour and keepalive as uvicorn's `websockets-sansio`; what changes is what a socket keeps
while it waits, which is most of its life (see bench/bench_subscriptions.py):

- the handshake's parsed request and response (header objects, ~4 KB) are dropped once accepted
  (websockets' parser keeps the request object for the socket's life, so its headers are emptied
  in place), and so are the scope's headers: nothing reads them after the accept;
- the receive queue and the write gate are a list and a future instead of an asyncio.Queue
  (four deques of ~760 bytes each) and an asyncio.Event (one more), and `receive` waits on the
  list's future itself (no queue.get frame under it while the socket is idle);
- once accepted, the socket's attribute dict is rebuilt without what every socket of the server
  shares (the config, the app, the loop...: read from the class instead) or holds at its idle
  value (read from the class's default): uvicorn sets ~37 attributes per socket, a 1.6 KB dict
  grown one key at a time; a dict built at once of the dozen left is ~0.5 KB.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol


class _Inbox:
    """The part of asyncio.Queue uvicorn uses (put_nowait, get, empty), on a list: one reader
    (the app's receive) and no size limit (uvicorn pauses reading instead)."""

    __slots__ = ("_items", "_waiter")

    def __init__(self) -> None:
        self._items: list[Any] = []
        self._waiter: asyncio.Future[None] | None = None

    def put_nowait(self, item: Any) -> None:
        self._items.append(item)
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def get(self) -> Any:
        while not self._items:
            await self.arrival()
        return self._items.pop(0)

    def arrival(self) -> asyncio.Future[None]:
        """A future done once something was put (await it while empty, then take with get_nowait)."""
        self._waiter = asyncio.get_running_loop().create_future()
        return self._waiter

    def get_nowait(self) -> Any:
        return self._items.pop(0)

    def empty(self) -> bool:
        return not self._items

    def qsize(self) -> int:
        return len(self._items)


class _Gate:
    """The part of asyncio.Event uvicorn uses for its write gate (wait, set, clear, is_set): open
    almost always, so nothing is allocated until a writer has to wait."""

    __slots__ = ("_open", "_waiters")

    def __init__(self) -> None:
        self._open = True
        self._waiters: list[asyncio.Future[None]] | None = None

    def is_set(self) -> bool:
        return self._open

    def set(self) -> None:
        self._open = True
        waiters, self._waiters = self._waiters, None
        for waiter in waiters or ():
            if not waiter.done():
                waiter.set_result(None)

    def clear(self) -> None:
        self._open = False

    async def wait(self) -> None:
        if self._open:
            return
        waiter = asyncio.get_running_loop().create_future()
        if self._waiters is None:
            self._waiters = []
        self._waiters.append(waiter)
        await waiter


# What uvicorn's __init__ sets to the same object for every socket of a server
_SHARED = (
    "config",
    "app",
    "loop",
    "logger",
    "root_path",
    "asgi_version",
    "app_state",
    "connections",
    "tasks",
    "default_headers",
    "close_timeout",
    "ping_interval",
    "ping_timeout",
)
# ... and the values most of a socket's attributes keep while it is open and idle
_IDLE: dict[str, Any] = {
    "handshake_initiated": True,
    "handshake_complete": True,
    "close_sent": False,
    "disconnected": False,
    "read_paused": False,
    "close_timer": None,
    "pong_timer": None,
    "pending_ping_payload": None,
    "initial_response": None,
    "request": None,
    "response": None,
}


class LeanWebSocketProtocol(WebSocketsSansIOProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.queue = _Inbox()  # type: ignore[assignment]
        self.writable = _Gate()  # type: ignore[assignment]
        cls = type(self)
        if "config" not in cls.__dict__:  # the first socket of the process: its server's shared values
            for name in _SHARED:
                setattr(cls, name, getattr(self, name))
            for name, value in _IDLE.items():
                setattr(cls, name, value)

    def _settle(self) -> None:
        """Rebuild the attribute dict without what the class holds identically (another server in
        the process keeps its own values: they are not the same objects)."""
        cls_dict = type(self).__dict__
        self.__dict__ = {
            name: value
            for name, value in self.__dict__.items()
            if not (name in cls_dict and value is cls_dict[name] and (name in _SHARED or name in _IDLE))
        }

    async def receive(self) -> Any:
        """uvicorn's receive with the inbox's wait inlined (one frame less for an idle socket)."""
        queue: _Inbox = self.queue  # type: ignore[assignment]
        while queue.empty():
            await queue.arrival()
        message = queue.get_nowait()
        if self.read_paused and queue.empty():
            self.read_paused = False
            self.transport.resume_reading()
        return message

    def handle_connect(self, event: Any) -> None:
        super().handle_connect(event)  # the scope now holds the headers as bytes
        event.headers.clear()

    async def send(self, message: Any) -> None:
        await super().send(message)
        if self.handshake_complete and getattr(self, "response", None) is not None:
            # accepted (or refused): the handshake's request and response are not read again, nor
            # the headers (the app read what it needed, the access token arrives in connection_init)
            self.request = self.response = None  # type: ignore[assignment]
            self.scope["headers"].clear()  # type: ignore[attr-defined]
            self._settle()
