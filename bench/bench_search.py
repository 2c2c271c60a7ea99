"""Job search at 100,000 jobs: the API's search (full text, or trigram typo match when that finds
nothing, each on its GIN index) against `ILIKE '%term%'` on title, company and description, both
as the jobs page runs them: the first 20 rows by score and the total, counted the same way on both
sides (exactly up to 1,000 matches, beyond that "more than 1,000": a LIMIT 1,001 subquery; the API
then asks the planner for an estimate, which costs it an EXPLAIN the ILIKE side does not pay).
Most jobs are scored, as after the worker has run. The two sides run interleaved; medians and
ratios are printed and recorded (bench/results.py); nothing is asserted.

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

from results import record
from scratch import scratch_database

# skills (each in ~14% of the generated jobs), a phrase, an alias (postgres → PostgreSQL), a typo, a company
TERMS = ["kubernetes", "platform engineer", "postgres", "Enginer", "terraform", "Company 42"]
TARGET = 20.0
PAGE = 20


async def interleaved(reads: list, runs: int) -> list[tuple[float, str]]:
    """Median ms of each read and what it answered, the reads taking turns run after run."""
    from api.db import read_session

    times: list[list[float]] = [[] for _ in reads]
    answers = [""] * len(reads)
    async with read_session() as session:
        for read in reads:
            await read(session)  # warm the plan and the cache alike for every side
        for _ in range(runs):
            for i, read in enumerate(reads):
                t0 = time.perf_counter()
                answers[i] = await read(session)
                times[i].append((time.perf_counter() - t0) * 1000)
    return [(statistics.median(t), answer) for t, answer in zip(times, answers, strict=True)]


async def run(database_url: str, rows: int, runs: int) -> None:
    import asyncpg
    from bench_discovery import seed

    conn = await asyncpg.connect(database_url)
    try:
        t0 = time.perf_counter()
        user_id = await seed(conn, rows)
        # scored as the worker leaves them: 0..100 spread over the jobs, one in ten not scored yet
        await conn.execute(
            "INSERT INTO job_scores (job_id, user_id, score, scored_at) "
            "SELECT id, user_id, (id * 37) % 101, now() FROM jobs WHERE id % 10 <> 0 ON CONFLICT (job_id) DO NOTHING"
        )
        await conn.execute("VACUUM ANALYZE jobs")
        await conn.execute("VACUUM ANALYZE job_scores")  # what autovacuum does after a bulk load (GIN pending lists)
        print(f"seeded {rows:,} jobs of one user in {time.perf_counter() - t0:.1f}s")
    finally:
        await conn.close()
    await measure(user_id, rows, runs)


async def measure(user_id: int, rows: int, runs: int) -> None:
    from sqlalchemy import func, or_, select

    from api.job import repository
    from api.models import Job
    from api.skill.taxonomy import canonical

    cap = repository.COUNT_CAP
    order = (Job.match_score.desc().nulls_last(), Job.id.desc())  # the score read from job_scores
    print(
        f"\njobs page (first {PAGE} by score + total, exact up to {cap:,}) over {rows:,} jobs, median of {runs} interleaved runs"
    )
    print(f"{'term':<20} {'search ms':>10} {'total':>14} {'ilike ms':>9} {'total':>7} {'ilike/search':>13}")
    ratios = []
    for term in TERMS:
        alias = canonical(term)
        filters = repository.JobFilter(text=term, text_alias=alias if alias and alias.lower() != term.lower() else None)
        like = f"%{term}%"
        ilike = select(Job.id).where(
            Job.user_id == user_id, or_(Job.title.ilike(like), Job.company.ilike(like), Job.description.ilike(like))
        )

        async def search(session, filters=filters) -> str:
            _, total = await repository.list_page(session, user_id, filters, 0, PAGE)
            return f"{'~' if total.estimate else ''}{total.count:,}"

        async def substring(session, ilike=ilike) -> str:
            capped = select(func.count()).select_from(ilike.limit(cap + 1).subquery()).scalar_subquery()
            page = ilike.order_by(*order).limit(PAGE).subquery()
            query = select(Job, capped).join(page, page.c.id == Job.id).options(*repository.LIST_DEFERRED)
            found = (await session.execute(query)).all()
            total = found[0][1] if found else (await session.execute(select(capped))).scalar_one()
            return f"{cap:,}+" if total > cap else f"{total:,}"

        (search_ms, search_total), (ilike_ms, ilike_total) = await interleaved([search, substring], runs)
        ratios.append(ilike_ms / search_ms)
        print(f"{term:<20} {search_ms:>10.1f} {search_total:>14} {ilike_ms:>9.1f} {ilike_total:>7} {ratios[-1]:>12.1f}x")
    median = statistics.median(ratios)
    print(f"\nmedian ratio ILIKE / search: {median:.1f}x (target ≥ {TARGET:.0f}x: {'pass' if median >= TARGET else 'FAIL'})")
    print("(~: the planner's estimate, past the exact count's cap. ILIKE finds substrings but not stems, aliases or typos;")
    print(" the search finds stems, the taxonomy's aliases such as postgres → PostgreSQL, and typos like 'Enginer')")
    record(
        f"job search at {rows // 1000}k jobs: ILIKE / search (median over terms)", median, TARGET, unit="x", higher_is_better=True
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    async with scratch_database() as database_url:
        await run(database_url, args.rows, args.runs)


if __name__ == "__main__":
    asyncio.run(main())
