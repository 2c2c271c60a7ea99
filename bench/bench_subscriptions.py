"""Live alerts at scale: one API process (uvicorn, its own process) with N idle WebSocket
subscribers of one user.

Prints, measured in the same run:
- the time from one alert (row committed, id published) until the last of N subscribers has it,
  against N single deliveries one after another (one subscriber, an alert, wait, next), and the
  ratio (target <= 0.25);
- the API process's Redis connections (`CLIENT LIST`, by its client name; target <= 2);
- the API process's memory per idle subscriber (RSS delta over N sockets; target <= 30 KB).
Figures only: no assertions. BENCH_SUBSCRIBERS (default 1000) sets N; BENCH_WS the WebSocket
protocol given to uvicorn's --ws (default: ours, as `make run` serves it; e.g. websockets-sansio).

Uses BENCH_DATABASE_URL / BENCH_REDIS_URL (default: the local servers) and its own database.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record
from scratch import scratch_database

N = int(os.environ.get("BENCH_SUBSCRIBERS", "1000"))
ALERTS = "subscription Alerts($after: ID) { notificationReceived(after: $after) { id kind title jobId read createdAt } }"


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def alert(user_id: int, title: str) -> int:
    from api.db import unit_of_work
    from api.notification import service

    async with unit_of_work() as session:
        created = await service.create(
            session, user_id=user_id, kind="job_match", title=title, body="", job_id=None, dedupe_key=uuid.uuid4().hex
        )
    assert created is not None
    await service.announce(created)
    return created.id


async def drain(ws, count: int) -> None:
    for _ in range(count):
        await ws.next(60)


async def main() -> None:
    async with scratch_database():
        await run()


async def run() -> None:
    import httpx
    from redis.asyncio import Redis
    from strawberry import relay

    from api import broker
    from api.config import get_settings
    from tests.support.graphql import db_id, signed_up
    from tests.support.running import free_port
    from tests.support.ws import Subscription

    get_settings.cache_clear()
    port = free_port()
    env = {**os.environ, "WS_MAX_SOCKETS_PER_USER": str(2 * N), "WS_MAX_SUBSCRIPTIONS_PER_USER": str(3 * N)}
    serve = ["uvicorn", "api.app:create_app", "--factory", "--port", str(port), "--log-level", "warning", "--no-proxy-headers"]
    # as `make run` and the Dockerfile serve it
    ws = ["--ws", os.environ.get("BENCH_WS", "api.wsprotocol:LeanWebSocketProtocol"), "--ws-per-message-deflate", "false"]
    api = subprocess.Popen([sys.executable, "-m", *serve, *ws], env=env)
    url = f"http://127.0.0.1:{port}"
    sockets: list[Subscription] = []
    try:
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            for _ in range(3000):  # a loaded machine takes a while to import the app
                try:
                    if (await client.get("/healthz")).status_code in (200, 503):
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            user = await signed_up(client)
        user_id = db_id(user.user_id)
        anchor = str(relay.GlobalID("Notification", str(await alert(user_id, "anchor"))))

        # N single deliveries: one subscriber, one alert at a time
        async with Subscription(url, user.token) as one:
            await one.start(ALERTS, {"after": anchor})
            await alert(user_id, "warm-up")
            await one.next(30)
            started = time.perf_counter()
            for i in range(N):
                await alert(user_id, f"single {i}")
                message = await one.next(30)
                assert message["type"] == "next", message
            singles = time.perf_counter() - started
        anchor = str(relay.GlobalID("Notification", str(await alert(user_id, "anchor 2"))))

        # N idle subscribers
        before = rss_kb(api.pid)
        for start in range(0, N, 50):
            batch = [Subscription(url, user.token, ack_timeout=60) for _ in range(min(50, N - start))]
            await asyncio.gather(*(ws.__aenter__() for ws in batch))
            await asyncio.gather(*(ws.start(ALERTS, {"after": anchor}) for ws in batch))
            sockets.extend(batch)
        await alert(user_id, "all joined")
        await asyncio.gather(*(ws.next(60) for ws in sockets))
        after = rss_kb(api.pid)

        # one alert to all of them
        started = time.perf_counter()
        await alert(user_id, "one for all")
        messages = await asyncio.gather(*(ws.next(60) for ws in sockets))
        fan_out = time.perf_counter() - started
        assert all(m["type"] == "next" for m in messages)

        # the same number of subscriptions, 20 to a socket (a browser tab shares one socket)
        shared_before = rss_kb(api.pid)
        shared: list[Subscription] = []
        for start in range(0, N, 20 * 25):
            batch = [Subscription(url, user.token, ack_timeout=60) for _ in range(min(25, (N - start + 19) // 20))]
            await asyncio.gather(*(ws.__aenter__() for ws in batch))
            for op in range(20):
                await asyncio.gather(*(ws.start(ALERTS, {"after": anchor}, op_id=str(op)) for ws in batch))
            shared.extend(batch)
        sockets.extend(shared)
        await asyncio.gather(*(drain(ws, 20 * 2) for ws in shared))  # each: "all joined", "one for all"
        per_shared = (rss_kb(api.pid) - shared_before) / (len(shared) * 20)

        async with Redis.from_url(os.environ["REDIS_URL"]) as probe:
            clients = await probe.client_list()
        prefix = broker.client_name().rsplit(":", 1)[0] + f":{api.pid}"
        connections = sum(1 for c in clients if c.get("name") == prefix)

        per_subscriber = (after - before) / N
        ratio = fan_out / singles
        print(f"subscribers: {N} (one user, one socket each, one API process)")
        print(f"{'figure':<46} {'target':>10} {'measured':>12} {'':>5}")
        rows = [
            ("one alert to N subscribers (s)", "", f"{fan_out:.3f}", ""),
            ("N single deliveries (s)", "", f"{singles:.3f}", ""),
            ("ratio fan-out / singles", "<= 0.25", f"{ratio:.3f}", "pass" if ratio <= 0.25 else "FAIL"),
            ("Redis connections of the API process", "<= 2", f"{connections}", "pass" if connections <= 2 else "FAIL"),
            (
                "idle memory per subscriber (KB, RSS delta)",
                "<= 30",
                f"{per_subscriber:.1f}",
                "pass" if per_subscriber <= 30 else "FAIL",
            ),
            ("  the same, 20 subscriptions per socket (KB)", "", f"{per_shared:.1f}", ""),
        ]
        for name, target, measured, verdict in rows:
            print(f"{name:<46} {target:>10} {measured:>12} {verdict:>5}")
        record(f"idle memory per WebSocket subscriber ({N} subscribers, RSS delta)", per_subscriber, 30, unit=" KB")
    finally:
        await asyncio.gather(*(ws.__aexit__(None, None, None) for ws in sockets), return_exceptions=True)
        api.terminate()
        api.wait(10)
        await broker.close()


if __name__ == "__main__":
    asyncio.run(main())
