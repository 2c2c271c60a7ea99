"""Jobs dashboard latency vs hand-written SQL, and SQL statements per request.

Prints p50/p95 of the dashboard GraphQL query (over real HTTP, through the full stack) at
10, 100 and 1000 jobs, next to the same rows fetched by one hand-written asyncpg query,
and the ratio; then statements per request at N=5 and N=500. Figures only: no assertions.

Uses BENCH_DATABASE_URL / BENCH_REDIS_URL (default: the local servers) and its own database.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scratch import scratch_database

DASHBOARD = """
query Dashboard($first: Int!, $after: String) {
  jobs(first: $first, after: $after, orderBy: SCORE) {
    pageInfo { hasNextPage endCursor }
    edges { node { id company title location matchScore techStack applications { id status appliedAt } } }
  }
}
"""
HAND_SQL = """
SELECT j.id, j.company, j.title, j.location, j.match_score, j.tech_stack, a.id, a.status, a.applied_at
FROM jobs j LEFT JOIN applications a ON a.job_id = j.id
WHERE j.user_id = $1 ORDER BY j.match_score DESC NULLS LAST, j.id DESC
"""
RUNS = int(os.environ.get("BENCH_RUNS", "30"))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def main() -> None:
    async with scratch_database() as database_url:
        await run(database_url)


async def seed(conn, user_id: int, count: int) -> None:
    await conn.execute("DELETE FROM jobs WHERE user_id = $1", user_id)
    rows = [(user_id, f"Company {i}", f"Engineer {i}", "Berlin", (i * 37) % 101, ["Python", "PostgreSQL"]) for i in range(count)]
    await conn.executemany(
        "INSERT INTO jobs (user_id, company, title, location, match_score, tech_stack) VALUES ($1, $2, $3, $4, $5, $6)",
        rows,
    )
    await conn.execute(
        "INSERT INTO applications (user_id, job_id, status) SELECT user_id, id, 'applied' FROM jobs WHERE user_id = $1 AND id % 3 = 0",
        user_id,
    )


async def run(database_url: str) -> None:
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
        print(f"{'jobs':>6} {'graphql p50':>12} {'p95':>8} {'sql p50':>9} {'p95':>8} {'ratio p50':>10}")
        for count in (10, 100, 1000):
            await seed(conn, user_id, count)
            graph, sql = [], []
            for _ in range(RUNS):
                started = time.perf_counter()
                after, fetched = None, 0
                while True:  # the dashboard pages through everything, 100 at a time
                    data = await user.gql(DASHBOARD, {"first": 100, "after": after})
                    fetched += len(data["jobs"]["edges"])
                    if not data["jobs"]["pageInfo"]["hasNextPage"]:
                        break
                    after = data["jobs"]["pageInfo"]["endCursor"]
                graph.append((time.perf_counter() - started) * 1000)
                assert fetched == count
                started = time.perf_counter()
                await conn.fetch(HAND_SQL, user_id)
                sql.append((time.perf_counter() - started) * 1000)
            g50, g95, s50, s95 = (
                percentile(graph, 0.5),
                percentile(graph, 0.95),
                percentile(sql, 0.5),
                percentile(sql, 0.95),
            )
            print(f"{count:>6} {g50:>10.1f}ms {g95:>6.1f}ms {s50:>7.2f}ms {s95:>6.2f}ms {g50 / s50:>9.1f}x")

        statements: list[str] = []
        event.listen(db.get_engine().sync_engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        await seed(conn, user_id, 500)
        for n in (5, 500):
            statements.clear()
            first, after, pages = min(n, 100), None, 0
            while pages * 100 < n:
                data = await user.gql(DASHBOARD, {"first": first, "after": after})
                after, pages = data["jobs"]["pageInfo"]["endCursor"], pages + 1
            print(
                f"SQL statements for {n} jobs with applications: {len(statements)} over {pages} request(s), "
                f"{len(statements) / pages:.1f} per request"
            )
        await conn.close()
        print(f"(p50/p95 over {RUNS} runs each)")


if __name__ == "__main__":
    asyncio.run(main())
