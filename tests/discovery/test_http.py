from __future__ import annotations

import asyncio
import itertools
import time
from datetime import UTC, datetime

import pytest

from api.discovery.http import USER_AGENT, RateLimiter, SourceError, SourceHttp, parse_retry_after
from tests.support.servers import Reply, json_reply


class TestSourceHttp:
    async def test_returns_json_and_sends_the_user_agent(self, server, http):
        # given
        server.route("/feed", json_reply({"jobs": [1, 2]}))
        # when
        data = await http.get_json("demo", server.base + "/feed", params={"q": "python"})
        # then
        assert data == {"jobs": [1, 2]}
        seen = server.hits("/feed")[0]
        assert seen.headers["User-Agent"] == USER_AGENT == "CareerCompanion/0.1 (+self-hosted job search)"
        assert seen.query == {"q": ["python"]}

    async def test_429_is_retried_honouring_retry_after_capped(self, server):
        # given: a 429 asking for 7 s, a cap of 5 s, and a recording sleep
        delays: list[float] = []

        async def fake_sleep(seconds: float) -> None:
            delays.append(seconds)

        helper = SourceHttp(timeout=1, attempts=3, retry_after_cap=5, min_interval=0, sleep=fake_sleep)
        server.route("/feed", Reply(429, b"slow down", {"Retry-After": "7"}), json_reply({"ok": True}))
        # when
        data = await helper.get_json("demo", server.base + "/feed")
        await helper.aclose()
        # then
        assert data == {"ok": True}
        assert len(server.hits("/feed")) == 2
        assert delays == [5]

    async def test_backoff_is_exponential_without_retry_after(self, server):
        # given
        delays: list[float] = []

        async def fake_sleep(seconds: float) -> None:
            delays.append(seconds)

        helper = SourceHttp(timeout=1, attempts=4, backoff_base=0.5, min_interval=0, sleep=fake_sleep)
        server.route("/feed", Reply(503), Reply(502), Reply(500), json_reply([]))
        # when
        data = await helper.get_json("demo", server.base + "/feed")
        await helper.aclose()
        # then
        assert data == []
        assert delays == [0.5, 1.0, 2.0]

    async def test_persistent_500_gives_a_readable_error(self, server, http):
        # given
        server.route("/feed", Reply(500, b"boom"))
        # when
        with pytest.raises(SourceError) as err:
            await http.get_json("demo", server.base + "/feed")
        # then
        assert err.value.source == "demo"
        assert err.value.reason == "HTTP 500 after 3 attempts"
        assert len(server.hits("/feed")) == 3

    async def test_timeout_is_retried_then_reported(self, server, http):
        # given: the server answers after 1 s, the client waits 0.2 s
        server.route("/feed", Reply(200, b"{}", delay=1.0))
        # when
        started = time.monotonic()
        with pytest.raises(SourceError) as err:
            await http.get_json("demo", server.base + "/feed")
        # then
        assert err.value.reason == "timed out after 3 attempts"
        assert time.monotonic() - started < 2.0

    async def test_connection_refused_is_reported(self, http):
        # given: a port nothing listens on (bind then close)
        import socket

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        # when
        with pytest.raises(SourceError) as err:
            await http.get_json("demo", f"http://127.0.0.1:{port}/feed")
        # then
        assert err.value.reason.startswith("connection failed (ConnectError) after 3 attempts")

    async def test_malformed_json_is_reported_without_retry(self, server, http):
        # given
        server.route("/feed", Reply(200, b'{"jobs": [', content_type="application/json"))
        # when
        with pytest.raises(SourceError) as err:
            await http.get_json("demo", server.base + "/feed")
        # then
        assert err.value.reason.startswith("malformed JSON")
        assert len(server.hits("/feed")) == 1

    async def test_404_is_not_retried(self, server, http):
        # given
        server.route("/feed", Reply(404, b"no such board"))
        # when
        with pytest.raises(SourceError) as err:
            await http.get_json("demo", server.base + "/feed")
        # then
        assert err.value.reason == "HTTP 404 (not found: check the board token / URL)"
        assert len(server.hits("/feed")) == 1


class TestRateLimiter:
    async def test_spaces_requests_of_one_source_and_not_of_others(self, server):
        # given: 0.2 s minimum interval per source
        helper = SourceHttp(timeout=1, min_interval=0.2)
        server.route("/a", json_reply({}))
        server.route("/b", json_reply({}))
        # when: three concurrent requests to source "a" and one to "b"
        await asyncio.gather(
            *(helper.get_json("a", server.base + "/a") for _ in range(3)),
            helper.get_json("b", server.base + "/b"),
        )
        await helper.aclose()
        # then
        times = sorted(s.at for s in server.hits("/a"))
        gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
        assert len(times) == 3
        assert all(gap >= 0.15 for gap in gaps), gaps  # (connect jitter tolerated)
        assert server.hits("/b")[0].at - times[0] < 0.1

    async def test_per_source_override(self):
        # given: a fake clock that only advances when the limiter sleeps
        now = [100.0]
        slept: list[float] = []

        async def fake_sleep(seconds: float) -> None:
            slept.append(round(seconds, 6))
            now[0] += seconds

        limiter = RateLimiter(1.0, {"fast": 0.25}, clock=lambda: now[0], sleep=fake_sleep)
        # when
        for _ in range(3):
            await limiter.wait("fast")
        await limiter.wait("slow")
        await limiter.wait("slow")
        # then
        assert slept == [0.25, 0.25, 1.0]


class TestParseRetryAfter:
    def test_seconds_and_http_dates(self):
        # given
        now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
        # when / then
        assert parse_retry_after("120") == 120.0
        assert parse_retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now=now) == 30.0
        assert parse_retry_after("Thu, 01 Jan 2026 11:00:00 GMT", now=now) == 0.0
        assert parse_retry_after("soon") is None
        assert parse_retry_after(None) is None
