"""Job search at 100,000 jobs: the API's search (full text OR trigram typo match, each on its GIN
index) against `ILIKE '%term%'` on title, company and description, both as the jobs page runs
them (the total count and the first 20 rows by score). Prints medians and ratios; asserts nothing.

Uses BENCH_DATABASE_URL (default: the local server) and a scratch database it drops at the end.

    .venv/bin/python bench/bench_search.py [--rows 100000] [--runs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch import scratch_database

# skills (each in ~14% of the generated jobs), a phrase, an alias (postgres → PostgreSQL), a typo, a company
TERMS = ["kubernetes", "platform engineer", "postgres", "Enginer", "terraform", "Company 42"]
TARGET = 20.0


async def timed(read, runs: int) -> tuple[float, int]:
    from api.db import read_session

    times, total = [], 0
    async with read_session() as session:
        await read(session)  # warm the plan and the cache alike for both sides
        for _ in range(runs):
            t0 = time.perf_counter()
            _, total = await read(session)
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), total


async def run(database_url: str, rows: int, runs: int) -> None:
    import asyncpg
    from bench_discovery import seed
    from sqlalchemy import or_, select

    from api import db
    from api.job import repository
    from api.models import Job
    from api.skill.taxonomy import canonical

    conn = await asyncpg.connect(database_url)
    try:
        t0 = time.perf_counter()
        user_id = await seed(conn, rows)
        await conn.execute("VACUUM ANALYZE jobs")  # what autovacuum does after a bulk load (GIN pending lists)
        print(f"seeded {rows:,} jobs of one user in {time.perf_counter() - t0:.1f}s")
    finally:
        await conn.close()

    order = (Job.match_score.desc().nulls_last(), Job.id.desc())
    print(f"\njobs page (count + first 20 by score) over {rows:,} jobs, median of {runs} runs")
    print(f"{'term':<20} {'search ms':>10} {'hits':>7} {'ilike ms':>9} {'hits':>7} {'ilike/search':>13}")
    ratios = []
    for term in TERMS:
        alias = canonical(term)
        filters = repository.JobFilter(text=term, text_alias=alias if alias and alias.lower() != term.lower() else None)
        like = f"%{term}%"
        ilike = select(Job).where(
            Job.user_id == user_id, or_(Job.title.ilike(like), Job.company.ilike(like), Job.description.ilike(like))
        )

        async def search(session, filters=filters):
            return await repository.list_page(session, user_id, filters, 0, 20)

        async def substring(session, ilike=ilike):
            return await db.page(session, ilike, 0, 20, *order)

        search_ms, search_hits = await timed(search, runs)
        ilike_ms, ilike_hits = await timed(substring, runs)
        ratios.append(ilike_ms / search_ms)
        print(f"{term:<20} {search_ms:>10.1f} {search_hits:>7,} {ilike_ms:>9.1f} {ilike_hits:>7,} {ratios[-1]:>12.1f}x")
    median = statistics.median(ratios)
    print(f"\nmedian ratio ILIKE / search: {median:.1f}x (target ≥ {TARGET:.0f}x: {'pass' if median >= TARGET else 'FAIL'})")
    print("(ILIKE finds substrings but not stems, aliases or typos; the search finds stems, the taxonomy's aliases")
    print(" such as postgres → PostgreSQL, and typos like 'Enginer' by trigram word similarity)")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    async with scratch_database() as database_url:
        await run(database_url, args.rows, args.runs)


if __name__ == "__main__":
    asyncio.run(main())
