"""Job search at 100,000 jobs of one person, the jobs page's request on both sides: the first 20
matches by score (the score read from job_scores, unscored last) and how many match, counted the
same way on both sides: exactly up to 1,000, beyond that a LIMIT 1,001 subquery says "more".

- search: the API's `repository.list_page` as a request runs it: full text on its GIN index (the
  trigram typo match only when full text finds nothing), one statement for the page and its capped
  count; past the cap the page walks the score index in order and the API asks the planner for an
  estimate of the total (an EXPLAIN the ILIKE side does not pay).
- ILIKE: `ILIKE '%term%'` on title, company and description, the page (ORDER BY score LIMIT 20)
  and the same capped count in one statement, as the page would be written without the indexes.

Both run on the same connection (same settings), interleaved; medians and ratios are printed and
the median ratio recorded (bench/results.py); nothing is asserted. Per statement: the search's
page-and-count statement, the same count alone (a page of none: `list_page(..., 0, 0)`) and the
estimate; the ILIKE side's count alone. Most jobs are scored, as after the worker has run.

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
    print(
        f"{'term':<18} {'search ms':>9} {'total':>8} {'ilike ms':>9} {'total':>6} {'ratio':>7} |"
        f" {'page+count':>10} {'count':>6} {'estimate':>8} {'ilike count':>11}"
    )
    ratios = []
    for term in TERMS:
        alias = canonical(term)
        filters = repository.JobFilter(text=term, text_alias=alias if alias and alias.lower() != term.lower() else None)
        like = f"%{term}%"
        ilike = select(Job.id).where(
            Job.user_id == user_id, or_(Job.title.ilike(like), Job.company.ilike(like), Job.description.ilike(like))
        )
        capped = select(func.count()).select_from(ilike.limit(cap + 1).subquery()).scalar_subquery()

        async def search(session, filters=filters) -> str:
            _, total = await repository.list_page(session, user_id, filters, 0, PAGE)
            return f"{'~' if total.estimate else ''}{total.count:,}"

        async def search_count(session, filters=filters) -> str:
            _, total = await repository.list_page(session, user_id, filters, 0, 0)
            return f"{total.count:,}"

        async def substring(session, ilike=ilike, capped=capped) -> str:
            page = ilike.order_by(*order).limit(PAGE).subquery()
            query = select(Job, capped).join(page, page.c.id == Job.id).options(*repository.LIST_DEFERRED)
            found = (await session.execute(query)).all()
            total = found[0][1] if found else (await session.execute(select(capped))).scalar_one()
            return f"{cap:,}+" if total > cap else f"{total:,}"

        async def substring_count(session, capped=capped) -> str:
            return f"{(await session.execute(select(capped))).scalar_one():,}"

        statements = await search_statements(search)
        main = [s for s in statements if not s[0].startswith("EXPLAIN")][-1]  # of a typo: after full text found none
        estimate = next((s for s in statements if s[0].startswith("EXPLAIN")), None)
        reads = [search, substring, raw(*main), search_count, substring_count]
        if estimate:
            reads.append(raw(*estimate))
        timed = await interleaved(reads, runs)
        (search_ms, search_total), (ilike_ms, ilike_total) = timed[0], timed[1]
        statement_ms, count_ms, ilike_count_ms = timed[2][0], timed[3][0], timed[4][0]
        estimate_ms = f"{timed[5][0]:>8.1f}" if estimate else f"{'-':>8}"
        ratios.append(ilike_ms / search_ms)
        print(
            f"{term:<18} {search_ms:>9.1f} {search_total:>8} {ilike_ms:>9.1f} {ilike_total:>6} {ratios[-1]:>6.1f}x |"
            f" {statement_ms:>10.1f} {count_ms:>6.1f} {estimate_ms} {ilike_count_ms:>11.1f}"
        )
    median = statistics.median(ratios)
    print(f"\nmedian ratio ILIKE / search: {median:.1f}x (target ≥ {TARGET:.0f}x: {'pass' if median >= TARGET else 'FAIL'})")
    print("(~: the planner's estimate, past the exact count's cap. page+count: the search's one statement (of a typo: the")
    print(" second, after full text found none); count: that count alone; estimate: the EXPLAIN past the cap; all in ms.")
    print(" ILIKE finds substrings but not stems, aliases or typos; the search finds stems, the taxonomy's aliases such as")
    print(" postgres → PostgreSQL, and typos)")
    record(
        f"job search at {rows // 1000}k jobs: ILIKE / search (median over terms)", median, TARGET, unit="x", higher_is_better=True
    )


async def search_statements(search) -> list[tuple[str, tuple]]:
    """The statements one search runs, as the driver got them (to time each on its own)."""
    from sqlalchemy import event

    from api import db

    statements: list[tuple[str, tuple]] = []

    def keep(conn, cursor, statement, parameters, *args) -> None:
        statements.append((statement, tuple(parameters or ())))

    engine = db.get_engine().sync_engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        async with db.read_session() as session:
            await search(session)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    return statements


def raw(sql: str, params: tuple):
    """A read that runs one recorded statement as it is."""

    async def read(session) -> str:
        connection = await session.connection()
        await connection.exec_driver_sql(sql, params)
        return ""

    return read


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    async with scratch_database() as database_url:
        await run(database_url, args.rows, args.runs)


if __name__ == "__main__":
    asyncio.run(main())
