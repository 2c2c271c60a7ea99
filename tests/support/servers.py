"""Local HTTP servers (127.0.0.1, ephemeral ports) that replay recorded payloads."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import delete

from api.config import get_settings
from api.db import unit_of_work
from api.discovery.http import SourceHttp
from api.discovery.registry import SOURCES
from api.models import Posting

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def load_fixture(relative: str) -> Any:
    return json.loads((FIXTURES / relative).read_text(encoding="utf-8"))


def fixture_text(relative: str) -> str:
    return (FIXTURES / relative).read_text(encoding="utf-8")


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    chunks: int = 1  # body sent in this many pieces …
    chunk_delay: float = 0.0  # … with this pause between them
    content_type: str | None = None
    omit_length: bool = False  # no Content-Length: body delimited by closing the connection

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")


def json_reply(data: Any, status: int = 200, **kw: Any) -> Reply:
    return Reply(status=status, body=json.dumps(data).encode(), content_type="application/json", **kw)


@dataclass
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    at: float
    method: str = "GET"
    body: bytes = b""


class LocalServer:
    """Routes map a path to a list of replies served in order (the last one repeats)."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                self.do_GET()

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with server.lock:
                    seen = Seen(parts.path, parse_qs(parts.query), dict(self.headers), time.monotonic(), self.command, body)
                    server.seen.append(seen)
                    replies = server.routes.get(parts.path)
                    reply = (replies.pop(0) if len(replies) > 1 else replies[0]) if replies else Reply(404, b"nope")
                try:
                    if reply.delay:
                        time.sleep(reply.delay)
                    body = reply.payload()
                    self.send_response(reply.status)
                    if reply.content_type:
                        self.send_header("Content-Type", reply.content_type)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.omit_length:
                        self.send_header("Connection", "close")
                    elif "Content-Length" not in reply.headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    size = max(1, len(body) // max(1, reply.chunks) + 1)
                    for start in range(0, len(body), size):
                        self.wfile.write(body[start : start + size])
                        self.wfile.flush()
                        if reply.chunk_delay:
                            time.sleep(reply.chunk_delay)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def route(self, path: str, *replies: Reply) -> None:
        with self.lock:
            self.routes[path] = list(replies)

    def hits(self, path: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.path == path]

    def reset(self) -> None:
        with self.lock:
            self.routes.clear()
            self.seen.clear()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def _server_pair() -> Iterator[tuple[LocalServer, LocalServer]]:
    a, b = LocalServer(), LocalServer()
    yield a, b
    a.close()
    b.close()


@pytest.fixture
def server(_server_pair: tuple[LocalServer, LocalServer]) -> LocalServer:
    _server_pair[0].reset()
    return _server_pair[0]


@pytest.fixture
def other_server(_server_pair: tuple[LocalServer, LocalServer]) -> LocalServer:
    _server_pair[1].reset()
    return _server_pair[1]


@pytest.fixture
async def http() -> Any:
    """Fast-failing fetch helper: 0.4 s timeout (a loaded machine can take 0.2 s to answer; the
    timeout tests delay 0.6 s), 3 attempts, tiny backoff, no rate limit."""
    helper = SourceHttp(timeout=0.4, attempts=3, backoff_base=0.01, retry_after_cap=0.05, min_interval=0)
    yield helper
    await helper.aclose()


@pytest.fixture(scope="session")
def _boards():
    boards = LocalServer()
    yield boards
    boards.close()


async def clear_postings() -> None:
    """Postings are global (every user's market statistics read them): a test that ingests starts
    from none and leaves none, so no test depends on what another one ingested."""
    async with unit_of_work() as session:
        await session.execute(delete(Posting))


@pytest.fixture
async def board(_boards, monkeypatch) -> AsyncIterator[LocalServer]:
    """A loopback server every source's base URL points at, fast-failing, with no rate limit;
    the postings the test ingests are removed afterwards."""
    _boards.reset()
    await clear_postings()
    settings = get_settings()
    monkeypatch.setattr(settings, "source_base_urls", dict.fromkeys(SOURCES, _boards.base))
    monkeypatch.setattr(settings, "source_min_interval", 0.0)
    monkeypatch.setattr(settings, "source_timeout", 3.0)
    monkeypatch.setattr(settings, "source_attempts", 1)
    yield _boards
    await clear_postings()
