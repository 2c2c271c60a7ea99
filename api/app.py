"""create_app(): /graphql (HTTP + WebSocket), /healthz, and the SPA with history fallback."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

from cross_web import HTTPException as StrawberryHTTPException
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from api import broker, db, outbox, static
from api.account import routes as account_routes
from api.account import versions
from api.ai import client as model_clients
from api.calendar import routes as calendar_routes
from api.config import Settings, get_settings
from api.document import routes as content_routes
from api.graphql import answers
from api.graphql.context import Context
from api.graphql.http import GRAPHQL_RESPONSE, JSONTooDeep, bounded_json, is_request_error, prefers_graphql_response
from api.graphql.websocket import CloseSocket, TransportHandler, admit_socket
from api.identity import routes as identity_routes
from api.mcp.endpoint import McpEndpoint
from api.mcp.tools import build_server as build_mcp_server
from api.notification import routes as notification_routes
from api.resume import routes as resume_routes
from api.schema import CACHEABLE, build_schema
from api.security import SecurityHeaders, client_address, graphiql_policy
from api.token.auth import authenticate
from api.user import routes as user_routes
from api.user import service as user_service
from api.user.tokens import access_claims, bearer_user, token_family

log = logging.getLogger(__name__)
WEB_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
GC_THRESHOLD = 10_000  # young-generation allocations between collections (CPython's default: 700)


def too_large(max_bytes: int) -> str:
    """What a person reads when a request is over the body cap: the limit in plain units."""
    size = f"{max_bytes / 1_000_000:g} MB" if max_bytes >= 1_000_000 else f"{max_bytes / 1000:g} KB"
    return f"This is too large to send: the server accepts up to {size} at a time. Shorten the text or file and try again."


class BodyLimit:
    """Refuse request bodies over the cap with 413, whether declared or streamed: JSON saying the
    limit (GraphQL's `errors` on /graphql, `error` elsewhere, as each route answers)."""

    def __init__(self, app: ASGIApp, max_bytes: int, per_path: Mapping[str, int] | None = None):
        self.app, self.max_bytes, self.per_path = app, max_bytes, dict(per_path or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.per_path.get(scope.get("path", ""), self.max_bytes)  # uploads have their own cap
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_bytes:
            message = too_large(max_bytes)
            body: dict[str, Any] = {"errors": [{"message": message, "extensions": {"code": "TOO_LARGE"}}]}
            if scope.get("path") != "/graphql":
                body = {"error": {"code": "TOO_LARGE", "message": message}}
            await JSONResponse(body, status_code=413)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_bytes:
                    raise HTTPException(413, too_large(max_bytes))
            return message

        await self.app(scope, limited, send)


async def current_versions(user_id: int) -> tuple[int, int]:
    """The viewer's data versions (`api.account.versions.current`'s statement), read straight from
    the driver: every cacheable request reads them first."""
    row = await db.driver_row(versions.VERSIONS, {"owner": user_id})
    assert row is not None  # sums: always one row
    return int(row["owner"]), int(row["shared"])


class GraphQLView(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = TransportHandler  # 4400/4401/4403/4429, limits (api/graphql/websocket.py)

    def __init__(self, schema: Any, settings: Settings):
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            # Only the protocol whose handler checks sessions and limits; the legacy one is refused (4406).
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=None,
        )
        self.settings = settings
        self.answers = answers.AnswerCache(settings.answer_cache_bytes)

    def answer_lookup(self, request: Request, context: Context, data: GraphQLRequestData) -> answers.Lookup | None:
        """What finding the answer needs (api.graphql.answers) when it may be kept: a signed-in
        viewer's cacheable query over HTTP; None otherwise."""
        if self.settings.answer_cache_bytes <= 0 or context.user_id is None or not isinstance(data.query, str):
            return None
        if data.protocol != "http" or not CACHEABLE.allows(data.query, data.operation_name):
            return None
        user_id = context.user_id
        graphql_response = prefers_graphql_response(request.headers.get("accept", ""))
        return answers.Lookup(
            cache=self.answers,
            versions=lambda: current_versions(user_id),
            parts={
                "user_id": user_id,
                "scopes": context.scopes,
                "query": data.query,
                "operation_name": data.operation_name,
                "variables": data.variables,
                "media_type": GRAPHQL_RESPONSE if graphql_response else "application/json",
            },
            if_none_match=request.headers.get("if-none-match") if request.method == "GET" else None,
        )

    async def execute_single(
        self, request: Any, request_adapter: Any, sub_response: Any, context: Any, root_value: Any, request_data: Any
    ) -> Any:
        lookup = self.answer_lookup(request, context, request_data)
        context.answer = sub_response._cc_answer = lookup
        return await super().execute_single(request, request_adapter, sub_response, context, root_value, request_data)

    async def get_context(self, request: Request | WebSocket, response: Any = None) -> Context:
        context = Context(request=request, settings=self.settings, response=response)
        if isinstance(request, Request):
            principal = await authenticate(
                self.settings, request.headers.get("authorization"), client_address(request.scope, self.settings)
            )
            context.user_id, context.auth_error, context.scopes = principal.user_id, principal.error, principal.scopes
        return context

    async def on_ws_connect(self, context: Context) -> Any:
        params = context.connection_params if isinstance(context.connection_params, Mapping) else {}
        token = params.get("authorization") or params.get("Authorization")
        if not token and params.get("accessToken"):
            token = f"Bearer {params['accessToken']}"
        context.connection_params = None  # read once: what a live socket needs is kept below
        context.user_id, context.auth_error = bearer_user(self.settings, token)
        if token and context.user_id is None:
            raise ConnectionRejectionError({"message": context.auth_error or "Invalid access token"})
        context.access_token = token.partition(" ")[2].strip() if token else None
        if context.access_token and context.user_id is not None:  # the sign-in whose end closes this socket
            with contextlib.suppress(Exception):
                family = token_family(access_claims(self.settings, context.access_token))
                context.session_family = str(family) if family is not None else None
        await admit_socket(context)
        return await super().on_ws_connect(context)

    async def ws_session_problem(self, context: Context) -> CloseSocket | None:
        """On each subscribe: the access token must still be valid and its session not revoked."""
        if context.access_token is None:
            return None
        async with db.read_session() as session:
            problem = await user_service.session_problem(session, self.settings, context.access_token)
        return None if problem is None else CloseSocket(4403 if problem.revoked else 4401, problem.message)

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        request: Request | None = getattr(sub_response, "_cc_request", None)
        graphql_response = prefers_graphql_response(request.headers.get("accept", "") if request else "")
        lookup: answers.Lookup | None = getattr(sub_response, "_cc_answer", None)
        if lookup is not None and lookup.not_modified:
            return Response(status_code=304, headers=lookup.headers)
        if lookup is not None and lookup.body is not None:
            media = GRAPHQL_RESPONSE if graphql_response else "application/json"
            return Response(lookup.body, media_type=media, headers=lookup.headers)
        if graphql_response and is_request_error(response_data):
            # GraphQL-over-HTTP: under the new media type a request error (the document did not
            # parse or validate, or went over a limit) is a 400 without a `data` entry.
            response_data = {key: value for key, value in response_data.items() if key != "data"}
            sub_response.status_code = 400
        response = super().create_response(response_data, sub_response)
        if graphql_response:
            response.headers["content-type"] = GRAPHQL_RESPONSE
        kept = isinstance(response_data, dict) and not response_data.get("errors") and response.status_code == 200
        if lookup is not None and lookup.key is not None and kept:
            lookup.cache.put(lookup.key, bytes(response.body))
            response.headers.update(lookup.headers)
        else:  # answers without an ETag are not kept anywhere (a browser would reuse a GET's)
            response.headers["cache-control"] = "no-store"
        return response

    def decode_json(self, data: str | bytes) -> object:
        return bounded_json(data)

    def parse_json(self, data: str | bytes) -> Any:
        try:
            return self.decode_json(data)
        except JSONTooDeep as error:
            raise StrawberryHTTPException(400, error.msg) from error
        except json.JSONDecodeError as error:
            raise StrawberryHTTPException(400, "Unable to parse request body as JSON") from error

    async def execute_operation(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().execute_operation(*args, **kwargs)
        except StrawberryHTTPException as error:
            # GraphQL-over-HTTP: a mutation over GET is 405 Method Not Allowed, not 400.
            if isinstance(error.__cause__, InvalidOperationTypeError):
                raise StrawberryHTTPException(405, error.reason) from error
            raise

    def should_render_graphql_ide(self, request: Any) -> bool:
        """Strawberry's test (a GET without a query, accepting HTML or anything), the Accept header
        first: a query sent as JSON is answered without parsing its URL's parameters one more time."""
        if request.method != "GET":
            return False
        accept = request.headers.get("accept", "")
        return ("text/html" in accept or "*/*" in accept) and request.query_params.get("query") is None

    async def render_graphql_ide(self, request: Request) -> Response:
        response = await super().render_graphql_ide(request)
        response.headers["content-security-policy"] = graphiql_policy(bytes(response.body).decode())
        return response

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        response = await super().get_sub_response(request)
        response._cc_request = request  # type: ignore[attr-defined]
        return response


async def healthz(request: Request) -> JSONResponse:
    report: dict[str, Any] = {}
    healthy = True
    try:
        async with db.read_session() as session:
            await asyncio.wait_for(session.execute(text("SELECT 1")), 3)
        report["database"] = {"ok": True}
    except Exception as exc:  # report, never crash the probe
        healthy = False
        report["database"] = {"ok": False, "error": type(exc).__name__}
    try:
        pool = await broker.pool()
        await asyncio.wait_for(pool.ping(), 3)
        report["redis"] = {"ok": True}
        beat = await pool.get(f"{broker.queue_name()}:health-check")
        report["worker"] = {
            "ok": beat is not None,
            "status": beat.decode() if beat else "no heartbeat in the last minute",
        }
    except Exception as exc:
        healthy = False
        report["redis"] = {"ok": False, "error": type(exc).__name__}
        report["worker"] = {"ok": False, "status": "unknown: Redis unreachable"}
    try:  # a real call to the configured model, cached ~60 s; informative, not part of "status"
        model = await model_clients.model_status()
        report["model"] = {
            "ok": model.ok,
            "configured": model.configured,
            "model": model.model,
            "status": model.message,
        }
    except Exception as exc:
        report["model"] = {"ok": False, "configured": True, "status": f"health check failed: {type(exc).__name__}"}
    settings = get_settings()  # informative, not part of "status": in-app works without it
    report["email"] = (
        {"ok": True, "configured": True, "status": f"SMTP {settings.smtp_host}:{settings.smtp_port}"}
        if settings.email_configured
        else {"ok": False, "configured": False, "status": "not configured"}
    )
    # "down" (503) without the database or Redis, "degraded" (200) without a worker; `failing`
    # names the parts at fault. The API itself keeps serving what it can either way.
    report["failing"] = [name for name in ("database", "redis", "worker") if not report[name]["ok"]]
    report["status"] = "ok" if healthy and report["worker"]["ok"] else ("degraded" if healthy else "down")
    return JSONResponse(report, status_code=200 if healthy else 503)


async def relay_outbox() -> None:
    """At start-up: send the jobs committed while Redis (or this process) was down."""
    try:
        await outbox.relay()
    except Exception:  # the worker's cron tries again every minute
        log.warning("outbox relay at start-up failed", exc_info=True)


def spa(dist: Path):
    index = dist / "index.html"

    async def fallback(request: Request) -> Response:
        # Root-level build files (favicon.ico, robots.txt…) are served as they are; every other
        # path is a client-side route and gets index.html.
        name = request.path_params.get("path", "")
        if name and "/" not in name and not name.startswith(".") and not name.endswith((".map", ".br", ".gz")):
            candidate = dist / name
            if candidate.is_file():
                return static.file_response(request, candidate, static.REVALIDATE)
        if index.exists():
            return static.file_response(request, index, static.REVALIDATE)
        return PlainTextResponse("The web app is not built. Run `make run` (or `make web`).", status_code=503)

    return fallback


def freeze_start_up_heap() -> None:
    """The schema, modules and settings live as long as the process: move them out of the cyclic
    collector's sight (a full collection of them took 120-200 ms every ~20 requests), and
    collect the young generation less often (requests allocate many short-lived objects)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


class App(Starlette):
    """The app, with one shortcut: a WebSocket to /graphql goes straight to the GraphQL view. The
    middlewares pass WebSockets through anyway, but on the way each of them and the router would
    hold a coroutine frame for the socket's whole life (bench/bench_subscriptions.py: memory per
    idle subscriber)."""

    graphql_sockets: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and scope.get("path") == "/graphql" and self.graphql_sockets is not None:
            scope["app"] = self
            await self.graphql_sockets(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()
    settings.jwt_secret()  # fail fast on a missing or placeholder secret
    view = GraphQLView(build_schema(settings), settings)
    mcp = McpEndpoint(build_mcp_server(), settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        freeze_start_up_heap()
        relaying = asyncio.create_task(relay_outbox())  # in the background: Redis may be down
        yield
        await mcp.close()
        relaying.cancel()
        await model_clients.close()
        await broker.close()
        await db.dispose()

    routes = [
        Route("/graphql", view, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", view),
        Route("/healthz", healthz),
        Route("/mcp", mcp, methods=["GET", "POST", "DELETE"]),
        Route("/auth/refresh", user_routes.refresh, methods=["POST"]),
        Route("/auth/logout", user_routes.logout, methods=["POST"]),
        Route("/auth/{provider}/start", identity_routes.start, methods=["GET"]),
        Route("/auth/{provider}/callback", identity_routes.callback, methods=["GET"]),
        Route("/uploads/resume", resume_routes.upload_resume, methods=["POST"]),
        Route("/documents/{id:path}/export", content_routes.export, methods=["GET"]),
        Route("/unsubscribe", notification_routes.unsubscribe_page, methods=["GET"]),
        Route("/unsubscribe", notification_routes.unsubscribe, methods=["POST"]),
        Route("/email/verify", notification_routes.verify_email, methods=["GET"]),
        Route("/calendar/{token}.ics", calendar_routes.feed, methods=["GET"]),
        Route("/export/archive.json", account_routes.export_archive, methods=["GET"]),
        Route("/export/jobs.csv", account_routes.export_jobs, methods=["GET"]),
        Route("/export/applications.csv", account_routes.export_applications, methods=["GET"]),
        Route("/import/archive", account_routes.import_archive, methods=["POST"]),
        Route("/import/applications.csv", account_routes.import_applications, methods=["POST"]),
        Route("/import/resume.json", account_routes.import_resume, methods=["POST"]),
        Route("/account/email/confirm", account_routes.confirm_email, methods=["GET"]),
    ]
    # check_dir=False: a build made after start-up is served without a restart.
    routes.append(Route("/assets/{path:path}", static.assets(WEB_DIST / "assets"), methods=["GET", "HEAD"]))
    routes.append(Route("/{path:path}", spa(WEB_DIST)))
    app = App(routes=routes, lifespan=lifespan)
    app.graphql_sockets = view
    app.state.settings = settings
    app.state.answers = view.answers  # the answer cache (its clock is what tests move)
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.max_body_bytes,
        per_path={
            "/uploads/resume": settings.resume_max_bytes + resume_routes.UPLOAD_OVERHEAD_BYTES,
            "/import/archive": settings.import_max_bytes,
            "/import/applications.csv": settings.import_max_bytes,
            "/import/resume.json": settings.import_max_bytes,
        },
    )
    app.add_middleware(SecurityHeaders, settings=settings)  # outermost: every answer, a 413 included
    return app
