"""graphql-transport-ws, hardened: malformed messages close with 4400, the session is checked again
on every subscribe, and sockets and subscriptions are limited per user across replicas.

Close codes (besides the protocol's own): 4400 malformed message, 4401 the access token expired
or is invalid, 4403 the session was revoked (or connection_init was refused; a live socket is
closed with it the moment its sign-in ends or the account is deleted), 4429 too many sockets for
this user. A subscription over a limit gets the protocol's `error` message.

Who the caller is and whether the session still holds is the view's to say (`SessionCheck`): the
plumbing never reads tokens itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from typing import Any, Protocol, cast

from graphql import GraphQLError
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
    _OperationStreamClosed,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import Message, SubscribeMessage
from strawberry.types.execution import ExecutionResult, PreExecutionError

from api import broker
from api.graphql.context import Context

MALFORMED = 4400
TOO_MANY_SOCKETS = 4429
SESSION_ENDED = 4403
SOCKETS, SUBSCRIPTIONS = "sockets", "subscriptions"


class CloseSocket(Exception):
    def __init__(self, code: int, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


class SessionCheck(Protocol):
    async def ws_session_problem(self, context: Context) -> CloseSocket | None:
        """Why this socket's session no longer holds (a close code and reason), or None."""


def malformed(message: Any) -> str | None:
    """What is wrong with a client message's shape, or None (the protocol's fields, not GraphQL)."""
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        return "Message must be an object with a string type"
    kind = message["type"]
    if kind in ("subscribe", "complete") and (not isinstance(message.get("id"), str) or not message["id"]):
        return f"{kind} needs a non-empty string id"
    if kind != "subscribe":
        return None
    payload = message.get("payload")
    if not isinstance(payload, dict):
        return "subscribe needs a payload object"
    if not isinstance(payload.get("query"), str):
        return "payload.query must be a string"
    for name, kind_name, kinds in (
        ("variables", "an object", dict),
        ("operationName", "a string", str),
        ("extensions", "an object", dict),
    ):
        if payload.get(name) is not None and not isinstance(payload[name], kinds):
            return f"payload.{name} must be {kind_name} or null"
    return None


async def admit_socket(context: Context) -> None:
    """On connection_init, once the caller is known: count the socket against its user's limit."""
    if context.user_id is None:
        return
    entry = broker.entry_id()
    key = broker.presence_key(SOCKETS, context.user_id)
    if not await broker.presence().acquire(key, entry, context.settings.ws_max_sockets_per_user):
        raise CloseSocket(
            TOO_MANY_SOCKETS, f"Too many live connections (at most {context.settings.ws_max_sockets_per_user} per user)"
        )
    context.socket_entry = entry


class SessionWatch:
    """Closes a live socket (4403) the moment its sign-in ends: signed out everywhere, that session
    revoked, or the account deleted (`sessions:<user id>` carries the family or "deleted").

    One listener and one task per user in the process, for all that user's sockets: a task, its
    frame and a listener per socket cost more than a socket's own state."""

    def __init__(self) -> None:
        self._sockets: dict[int, set[TransportHandler]] = {}
        self._tasks: dict[int, asyncio.Task[None]] = {}

    def add(self, user_id: int, socket: TransportHandler) -> None:
        self._sockets.setdefault(user_id, set()).add(socket)
        task = self._tasks.get(user_id)
        if task is None or task.done():
            self._tasks[user_id] = asyncio.create_task(self._watch(user_id), name=f"session watch {user_id}")

    def discard(self, user_id: int, socket: TransportHandler) -> None:
        sockets = self._sockets.get(user_id)
        if sockets is None:
            return
        sockets.discard(socket)
        if not sockets:
            del self._sockets[user_id]
            task = self._tasks.pop(user_id, None)
            if task is not None:
                task.cancel()

    async def _watch(self, user_id: int) -> None:
        async with broker.hub().listen(broker.channel(broker.SESSION_EVENTS, user_id)) as listener:
            while True:
                await listener.wait(60.0)
                messages, _lost = listener.take()
                for socket in list(self._sockets.get(user_id, ())):
                    family = socket.context.session_family
                    reason = "The account was deleted" if "deleted" in messages else None
                    if reason is None and family is not None and family in messages:
                        reason = "Session revoked"
                    if reason is not None:
                        with contextlib.suppress(Exception):  # already closing: the others still close
                            await socket.websocket.close(code=SESSION_ENDED, reason=reason)


class TransportHandler(BaseGraphQLTransportWSHandler[Context, None]):
    context: Context
    _numbers = itertools.count(1)

    async def handle(self) -> None:
        """Strawberry's read loop (its handle, the adapter's iter_json generator and Starlette's
        receive_text) in one frame, which is what an idle socket is: this coroutine waiting for
        the next message. It holds no message meanwhile (iter_json kept the last text)."""
        ws = getattr(self.websocket, "ws", None)
        if not isinstance(ws, WebSocket):  # not Starlette's: Strawberry's own loop
            try:
                await super().handle()
            except RecursionError:  # JSON nested too deeply to decode: malformed too, not a crash
                await self.handle_invalid_message("WebSocket message nested too deeply")
            return
        self.on_request_accepted()
        try:
            while ws.application_state == WebSocketState.CONNECTED:
                received = await ws.receive()
                if received["type"] == "websocket.disconnect":
                    break
                text = received.get("text")
                del received
                if text is None:
                    await self.handle_invalid_message("WebSocket message type must be text")
                    break
                try:
                    message = self.view.decode_json(text)
                except json.JSONDecodeError:
                    await self.handle_invalid_message("WebSocket message must be valid JSON")
                    break
                except RecursionError:  # JSON nested too deeply to decode: malformed too, not a crash
                    await self.handle_invalid_message("WebSocket message nested too deeply")
                    break
                del text
                await self.handle_message(cast("Message", message))
                del message
        except (WebSocketDisconnected, WebSocketDisconnect):
            pass
        finally:
            await self.shutdown()

    async def handle_message(self, message: Message) -> None:
        problem = malformed(message)
        if problem is not None:
            await self.handle_invalid_message(problem)
            return
        await super().handle_message(message)
        # Strawberry's read loop holds the last message until the next one arrives, which on an idle
        # socket is never: keep none of it (a subscription keeps its query and variables itself).
        cast("dict[str, Any]", message).clear()

    async def handle_connection_init(self, message: Any) -> None:
        try:
            await super().handle_connection_init(message)
        except CloseSocket as close:
            await self.websocket.close(code=close.code, reason=close.reason)
            return
        # initialised (or refused): the cancelled timeout task is not needed to shut down
        self.connection_init_timeout_task = None
        if self.connection_acknowledged and self.context.user_id is not None and not self._watched:
            self._watched = True
            SESSION_WATCH.add(self.context.user_id, self)

    _watched = False

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self.connection_acknowledged:
            check: SessionCheck | None = self.view if hasattr(self.view, "ws_session_problem") else None
            problem = await check.ws_session_problem(self.context) if check is not None else None
            if problem is not None:
                await self.websocket.close(code=problem.code, reason=problem.reason)
                return
            limit = self.context.settings.ws_max_subscriptions_per_socket
            if message["id"] not in self.operations and len(self.operations) >= limit:
                error = GraphQLError(f"Too many subscriptions on this connection (at most {limit})")
                await self.send_message({"id": message["id"], "type": "error", "payload": [error.formatted]})
                return
        await super().handle_subscribe(message)

    async def run_operation(self, operation: Operation[Context, None]) -> None:
        """Strawberry's run_operation and _send_result_stream in one frame, counted against the
        user's subscriptions. An idle subscription is this coroutine suspended for the socket's
        life: one frame instead of three, and the result stream closed by try/finally instead of
        Strawberry's `aclosing` (an async generator and its context manager per operation)."""
        user_id, settings = self.context.user_id, self.context.settings
        key, entry = None, ""
        if user_id is not None:
            key = broker.presence_key(SUBSCRIPTIONS, user_id)
            entry = f"{self.context.socket_entry or broker.entry_id()}:{next(self._numbers)}"
        try:
            if key is not None and not await broker.presence().acquire(key, entry, settings.ws_max_subscriptions_per_user):
                limit = settings.ws_max_subscriptions_per_user
                error = GraphQLError(f"Too many live subscriptions (at most {limit} per user)")
                await operation.send_initial_errors([error])
                return
            results = await self.schema.stream(
                operation.query,
                variable_values=operation.variables,
                context_value=self.context,
                root_value=self.root_value,
                operation_name=operation.operation_name,
            )
            try:
                first = True
                async for result in results:
                    if first and isinstance(result, PreExecutionError):
                        await self._handle_pre_execution_error(operation, result)  # may close the socket
                        break
                    if not isinstance(result, ExecutionResult):  # @defer/@stream: no wire format here
                        await self._reject_incremental_delivery(operation)
                        break
                    await operation.send_next(result)
                    first = False
                    # Sent, and not read again; but Strawberry's stream and the subscription's
                    # execution context hold the last result until the next event: keep its
                    # response's dicts and strings out of an idle subscription.
                    if isinstance(result.data, dict):
                        result.data.clear()
            finally:
                with contextlib.suppress(Exception):
                    await results.aclose()
            await operation.send_operation_message({"id": operation.id, "type": "complete"})
        except _OperationStreamClosed:
            return
        except Exception as error:
            await self.handle_task_exception(error)
            with contextlib.suppress(Exception):
                await operation.send_operation_message({"id": operation.id, "type": "complete"})
            self.operations.pop(operation.id, None)
            raise
        finally:
            if key is not None:
                await broker.presence().release(key, entry)

    async def shutdown(self) -> None:
        if self._watched and self.context.user_id is not None:
            SESSION_WATCH.discard(self.context.user_id, self)
        try:
            await super().shutdown()
        finally:
            entry, self.context.socket_entry = self.context.socket_entry, None
            if entry is not None and self.context.user_id is not None:
                await broker.presence().release(broker.presence_key(SOCKETS, self.context.user_id), entry)


SESSION_WATCH = SessionWatch()  # the process's one
