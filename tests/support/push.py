"""A push receiver on loopback (ntfy topic or webhook): keeps every POST it gets, answers 200, or
holds the request open until the test ends (a receiver that times out). The `receiver` fixture lets
the SSRF guard through to exactly this server's address and port, and makes retries quick."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.support.waiting import eventually


@dataclass(frozen=True)
class Posted:
    path: str
    headers: dict[str, str]
    body: bytes


class Receiver:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.posted: list[Posted] = []
        self.hold = False
        self.status = 200  # what the receiver answers
        self.released = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.posted.append(Posted(self.path, dict(self.headers), body))
                    hold, status = receiver.hold, receiver.status
                if hold:
                    receiver.released.wait(30)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def at(self, path: str) -> list[Posted]:
        with self.lock:
            return [p for p in self.posted if p.path == path]

    async def wait_for(self, path: str, count: int = 1) -> list[Posted]:
        async def arrived() -> list[Posted] | None:
            found = self.at(path)
            return found if len(found) >= count else None

        return await eventually(arrived)

    def reset(self) -> None:
        self.released.set()
        with self.lock:
            self.posted.clear()
            self.hold = False
            self.status = 200
        self.released = threading.Event()

    def close(self) -> None:
        self.released.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def _receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
async def receiver(_receiver: Receiver, monkeypatch) -> AsyncIterator[Receiver]:
    from api.config import get_settings

    _receiver.reset()
    settings = get_settings()
    monkeypatch.setattr(settings, "fetch_allowed_addresses", [f"127.0.0.1:{_receiver.port}"])
    monkeypatch.setattr(settings, "push_timeout", 0.5)
    monkeypatch.setattr(settings, "delivery_retry_seconds", 0.05)
    monkeypatch.setattr(settings, "public_url", "https://cc.test")
    yield _receiver
    _receiver.reset()
