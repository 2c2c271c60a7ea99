"""Benchmark: score synthetic postings for one profile with ``score_job``, and re-score them in the worker.

    cd /work/main && .venv/bin/python bench/bench_scoring.py [--rescore-only] [--jobs N] [SIZE ...]

Prints postings/second for 10,000 and 100,000 postings (or the sizes given; none with
--rescore-only), then the worker's re-scoring end to end: the real task `jobs_rescore_for_user`
on N (10,000) jobs of one user in a scratch database (lock the user's scores, fetch what scoring
reads: a job's stored parse when its key, compared in SQL, is current, else its text; score; write
the job_scores rows that changed in one statement; commit), once with the parse made and stored,
then RESCORE_RUNS times after a profile change with the parse cached; the median of those is
recorded for bench/summary.py (target 10,000 jobs/s).
No assertions about time.  Postings are generated deterministically
(seeded), with realistic description length, a tech stack, a location and a
title, so the full pipeline (requirement parsing, skill extraction, location
and level matching) is exercised.  A second line per size shows the
throughput when requirements are parsed once and passed in (the path a
cache of parsed postings would take).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from results import record
from scratch import scratch_database

from api.matching.requirements import split_requirements
from api.matching.score import MatchJob, MatchProfile, Weights, score_job
from api.skill.taxonomy import default_taxonomy

RESCORE_JOBS = 10_000
RESCORE_TARGET = 10_000  # jobs/s, cached parse
RESCORE_RUNS = 5  # cached re-scores measured; their median is recorded
RUN_SKILLS = ["Go", "Rust", "Kafka", "React", "Spark", "gRPC", "Airflow"]

SKILLS = [
    "Python",
    "Go",
    "Java",
    "Kotlin",
    "TypeScript",
    "JavaScript",
    "React",
    "Vue.js",
    "Node.js",
    "PostgreSQL",
    "MySQL",
    "MongoDB",
    "Redis",
    "Kafka",
    "Docker",
    "Kubernetes",
    "Terraform",
    "AWS",
    "Google Cloud",
    "Azure",
    "Django",
    "FastAPI",
    "Spring Boot",
    "GraphQL",
    "gRPC",
    "Rust",
    "C++",
    "Airflow",
    "Spark",
    "dbt",
    "PyTorch",
    "scikit-learn",
    "CI/CD",
    "Linux",
    "Prometheus",
    "Grafana",
]
TITLES = [
    "Software Engineer",
    "Backend Engineer",
    "Frontend Developer",
    "Data Engineer",
    "Platform Engineer",
    "Full Stack Developer",
    "ML Engineer",
    "Site Reliability Engineer",
]
LEVELS = ["Junior ", "", "Senior ", "Staff ", "Lead ", "Principal "]
LOCATIONS = [
    "Berlin, Germany",
    "Munich, Germany",
    "London, UK",
    "Remote (EU)",
    "Remote - US",
    "Austin, TX",
    "Amsterdam, Netherlands",
    "Paris, France",
    "Hamburg",
    "Toronto, ON, Canada",
]
MODES = ["remote", "hybrid", "onsite", None]
FILLER = (
    "We are a growing company building products our customers love. You will work in a "
    "cross-functional team, own features end to end and help shape our architecture. "
)


def make_postings(n: int, seed: int = 42) -> list[MatchJob]:
    rng = random.Random(seed)
    jobs = []
    for i in range(n):
        must = rng.sample(SKILLS, rng.randint(2, 5))
        nice = rng.sample([s for s in SKILLS if s not in must], rng.randint(0, 3))
        years = rng.choice([None, 2, 3, 5, 7])
        lines = [FILLER * rng.randint(1, 3), "Requirements:"]
        if years:
            lines.append(f"- {years}+ years of professional experience")
        lines += [f"- Experience with {s}" for s in must]
        if nice:
            lines.append("Nice to have:")
            lines += [f"- {s}" for s in nice]
        jobs.append(
            MatchJob(
                title=rng.choice(LEVELS) + rng.choice(TITLES),
                company=f"Company {i % 997}",
                location=rng.choice(LOCATIONS),
                remote=rng.choice(MODES),
                description="\n".join(lines),
                requirements="",
                tech_stack=rng.sample(must, min(2, len(must))),
            )
        )
    return jobs


def bench(n: int) -> None:
    profile = MatchProfile(
        skills=["python", "postgres", "k8s", "docker", "aws", "fastapi", "redis", "terraform"],
        preferred_locations=["Berlin, Germany", "Hamburg"],
        experience_level="senior",
        years=7,
        open_to_relocation=False,
        remote_ok=True,
    )
    weights = Weights()
    jobs = make_postings(n)

    t0 = time.perf_counter()
    totals = [score_job(profile, j, weights).total for j in jobs]
    dt = time.perf_counter() - t0
    print(
        f"score_job (parse + score): {n:>7,} postings in {dt:7.2f}s -> {n / dt:>9,.0f} postings/s "
        f"(mean score {sum(totals) / n:.1f})"
    )

    tx = default_taxonomy()
    parsed = [split_requirements(j.description, j.requirements, j.tech_stack, j.title, taxonomy=tx) for j in jobs]
    t0 = time.perf_counter()
    for j, r in zip(jobs, parsed, strict=True):
        score_job(profile, j, weights, taxonomy=tx, requirements=r)
    dt = time.perf_counter() - t0
    print(f"score_job (pre-parsed):    {n:>7,} postings in {dt:7.2f}s -> {n / dt:>9,.0f} postings/s")


async def bench_worker(count: int, runs: int = RESCORE_RUNS) -> None:
    import asyncpg
    from bench_discovery import seed

    from api.matching.tasks import jobs_rescore_for_user

    async with scratch_database() as database_url:
        conn = await asyncpg.connect(database_url)
        user_id = await seed(conn, count, "bench_rescore")
        print(f"\nworker re-scoring end to end (jobs_rescore_for_user, {count:,} jobs of one user)")

        async def rescore(label: str) -> float:
            started = time.perf_counter()
            scored = await jobs_rescore_for_user({}, user_id)
            rate = scored / (time.perf_counter() - started)
            print(f"{label:<32} {rate:>9,.0f} jobs/s")
            return rate

        await rescore("first: parse made and stored")
        rates = []
        for run in range(runs):
            # a profile change, as the worker sees it: new scores, the same (cached) parse
            skill = RUN_SKILLS[run % len(RUN_SKILLS)]
            await conn.execute("UPDATE users SET skills = skills || $2::text WHERE id = $1", user_id, skill)
            rates.append(await rescore(f"profile changed (+{skill}), cached"))
        await conn.close()
        median = statistics.median(rates)
        print(f"{'median of ' + str(runs) + ' cached re-scores':<32} {median:>9,.0f} jobs/s (target {RESCORE_TARGET:,})")
        record("worker re-scoring, cached parse", median, RESCORE_TARGET, unit=" jobs/s", higher_is_better=True)


def main(argv: list[str]) -> None:
    """bench_scoring.py [--rescore-only] [--jobs N] [SIZE ...]"""
    args = argv[1:]
    rescore_only = "--rescore-only" in args
    jobs = RESCORE_JOBS
    if "--jobs" in args:
        jobs = int(args[args.index("--jobs") + 1])
        del args[args.index("--jobs") : args.index("--jobs") + 2]
    sizes = [int(a) for a in args if not a.startswith("--")] or [10_000, 100_000]
    default_taxonomy().extract_skills("warm up Python")  # compile the matcher once
    if not rescore_only:
        for n in sizes:
            bench(n)
    asyncio.run(bench_worker(jobs))


if __name__ == "__main__":
    main(sys.argv)
