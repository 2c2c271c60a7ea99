"""Discovery figures: explainable scoring next to fetching the same rows, and re-scoring.
Prints figures only; asserts nothing.

1. Score 10,000 and 100,000 jobs for one profile with the worker's scorer (`score_job`, the
   user's weights and taxonomy), next to the time to fetch those rows from PostgreSQL.
2. Re-score every job of a user after a profile change (the worker's `jobs_rescore_for_user`, a
   real transaction: lock, score, write back): before (every score re-parses the text, as the
   worker did before parsed requirements were cached), the first re-score with the cache (parses
   and stores the parse in `score_breakdown`), and the next one (unchanged text: no parsing).
(Search against ILIKE is bench/bench_search.py.)

Uses BENCH_DATABASE_URL (default: the local server) and a scratch database it drops at the end.

    .venv/bin/python bench/bench_discovery.py [--sizes 10000 100000] [--rescore-rows 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SERVER = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


async def seed(conn, count: int, name: str = "bench") -> int:
    """One user and `count` jobs built from bench_scoring's deterministic postings (COPY)."""
    from bench_scoring import make_postings

    user_id = await conn.fetchval(
        "INSERT INTO users (username, email, password_hash, skills, preferred_locations, experience_level) "
        f"VALUES ('{name}', '{name}@example.com', 'x', $1, $2, 'senior') RETURNING id",
        ["Python", "PostgreSQL", "Kubernetes", "Docker", "AWS", "FastAPI", "Redis", "Terraform"],
        ["Berlin, Germany", "Hamburg"],
    )
    rows = [
        (
            user_id,
            j.company,
            j.title,
            j.location or "",
            j.description,
            j.requirements,
            j.remote,
            j.tech_stack,
            "discovered",
        )
        for j in make_postings(count)
    ]
    await conn.copy_records_to_table(
        "jobs",
        records=rows,
        columns=[
            "user_id",
            "company",
            "title",
            "location",
            "description",
            "requirements",
            "remote_option",
            "tech_stack",
            "origin",
        ],
    )
    await conn.execute("ANALYZE jobs")
    return user_id


async def bench_scoring(user_id: int, sizes: list[int]) -> None:
    from sqlalchemy import select

    from api.db import read_session
    from api.matching.scoring import scorer_for
    from api.models import Job, User

    print("\nscore N jobs for one profile (the worker's scorer) vs fetch the same rows")
    print(f"{'N':>8} {'fetch s':>9} {'score s':>9} {'jobs/s scored':>14} {'score/fetch':>12}")
    for n in sizes:
        async with read_session() as session:
            user = await session.get(User, user_id)
            scorer = await scorer_for(session, user)
            t0 = time.perf_counter()
            jobs = list((await session.execute(select(Job).where(Job.user_id == user_id).order_by(Job.id).limit(n))).scalars())
            fetch = time.perf_counter() - t0
        t0 = time.perf_counter()
        totals = [scorer.score(job).total for job in jobs]
        score = time.perf_counter() - t0
        print(
            f"{len(jobs):>8,} {fetch:>9.2f} {score:>9.2f} {len(jobs) / score:>14,.0f} {score / fetch:>11.1f}x"
            f"   (median score {statistics.median(totals):.0f})"
        )


async def rescore_uncached(ctx: dict, user_id: int) -> int:
    """`jobs_rescore_for_user` as it was before the cache: every job's text parsed on every score."""
    from datetime import UTC, datetime

    from sqlalchemy import select

    from api.db import unit_of_work
    from api.matching import repository
    from api.matching.score import score_job
    from api.matching.scoring import match_job, scorer_for
    from api.models import Job, User

    async with unit_of_work() as session:
        user = await session.get(User, user_id)
        jobs = list((await session.execute(select(Job).where(Job.user_id == user_id).with_for_update())).scalars())
        now = datetime.now(UTC)
        scorer = await scorer_for(session, user)
        scores = []
        for job in jobs:
            breakdown = score_job(scorer.profile, match_job(job), scorer.weights, scorer.taxonomy)
            scores.append((job.id, breakdown.total, breakdown.to_json(), None, None))
        await repository.store_scores(session, user_id, now, scores)
        return len(jobs)


async def bench_rescore(user_id: int) -> None:
    from sqlalchemy import select

    from api.db import read_session
    from api.matching.tasks import jobs_rescore_for_user
    from api.models import Job

    async def scores() -> list[tuple[int, int, dict]]:
        async with read_session() as session:
            rows = (
                await session.execute(
                    select(Job.id, Job.match_score, Job.score_breakdown).where(Job.user_id == user_id).order_by(Job.id)
                )
            ).all()
        return [(r.id, r.match_score, r.score_breakdown) for r in rows]

    print("\nre-score every job of one user after a profile change (jobs_rescore_for_user: lock, score, write)")
    print(f"{'run':<44} {'jobs':>8} {'s':>7} {'jobs/s':>9} {'speed-up':>9}")
    figures, times = [], []
    for label, task in (
        ("before: parse on every score (no cache)", rescore_uncached),
        ("after, 1st re-score: parse and cache", jobs_rescore_for_user),
        ("after, next re-scores: cached parse", jobs_rescore_for_user),
    ):
        t0 = time.perf_counter()
        count = await task({}, user_id)
        dt = time.perf_counter() - t0
        figures.append(await scores())
        times.append(dt)
        print(f"{label:<44} {count:>8,} {dt:>7.2f} {count / dt:>9,.0f} {times[0] / dt:>8.1f}x")
    print(f"same scores and breakdowns before and after: {'yes' if figures[0] == figures[1] == figures[2] else 'NO'}")


async def main() -> None:
    import asyncpg

    from tests.support.services import create_database, drop_database, migrate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rescore-rows", type=int, default=10_000)
    args = parser.parse_args()
    count = max(args.sizes)

    name = f"cc_bench_{uuid.uuid4().hex[:8]}"
    database_url = await asyncio.to_thread(create_database, SERVER, name)
    os.environ.update(DATABASE_URL=database_url, SECRET_KEY="bench-" + "k" * 40)
    try:
        await asyncio.to_thread(migrate, database_url, "heads")
        conn = await asyncpg.connect(database_url)
        try:
            t0 = time.perf_counter()
            user_id = await seed(conn, count)
            print(
                f"seeded {count:,} jobs (generated tsvector + GIN/trigram indexes maintained) in {time.perf_counter() - t0:.1f}s"
            )
            await bench_scoring(user_id, args.sizes)
            rescore_user = await seed(conn, args.rescore_rows, "bench_rescore")
            await bench_rescore(rescore_user)
        finally:
            await conn.close()
    finally:
        from api import db

        await db.dispose()
        await asyncio.to_thread(drop_database, SERVER, name)


if __name__ == "__main__":
    asyncio.run(main())
