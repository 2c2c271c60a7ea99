"""/mcp over streamable HTTP: Bearer authentication (a personal access token, or a sign-in's access
token), then the SDK's transport. The SDK's session manager needs a running task group; it is
started on the first request (so it works whether or not the ASGI lifespan runs) and stopped on close."""

from __future__ import annotations

import asyncio
import contextlib

from mcp.server.mcpserver import MCPServer
from mcp.server.streamable_http_manager import StreamableHTTPASGIApp
from mcp.server.transport_security import TransportSecuritySettings
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from api.config import Settings
from api.security import client_address
from api.token.auth import authenticate

PRINCIPAL = "cc.principal"


class McpEndpoint:
    def __init__(self, server: MCPServer, settings: Settings):
        self.settings = settings
        # Stateless JSON answers: any replica serves any request, nothing is kept between calls.
        # DNS-rebinding protection is off: a rebinding page cannot send our Bearer header.
        server.streamable_http_app(
            stateless_http=True,
            json_response=True,
            transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
        )
        self.manager = server.session_manager
        self.handler = StreamableHTTPASGIApp(self.manager)
        self._lock = asyncio.Lock()
        self._started = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        async with self.manager.run():
            self._started.set()
            await self._stop.wait()

    async def _ensure_running(self) -> None:
        async with self._lock:
            if self._task is None:
                self._task = asyncio.create_task(self._run())
        await self._started.wait()

    async def close(self) -> None:
        if self._task is not None:
            self._stop.set()
            with contextlib.suppress(Exception):
                await self._task

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers") or []}
        principal = await authenticate(self.settings, headers.get("authorization"), client_address(scope, self.settings))
        if principal.user_id is None:
            message = principal.error or "Send a personal access token: Authorization: Bearer cc_pat_…"
            response = JSONResponse(
                {"error": {"message": message, "code": "UNAUTHENTICATED"}},
                status_code=401,
                headers={"www-authenticate": 'Bearer realm="career-companion"'},
            )
            await response(scope, receive, send)
            return
        scope[PRINCIPAL] = principal
        await self._ensure_running()
        await self.handler(scope, receive, send)
