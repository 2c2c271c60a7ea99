"""The heavy pages over HTTP, like for like: the API against a hand-written server.

Both servers run behind uvicorn in their own process: the real API (`api.app:create_app`, its
start-up included) and `bench/handwritten.py`, which answers the same documents with asyncpg and
no GraphQL and returns byte-identical JSON (checked before timing). The documents are the web
app's own (read from web/src, fragments included). Requests alternate between the two servers;
the figures are medians over BENCH_RUNS runs, and their ratio:

- the jobs dashboard (the Jobs page's `Jobs` document, 100 per page) at 10, 100 and 1,000 jobs;
- Today's `Today` document (top insights and the first-run checklist);
- p50 of the other heavy pages' documents (Today's other three, Discover, Journey, Goals, Analytics);
- SQL statements per dashboard request at 5 and 500 jobs (the API in this process, counted).

Next to each wall-time ratio: the servers' own CPU time per request (from /proc), which a busy
machine disturbs far less than wall time; informative, the targets are on wall time.

Figures go to .bench/results.json for bench/summary.py. Uses BENCH_DATABASE_URL / BENCH_REDIS_URL
(default: the local servers) and its own scratch database.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from documents import document
from results import record
from scratch import scratch_database

ROOT = Path(__file__).resolve().parent.parent

RUNS = int(os.environ.get("BENCH_RUNS", "60"))
WARMUP = 15
DASHBOARD_TARGET, PAGE_TARGET = 3.0, 4.0
JOBS = {"first": 100, "orderBy": "SCORE", "filter": {"text": None, "minScore": None}}
TODAY = {"limit": 5}
# The other heavy pages: their documents with the variables the pages send, timed on the API only.
OTHER_PAGES = [
    ("Today: goals", "Goals", {"first": 100, "filter": {"statuses": ["ACTIVE", "PAUSED"]}}),
    ("Today: strong jobs", "Jobs", {"first": 5, "filter": {"minScore": 75}, "orderBy": "NEWEST"}),
    ("Today: schedule", "TodaySchedule", {"first": 5}),
    ("Discover", "Recommendations", {"first": 20}),
    ("Journey", "JourneyPage", {}),
    ("Goals", "Goals", {"first": 100, "filter": None}),
    ("Analytics", "Analytics", {}),
]
SKILLS = ["Python", "PostgreSQL", "Kubernetes", "React", "TypeScript", "Go", "AWS", "Docker", "Kafka", "Terraform"]
REQUIREMENTS = "Python and PostgreSQL, 3+ years. Kubernetes is a plus."
TEXT = "We build calm software for people looking for their next job. " * 12


PIDS: dict[str, int] = {}  # server URL → process id


def cpu_seconds(url: str) -> float:
    """User + system CPU time the server process has used so far."""
    fields = Path(f"/proc/{PIDS[url]}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def server(args: list[str], port: int) -> AsyncIterator[str]:
    """A server process on `port`, stopped afterwards; yields its URL once it accepts connections."""
    process = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{args} exited with {process.returncode}")
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{args} did not start")
            await asyncio.sleep(0.1)
        PIDS[f"http://127.0.0.1:{port}"] = process.pid
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def scored() -> tuple[str, str]:
    """A real stored breakdown and parse (JSON) of the seeded jobs, from the worker's own scorer."""
    from api.matching.score import MatchProfile, Weights
    from api.matching.scoring import Scorer
    from api.models import Job
    from api.skill.taxonomy import default_taxonomy

    job = Job(title="Senior Engineer", company="Company", location="Berlin", remote_option="hybrid", description=TEXT)
    job.requirements, job.tech_stack, job.parsed_requirements, job.parsed_requirements_key = REQUIREMENTS, SKILLS[:4], None, None
    scorer = Scorer(MatchProfile(skills=SKILLS[:6], preferred_locations=["Berlin"]), Weights(), default_taxonomy())
    breakdown = scorer.score_and_cache(job)
    return breakdown.to_json(), json.dumps(job.parsed_requirements)


async def seed_jobs(conn, user_id: int, count: int) -> None:
    rng = random.Random(count)
    await conn.execute("DELETE FROM jobs WHERE user_id = $1", user_id)
    now = datetime.now(UTC)
    breakdown, parsed = scored()
    rows = [
        (
            user_id,
            f"Company {i}",
            f"Senior Engineer {i}",
            "Berlin",
            TEXT,
            REQUIREMENTS,
            60000 + i,
            90000 + i,
            "EUR",
            "full_time",
            rng.choice(["remote", "hybrid", "onsite"]),
            rng.sample(SKILLS, 4),
            f"https://jobs.example.com/{i}",
            (i * 37) % 101,
            now - timedelta(minutes=i),
            breakdown,
            parsed,
        )
        for i in range(count)
    ]
    await conn.executemany(
        "INSERT INTO jobs (user_id, company, title, location, description, requirements, salary_min, salary_max, "
        "salary_currency, job_type, remote_option, tech_stack, source_url, parsed_requirements) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        [(*row[:13], row[16]) for row in rows],
    )
    await conn.executemany(  # the scores of the jobs just made, found by their source_url
        "INSERT INTO job_scores (job_id, user_id, score, scored_at, breakdown) "
        "SELECT id, user_id, $3, $4, $5 FROM jobs WHERE user_id = $1 AND source_url = $2",
        [(row[0], row[12], row[13], row[14], row[15]) for row in rows],
    )
    await conn.execute(
        "INSERT INTO applications (user_id, job_id, status) SELECT user_id, id, 'applied' FROM jobs WHERE user_id = $1 AND id % 3 = 0",
        user_id,
    )


async def seed_insights(conn, user_id: int, count: int = 12) -> None:
    rules = [r["id"] for r in await conn.fetch("SELECT id FROM guidance_rules ORDER BY id LIMIT 3")] or [None]
    for i in range(count):
        await conn.execute(
            "INSERT INTO career_insights (user_id, rule_id, kind, priority, title, message, evidence, actions, dedupe_key) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            user_id,
            rules[i % len(rules)],
            ["opportunity", "warning", "market_nudge"][i % 3],
            ["low", "medium", "high", "urgent"][i % 4],
            f"Insight {i}",
            "Kubernetes appears in 31 of 120 postings this month (+41%).",
            json.dumps([{"label": "Kubernetes", "value": "31 of 120 postings"}, {"label": "Change", "value": "+41%"}]),
            json.dumps([{"label": "See the market", "kind": "open", "arguments": {"href": "/market"}}]),
            f"bench-{i}",
        )


class Timer:
    """Median wall time of POSTing one document to a server, and its response body."""

    def __init__(self, client, token: str):
        self.client, self.headers = client, {"authorization": f"Bearer {token}"}
        self.cpu = (0.0, 0.0)  # CPU ms per request of the last comparison: API, hand-written

    async def post(self, url: str, name: str, variables: dict) -> tuple[float, bytes]:
        body = {"query": document(name), "operationName": name, "variables": variables}
        started = time.perf_counter()
        response = await self.client.post(f"{url}/graphql", json=body, headers=self.headers)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.text
        return elapsed, response.content

    async def compare(self, api: str, hand: str, name: str, variables: dict) -> tuple[float, float]:
        """(API p50, hand-written p50) in ms, interleaved, after checking the bodies are byte-identical."""
        for _ in range(WARMUP):
            _, ours = await self.post(api, name, variables)
            _, theirs = await self.post(hand, name, variables)
        assert b'"errors"' not in ours, ours[:500]
        if ours != theirs:
            raise AssertionError(f"{name}: the bodies differ\nAPI:  {ours[:600]!r}\nhand: {theirs[:600]!r}")
        graph, sql = [], []
        cpu = {api: 0.0, hand: 0.0}
        for run in range(RUNS):
            first, second = ((api, graph), (hand, sql)) if run % 2 == 0 else ((hand, sql), (api, graph))
            for url, times in (first, second):
                before = cpu_seconds(url)
                times.append((await self.post(url, name, variables))[0])
                cpu[url] += cpu_seconds(url) - before
        self.cpu = (cpu[api] * 1000 / RUNS, cpu[hand] * 1000 / RUNS)
        return statistics.median(graph), statistics.median(sql)

    def cpu_line(self) -> str:
        ours, theirs = self.cpu
        return f"{ours:>20.2f} {theirs:>6.2f} {ours / theirs if theirs else float('nan'):>5.2f}x"

    async def p50(self, url: str, name: str, variables: dict) -> float:
        for _ in range(WARMUP):
            _, body = await self.post(url, name, variables)
        assert b'"errors"' not in body, body[:500]
        return statistics.median([(await self.post(url, name, variables))[0] for _ in range(RUNS)])


async def main() -> None:
    async with scratch_database() as database_url:
        await run(database_url)
        await statements_per_request(database_url)


async def run(database_url: str) -> None:
    import asyncpg
    import httpx

    from tests.support.graphql import signed_up

    api_port, hand_port = free_port(), free_port()
    uvicorn = ["-m", "uvicorn", "api.app:create_app", "--factory", "--port", str(api_port), "--log-level", "warning"]
    async with (
        server(uvicorn, api_port) as api,
        server(["bench/handwritten.py", str(hand_port)], hand_port) as hand,
        httpx.AsyncClient(base_url=api, timeout=60) as client,
    ):
        user = await signed_up(client)
        timer = Timer(client, user.token)
        conn = await asyncpg.connect(database_url)
        user_id = await conn.fetchval("SELECT id FROM users WHERE username = $1", user.username)
        print(f"like for like over HTTP (medians of {RUNS} interleaved runs)")
        print(
            f"{'page':<22} {'API p50':>9} {'hand-written p50':>17} {'ratio':>7}   {'CPU ms/request: API':>20} {'hand':>6} {'ratio':>6}"
        )
        for count in (10, 100, 1000):
            await seed_jobs(conn, user_id, count)
            graph, sql = await timer.compare(api, hand, "Jobs", JOBS)
            print(f"{f'dashboard, {count} jobs':<22} {graph:>7.2f}ms {sql:>15.2f}ms {graph / sql:>6.2f}x   {timer.cpu_line()}")
            record(f"dashboard {count} jobs: API / hand-written", graph / sql, DASHBOARD_TARGET, unit="x")
        await seed_insights(conn, user_id)
        graph, sql = await timer.compare(api, hand, "Today", TODAY)
        print(f"{'Today':<22} {graph:>7.2f}ms {sql:>15.2f}ms {graph / sql:>6.2f}x   {timer.cpu_line()}")
        record("Today: API / hand-written", graph / sql, PAGE_TARGET, unit="x")
        print("\nthe other heavy pages' documents on the API (1,000 jobs)")
        for label, name, variables in OTHER_PAGES:
            print(f"{label:<22} {await timer.p50(api, name, variables):>7.2f}ms")
        await conn.close()


async def statements_per_request(database_url: str) -> None:
    """SQL statements per dashboard request, counted on the engine of an API in this process."""
    import asyncpg
    import httpx
    from sqlalchemy import event

    from api import db
    from api.app import create_app
    from api.config import get_settings
    from tests.support.graphql import signed_up
    from tests.support.running import running_server

    get_settings.cache_clear()
    async with running_server(create_app()) as url, httpx.AsyncClient(base_url=url, timeout=60) as client:
        user = await signed_up(client)
        conn = await asyncpg.connect(database_url)
        user_id = await conn.fetchval("SELECT id FROM users WHERE username = $1", user.username)
        statements: list[str] = []
        event.listen(db.get_engine().sync_engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        for count in (5, 500):
            await seed_jobs(conn, user_id, count)
            statements.clear()
            await user.gql(document("Jobs"), JOBS)
            print(f"SQL statements per dashboard request at {count} jobs: {len(statements)}")
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
