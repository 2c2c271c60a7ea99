"""The heavy pages over HTTP, like for like: the API against a hand-written server.

Both servers run behind uvicorn in their own process: the real API (`api.app:create_app`, its
start-up included) and `bench/handwritten.py`, which answers the same documents with asyncpg and
no GraphQL and returns byte-identical JSON (checked before timing). The documents are the web
app's own (read from web/src, fragments included), sent as the web app sends queries: GET, with the
browser's If-None-Match once it holds an answer. Requests alternate between the two servers; the
figures are medians over BENCH_RUNS runs, and their ratio, for each page in three cases:

- cold: a write changed the person's data version just before (untimed), so the API executes the
  document in full (plus the one statement reading the versions);
- repeated (304): the same query again with the ETag the browser kept: 304 Not Modified, no body;
- repeated (kept): the same query again without an ETag: the API's kept answer, whole body.
The hand-written server keeps nothing: it answers every request in full.

- the jobs dashboard (the Jobs page's `Jobs` document, 100 per page) at 10, 100 and 1,000 jobs;
- Today's `Today` document (top insights and the first-run checklist: never kept, insights expire);
- the other heavy pages, cold, against the hand-written server: Discover (`Recommendations`), Journey
  (`JourneyPage`), Goals (`Goals`) and Analytics (`Analytics`), over an active person's data
  (`seed_pages`: discovered jobs with listings, tuned weights, an application history, goals with
  steps and a progress log, milestones, decisions, skill snapshots and the worker's analytics);
- cold and repeated p50 of Today's other three documents on the API alone;
- SQL statements per dashboard request at 5 and 500 jobs, cold and repeated, and per heavy page
  request, cold (counted in this process).

Next to each wall-time ratio: the servers' own CPU time per request (from /proc), which a busy
machine disturbs far less than wall time; informative, the targets are on wall time.

Figures go to .bench/results.json for bench/summary.py. Uses BENCH_DATABASE_URL / BENCH_REDIS_URL
(default: the local servers) and its own scratch database. BENCH_PAGES=Journey (labels of PAGES, comma
separated) times only those heavy pages (same data) and skips the dashboard and Today, to iterate on one page.
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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

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
# The other heavy pages: their documents with the variables the pages send, against the hand-written server.
PAGES = [
    ("Discover", "Recommendations", {"first": 20}),
    ("Journey", "JourneyPage", {}),
    ("Goals", "Goals", {"first": 100, "filter": None}),
    ("Analytics", "Analytics", {}),
]
ONLY = [label for label in os.environ.get("BENCH_PAGES", "").split(",") if label]
if unknown := set(ONLY) - {label for label, _, _ in PAGES}:
    raise SystemExit(f"BENCH_PAGES: unknown page(s) {', '.join(sorted(unknown))}")
PAGES = [page for page in PAGES if not ONLY or page[0] in ONLY]
# Today's other three documents, timed on the API only.
OTHER_PAGES = [
    ("Today: goals", "Goals", {"first": 100, "filter": {"statuses": ["ACTIVE", "PAUSED"]}}),
    ("Today: strong jobs", "Jobs", {"first": 5, "filter": {"minScore": 75}, "orderBy": "NEWEST"}),
    ("Today: schedule", "TodaySchedule", {"first": 5}),
]
SKILLS = ["Python", "PostgreSQL", "Kubernetes", "React", "TypeScript", "Go", "AWS", "Docker", "Kafka", "Terraform"]
REQUIREMENTS = "Python and PostgreSQL, 3+ years. Kubernetes is a plus."
RATED = [*SKILLS[:6], "System design", "Code review"]  # the skills of the seeded snapshots
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


def demand(skill: str, share: float, months_ago: int) -> dict:
    """A skill's market demand note as a snapshot stores it (computed from the postings)."""
    from api.journey.demand import MarketDemand
    from api.journey.records import to_jsonable

    as_of = datetime.now(UTC) - timedelta(days=30 * months_ago)
    note = MarketDemand(skill, 30, as_of, 600, 540, True, round(600 * share), 70, share, 12.5, "up", False, f"{skill} is rising.")
    return to_jsonable(note)


async def seed_pages(conn, user_id: int) -> None:
    """What the other heavy pages show for an active person, on top of the 1,000 jobs: discovered jobs
    with their listings, tuned weights, an application history, goals with steps and a progress log,
    and career memory (milestones, decisions, skill snapshots) with the worker's analytics computed."""
    now = datetime.now(UTC)
    rng = random.Random(13)
    postings = await conn.fetch(  # 60 postings, two listings each; every other recommendation was discovered
        "INSERT INTO postings (source, fuzzy_key, company, title, posted_at) "
        "SELECT 'bench', 'pages' || $1::bigint || '-' || i, 'Company ' || i, 'Engineer', now() - i * interval '1 day' "
        "FROM generate_series(1, 60) AS i RETURNING id",
        user_id,
    )
    ids = [p["id"] for p in postings]
    await conn.executemany(
        "INSERT INTO posting_sources (posting_id, source, source_id, board, url) VALUES ($1, $2, $3, 'bench', $4)",
        [(i, source, f"{source}-{i}", f"https://{source}.example.com/{i}") for i in ids for source in ("greenhouse", "lever")],
    )
    await conn.execute(
        "WITH ranked AS (SELECT j.id, row_number() OVER (ORDER BY s.score DESC NULLS LAST, j.id DESC) AS n "
        "  FROM jobs AS j LEFT JOIN job_scores AS s ON s.job_id = j.id "
        "  WHERE j.user_id = $1 AND NOT EXISTS (SELECT 1 FROM applications AS a WHERE a.job_id = j.id)) "
        "UPDATE jobs SET posting_id = ($2::bigint[])[ranked.n / 2], origin = 'discovered', is_repost = ranked.n % 7 = 0 "
        "FROM ranked WHERE jobs.id = ranked.id AND ranked.n % 2 = 0 AND ranked.n <= 120",
        user_id,
        ids,
    )
    await conn.execute("UPDATE jobs SET closed_at = now() WHERE user_id = $1 AND id % 50 = 3", user_id)
    await conn.execute("UPDATE jobs SET origin = 'imported' WHERE user_id = $1 AND id % 9 = 0", user_id)  # applied ones
    await conn.execute(
        "INSERT INTO match_weights (user_id, skills, location, experience, reason) "
        "VALUES ($1, 0.55, 0.25, 0.2, 'You liked jobs for their skills more than their place.')",
        user_id,
    )
    # the applications (every third job): a mix of outcomes, dated over 20 weeks, each with its history
    stages = ["applied", "applied", "applied", "interview", "interview", "offer", "accepted", "rejected", "rejected", "declined"]
    applications = await conn.fetch("SELECT id FROM applications WHERE user_id = $1 ORDER BY id", user_id)
    history, updates = [], []
    for n, a in enumerate(applications):
        status, created = stages[n % len(stages)], now - timedelta(days=rng.randint(2, 140), hours=rng.randint(0, 23))
        applied = created + timedelta(days=1)
        reached = {"interview": 1, "offer": 2, "accepted": 3, "declined": 2}.get(
            status, 1 if status == "rejected" and n % 3 else 0
        )
        interview = applied + timedelta(days=rng.randint(3, 20)) if reached >= 1 else None
        offer = interview + timedelta(days=rng.randint(5, 15)) if reached >= 2 and interview else None
        decided = (offer or interview or applied) + timedelta(days=4) if status in ("accepted", "rejected", "declined") else None
        updates.append((a["id"], status, created, applied, interview, offer, decided))
        trail = [("interested", created), ("applied", applied), ("interview", interview), ("offer", offer), (status, decided)]
        previous = None
        for to_status, at in trail:
            if at is not None and to_status != previous:
                history.append((a["id"], previous, to_status, at))
                previous = to_status
    await conn.executemany(
        "UPDATE applications SET status = $2, created_at = $3, applied_at = $4, interview_at = $5, offer_at = $6, decided_at = $7 "
        "WHERE id = $1",
        updates,
    )
    await conn.executemany(
        "INSERT INTO application_status_changes (application_id, from_status, to_status, changed_at) VALUES ($1, $2, $3, $4)",
        history,
    )
    # goals: 14, of every status, five steps each and a progress log over the last 90 days
    statuses = ["active"] * 6 + ["paused"] * 2 + ["completed"] * 4 + ["abandoned"] * 2
    formats = ["video", "reading", "hands_on", "courses", "mentoring"]
    goal_ids = []
    for i, status in enumerate(statuses):
        started = (now - timedelta(days=20 + 9 * i)).date()
        goal_ids.append(
            await conn.fetchval(
                "INSERT INTO goals (user_id, title, why, target_date, status, difficulty, learning_format, progress, started_on, "
                "completed_on, abandoned_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                user_id,
                f"Learn {SKILLS[i % len(SKILLS)]} well enough for a senior role ({i})",
                "It appears in a third of the postings I am interested in.",
                started + timedelta(weeks=8),
                status,
                ["easy", "medium", "hard", "stretch"][i % 4],
                formats[i % len(formats)],
                100 if status == "completed" else (i * 13) % 100,
                started,
                started + timedelta(weeks=6) if status == "completed" else None,
                started + timedelta(weeks=3) if status == "abandoned" else None,
                now - timedelta(days=20 + 9 * i),
            )
        )
    await conn.executemany(
        "INSERT INTO goal_steps (user_id, goal_id, position, title, done, done_at) VALUES ($1, $2, $3, $4, $5, $6)",
        [
            (
                user_id,
                goal_id,
                p,
                f"Step {p + 1}: read, build, then explain it",
                p < i % 6,
                now - timedelta(days=p) if p < i % 6 else None,
            )
            for i, goal_id in enumerate(goal_ids)
            for p in range(5)
        ],
    )
    await conn.executemany(
        "INSERT INTO goal_progress_entries (user_id, goal_id, logged_at, amount, minutes, learning_format, note, mood, energy) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        [
            (
                user_id,
                goal_ids[n % len(goal_ids)],
                (now - timedelta(days=rng.randint(1, 90))).replace(
                    hour=rng.choice([19, 20, 20, 21, 7]), minute=rng.randint(0, 59)
                ),
                rng.randint(1, 10),
                rng.choice([15, 30, 45, 60, 90]),
                rng.choice(formats),
                rng.choice(["Worked through the chapter on indexes.", "Too tired after work, short session.", "Built the demo."]),
                rng.randint(1, 5),
                rng.randint(1, 5),
            )
            for n in range(420)
        ],
    )
    # career memory: the journey, 16 milestones, 24 decisions (some setting goals, most with an outcome), 12 snapshots
    await conn.execute(
        'INSERT INTO career_journeys (user_id, "current_role", current_company, career_stage, target_role, role_started_on) '
        "VALUES ($1, 'Senior Software Engineer', 'Company 1', 'senior', 'Staff Engineer', $2)",
        user_id,
        (now - timedelta(days=500)).date(),
    )
    kinds = ["promotion", "certification", "skill_mastery", "project_completion", "new_role", "other"]
    await conn.executemany(
        "INSERT INTO milestones (user_id, kind, title, description, impact_score, market_value_note, role, achieved_on) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        [
            (
                user_id,
                kinds[i % len(kinds)],
                f"Milestone {i}",
                "Led the migration of the billing service to PostgreSQL 16.",
                1 + i % 10,
                "Raises the market value for platform roles.",
                "Senior Software Engineer" if kinds[i % len(kinds)] in ("promotion", "new_role") else None,
                (now - timedelta(days=45 * i + 3)).date(),
            )
            for i in range(16)
        ],
    )
    await conn.executemany(
        "INSERT INTO decisions (user_id, kind, context, choice, decided_at, outcome, lessons, satisfaction, outcome_at, goal_id) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        [
            (
                user_id,
                ["goal_set", "goal_pivot", "role_change", "skill_focus", "job_offer", "other"][i % 6],
                "Two offers on the table and a team I like.",
                "Stay and lead the platform team.",
                now - timedelta(days=20 * i + 1),
                "It worked out: promoted within the year." if i % 3 else None,
                "Ask for the scope in writing." if i % 3 else None,
                1 + i % 10 if i % 3 else None,
                now - timedelta(days=20 * i) if i % 3 else None,
                goal_ids[i % len(goal_ids)] if i % 2 == 0 else None,
            )
            for i in range(24)
        ],
    )
    await conn.executemany(
        "INSERT INTO skill_snapshots (user_id, taken_on, skills, notes) VALUES ($1, $2, $3, $4)",
        [
            (
                user_id,
                (now - timedelta(days=30 * i)).date(),
                json.dumps({skill: round(min(1.0, 0.3 + 0.05 * (12 - i) + 0.03 * k), 2) for k, skill in enumerate(RATED)}),
                json.dumps(
                    {
                        skill: {"market_demand": demand(skill, 0.12 + 0.02 * k, i) if k % 2 else 0.4, "gap": 0.1 * (k % 3)}
                        for k, skill in enumerate(RATED)
                    }
                ),
            )
            for i in range(12)
        ],
    )
    from api.db import unit_of_work
    from api.journey import service  # the worker's recompute: patterns, velocity and prediction into the journey row

    async with unit_of_work() as session:
        await service.recompute(session, user_id)


BUMP = "UPDATE users SET timezone = timezone WHERE id = $1"  # a write: the person's data version changes


@dataclass
class Figures:
    """Medians (ms) of one document: the API cold (its data version changed just before: executed),
    repeated (the browser's If-None-Match: 304), repeated without the ETag (the API's kept answer),
    and the hand-written server (which keeps nothing)."""

    cold: float
    not_modified: float
    kept: float
    hand: float
    cacheable: bool


class Timer:
    """Median wall time of one document on each server, sent as the web app sends a query (GET, the
    browser adding If-None-Match when it holds an answer), and the response."""

    def __init__(self, client, token: str, bump):
        self.client, self.headers, self.bump = client, {"authorization": f"Bearer {token}", "accept": "application/json"}, bump
        self.cpu = (0.0, 0.0)  # CPU ms per request of the last comparison: API cold, hand-written

    async def get(self, url: str, name: str, variables: dict, etag: str | None = None) -> tuple[float, httpx.Response]:
        params = {"query": document(name), "operationName": name, "variables": json.dumps(variables)}
        headers = {**self.headers, **({"if-none-match": etag} if etag else {})}
        started = time.perf_counter()
        response = await self.client.get(f"{url}/graphql", params=params, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code in (200, 304), response.text
        return elapsed, response

    async def cold(self, api: str, name: str, variables: dict) -> tuple[float, httpx.Response]:
        await self.bump()  # untimed: a write of the person's data since the last request
        return await self.get(api, name, variables)

    async def compare(self, api: str, hand: str, name: str, variables: dict) -> Figures:
        """Interleaved, after checking the bodies are byte-identical."""
        for _ in range(WARMUP):
            _, ours = await self.cold(api, name, variables)
            _, theirs = await self.get(hand, name, variables)
        assert b'"errors"' not in ours.content, ours.content[:500]
        if ours.content != theirs.content:
            raise AssertionError(f"{name}: the bodies differ\nAPI:  {ours.content[:600]!r}\nhand: {theirs.content[:600]!r}")
        etag = ours.headers.get("etag")
        cold, not_modified, kept, sql = [], [], [], []
        cpu = {api: 0.0, hand: 0.0}

        async def api_side() -> None:
            before = cpu_seconds(api)
            elapsed, response = await self.cold(api, name, variables)
            cpu[api] += cpu_seconds(api) - before
            cold.append(elapsed)
            elapsed, repeated = await self.get(api, name, variables, response.headers.get("etag"))
            assert repeated.status_code == (304 if etag else 200)
            not_modified.append(elapsed)
            elapsed, again = await self.get(api, name, variables)
            assert again.content == response.content
            kept.append(elapsed)

        async def hand_side() -> None:
            before = cpu_seconds(hand)
            sql.append((await self.get(hand, name, variables))[0])
            cpu[hand] += cpu_seconds(hand) - before

        for run in range(RUNS):
            for side in (api_side, hand_side) if run % 2 == 0 else (hand_side, api_side):
                await side()
        self.cpu = (cpu[api] * 1000 / RUNS, cpu[hand] * 1000 / RUNS)
        median = statistics.median
        return Figures(median(cold), median(not_modified), median(kept), median(sql), etag is not None)

    def cpu_line(self) -> str:
        ours, theirs = self.cpu
        return f"{ours:>9.2f} {theirs:>6.2f} {ours / theirs if theirs else float('nan'):>5.2f}x"

    async def p50(self, url: str, name: str, variables: dict) -> tuple[float, float, bool]:
        """(cold, repeated) medians on the API alone, and whether the answer is kept."""
        for _ in range(WARMUP):
            _, response = await self.cold(url, name, variables)
        assert b'"errors"' not in response.content, response.content[:500]
        cold, repeated = [], []
        for _ in range(RUNS):
            elapsed, response = await self.cold(url, name, variables)
            cold.append(elapsed)
            repeated.append((await self.get(url, name, variables, response.headers.get("etag")))[0])
        return statistics.median(cold), statistics.median(repeated), "etag" in response.headers


async def main() -> None:
    async with scratch_database() as database_url:
        await run(database_url)
        await statements_per_request(database_url)


async def run(database_url: str) -> None:
    import asyncpg

    from tests.support.graphql import signed_up

    api_port, hand_port = free_port(), free_port()
    uvicorn = ["-m", "uvicorn", "api.app:create_app", "--factory", "--port", str(api_port), "--log-level", "warning"]
    async with (
        server(uvicorn, api_port) as api,
        server(["bench/handwritten.py", str(hand_port)], hand_port) as hand,
        httpx.AsyncClient(base_url=api, timeout=60) as client,
    ):
        user = await signed_up(client)
        conn = await asyncpg.connect(database_url)
        user_id = await conn.fetchval("SELECT id FROM users WHERE username = $1", user.username)

        async def bump() -> None:
            await conn.execute(BUMP, user_id)

        timer = Timer(client, user.token, bump)
        print(f"like for like over HTTP, GET as the web app sends queries (medians of {RUNS} interleaved runs)")
        print("  cold: the person's data changed just before (a write bumped the data version): executed in full")
        print("  304: the same query again with the browser's If-None-Match: answered 304 Not Modified")
        print("  kept: the same query again without an ETag: the API's kept answer (200, whole body)")
        print(
            f"{'page':<22} {'API cold':>9} {'ratio':>6} {'304':>8} {'ratio':>6} {'kept':>8} {'ratio':>6} "
            f"{'hand-written':>13}   {'CPU ms cold: API':>9} {'hand':>6} {'ratio':>6}"
        )

        def line(label: str, f: Figures) -> str:
            if not f.cacheable:
                return (
                    f"{label:<22} {f.cold:>7.2f}ms {f.cold / f.hand:>5.2f}x {'not kept (clock-dependent)':>33} "
                    f"{f.hand:>11.2f}ms   {timer.cpu_line()}"
                )
            return (
                f"{label:<22} {f.cold:>7.2f}ms {f.cold / f.hand:>5.2f}x {f.not_modified:>6.2f}ms {f.not_modified / f.hand:>5.2f}x "
                f"{f.kept:>6.2f}ms {f.kept / f.hand:>5.2f}x {f.hand:>11.2f}ms   {timer.cpu_line()}"
            )

        for count in (10, 100, 1000):
            await seed_jobs(conn, user_id, count)
            if ONLY:
                continue
            f = await timer.compare(api, hand, "Jobs", JOBS)
            print(line(f"dashboard, {count} jobs", f))
            record(
                f"dashboard {count} jobs, cold (data changed): API / hand-written", f.cold / f.hand, DASHBOARD_TARGET, unit="x"
            )
            record(
                f"dashboard {count} jobs, repeated (304): API / hand-written", f.not_modified / f.hand, DASHBOARD_TARGET, unit="x"
            )
            record(f"dashboard {count} jobs, repeated (kept): API / hand-written", f.kept / f.hand, DASHBOARD_TARGET, unit="x")
        if not ONLY:
            await seed_insights(conn, user_id)
            f = await timer.compare(api, hand, "Today", TODAY)
            print(line("Today", f))
            record("Today, cold (data changed): API / hand-written", f.cold / f.hand, PAGE_TARGET, unit="x")
        await seed_pages(conn, user_id)
        for label, name, variables in PAGES:
            f = await timer.compare(api, hand, name, variables)
            print(line(label, f))
            record(f"{label}, cold (data changed): API / hand-written", f.cold / f.hand, PAGE_TARGET, unit="x")
        if ONLY:
            await conn.close()
            return
        print("\nToday's other documents on the API (1,000 jobs)")
        print(f"{'page':<22} {'cold':>9} {'repeated':>9}")
        for label, name, variables in OTHER_PAGES:
            cold, repeated, kept = await timer.p50(api, name, variables)
            print(f"{label:<22} {cold:>7.2f}ms " + (f"{repeated:>7.2f}ms (304)" if kept else "  not kept (clock-dependent)"))
        await conn.close()


async def statements_per_request(database_url: str) -> None:
    """SQL statements per dashboard and heavy page request, counted on the engine of an API in this process."""
    import asyncpg
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
        # what runs straight from the driver (the data versions, the dashboard's page), past the engine's events
        db.driver_listeners.append(lambda statement, parameters: statements.append(statement))
        for count in (5, 500):
            await seed_jobs(conn, user_id, count)
            if ONLY:
                continue
            statements.clear()
            await user.gql(document("Jobs"), JOBS)
            cold = len(statements)
            statements.clear()
            await user.gql(document("Jobs"), JOBS)
            print(f"SQL statements per dashboard request at {count} jobs: {cold} cold, {len(statements)} repeated")
        await seed_pages(conn, user_id)
        for label, name, variables in PAGES:
            await conn.execute(BUMP, user_id)
            statements.clear()
            await user.gql(document(name), variables)
            print(f"SQL statements per {label} request (cold): {len(statements)}")
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
