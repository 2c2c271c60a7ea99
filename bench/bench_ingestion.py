"""Ingestion throughput: fetch → normalise → de-duplicate, on recorded feeds served locally.

The recorded payloads in tests/fixtures/job-boards (Greenhouse, Lever, Ashby, Remotive,
Arbeitnow, Remote OK) are replicated to ~--count postings in total (unique ids, every fourth
copy re-using a title so the de-duplicator sees both new and duplicate postings), served by a
local HTTP server on 127.0.0.1, fetched with the real adapters, then de-duplicated with the pure
functions. Prints figures only; asserts nothing about time.

    .venv/bin/python bench/bench_ingestion.py [--count 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import statistics
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.discovery.dedup import Deduplicator  # noqa: E402
from api.discovery.http import SourceHttp  # noqa: E402
from api.discovery.postings import SourceQuery  # noqa: E402
from api.discovery.registry import create_adapter  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "job-boards"


def _load(rel: str):
    return json.loads((FIXTURES / rel).read_text(encoding="utf-8"))


def _variants(items: list[dict], n: int, id_key: str, title_key: str) -> list[dict]:
    out = []
    for i in range(n):
        item = copy.deepcopy(items[i % len(items)])
        item[id_key] = f"{item[id_key]}-{i}" if isinstance(item[id_key], str) else int(item[id_key]) * 100000 + i
        item[title_key] = f"{item[title_key]} {i // 4}"  # 4 copies share a title → duplicates by fuzzy key
        for url_key in ("absolute_url", "hostedUrl", "jobUrl", "url"):
            if isinstance(item.get(url_key), str):
                item[url_key] = f"{item[url_key].rstrip('/')}-{i}"  # each copy its own page
        out.append(item)
    return out


def build_feeds(total: int) -> dict[str, tuple[str, bytes, SourceQuery]]:
    """source name → (path, JSON body, query)."""
    per = max(1, total // 6)
    gh = _load("greenhouse/hunt_vercel_jobs_content.json")
    lever = _load("lever/hunt_spotify_postings.json")
    ashby = _load("ashby/hunt_linear_job_board.json")
    remotive = _load("remotive/hunt_remote_jobs.json")
    arbeitnow = _load("arbeitnow/hunt_job_board_api.json")
    remoteok = _load("remoteok/hunt_api.json")
    feeds = {
        "greenhouse": (
            "/v1/boards/vercel/jobs",
            {"jobs": _variants(gh["jobs"], per, "id", "title")},
            SourceQuery(board_token="vercel"),
        ),
        "lever": ("/v0/postings/spotify", _variants(lever, per, "id", "text"), SourceQuery(board_token="spotify")),
        "ashby": (
            "/posting-api/job-board/linear",
            {"jobs": _variants(ashby["jobs"], per, "id", "title")},
            SourceQuery(board_token="linear"),
        ),
        "remotive": ("/api/remote-jobs", {"jobs": _variants(remotive["jobs"], per, "id", "title")}, SourceQuery()),
        "arbeitnow": (
            "/api/job-board-api",
            {"data": _variants(arbeitnow["data"], per, "slug", "title"), "links": {"next": None}},
            SourceQuery(),
        ),
        "remoteok": ("/api", remoteok[:1] + _variants(remoteok[1:], per, "id", "position"), SourceQuery()),
    }
    return {name: (path, json.dumps(body).encode(), query) for name, (path, body, query) in feeds.items()}


def serve(routes: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            body = routes.get(self.path.split("?", 1)[0])
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


async def one_run(feeds, base: str) -> dict:
    http = SourceHttp(timeout=30, min_interval=0)
    t0 = time.perf_counter()
    postings = []
    fetch_times = {}
    for name, (_, _, query) in feeds.items():
        adapter = create_adapter(name, http, base_urls={name: base})
        s = time.perf_counter()
        got = await adapter.fetch(query)
        fetch_times[name] = (len(got), time.perf_counter() - s)
        postings.extend(got)
    t1 = time.perf_counter()
    dedup = Deduplicator()
    now = datetime.now(UTC)
    outcomes = Counter(dedup.process(p, now=now).outcome.value for p in postings)
    t2 = time.perf_counter()
    await http.aclose()
    return {
        "postings": len(postings),
        "fetch_normalise": t1 - t0,
        "dedup": t2 - t1,
        "total": t2 - t0,
        "per_source": fetch_times,
        "outcomes": outcomes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="postings in total across the six feeds")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    feeds = build_feeds(args.count)
    httpd, base = serve({path: body for path, body, _ in feeds.values()})
    size = sum(len(body) for _, body, _ in feeds.values())
    print(f"feeds: {len(feeds)} sources, {size / 1e6:.1f} MB of JSON served from {base}")
    results = [asyncio.run(one_run(feeds, base)) for _ in range(args.runs)]
    httpd.shutdown()

    last = results[-1]
    print("\nper source (last run): postings, fetch+parse+normalise seconds, postings/s")
    for name, (n, secs) in last["per_source"].items():
        print(f"  {name:<11} {n:>6}  {secs:7.3f} s  {n / secs:10.0f}/s")
    print(f"\nde-duplication outcomes (last run): {dict(last['outcomes'])}")
    print(f"\n{'run':<5}{'postings':>9}{'fetch+norm s':>14}{'dedup s':>10}{'total s':>10}{'postings/s':>12}")
    for i, r in enumerate(results, 1):
        print(
            f"{i:<5}{r['postings']:>9}{r['fetch_normalise']:>14.3f}{r['dedup']:>10.3f}{r['total']:>10.3f}"
            f"{r['postings'] / r['total']:>12.0f}"
        )
    median = statistics.median(r["postings"] / r["total"] for r in results)
    dedup_rate = statistics.median(r["postings"] / r["dedup"] for r in results)
    print(
        f"\nmedian end-to-end throughput: {median:,.0f} postings/s "
        f"(normalised + de-duplicated); de-duplication alone: {dedup_rate:,.0f} postings/s"
    )


if __name__ == "__main__":
    main()
