"""Shared GraphQL documents and helpers for tests that need jobs and applications."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx

from tests.support.graphql import Session, db_id, signed_up

JOB_CREATE = """
mutation Create($input: JobCreateInput!) {
  jobCreate(input: $input) { job { id title matchScore } errors { field message code } }
}
"""
PROFILE_UPDATE = """
mutation Profile($input: ProfileUpdateInput!) {
  profileUpdate(input: $input) { user { skills } errors { field message code } }
}
"""
APPLICATION_CREATE = """
mutation Apply($input: ApplicationCreateInput!) {
  applicationCreate(input: $input) {
    application { id status appliedAt interviewAt offerAt decidedAt notes allowedTransitions job { title } }
    errors { field message code }
  }
}
"""
STRONG_PROFILE = {"skills": ["Python", "PostgreSQL"], "preferredLocations": ["Berlin"], "experienceLevel": "SENIOR"}
STRONG_JOB = {
    "company": "Acme",
    "title": "Senior Python Engineer",
    "location": "Berlin",
    "techStack": ["Python", "PostgreSQL"],
}


async def create_job(session: Session, **fields: object) -> str:
    payload = (await session.gql(JOB_CREATE, {"input": {"company": "Acme", "title": "Engineer", **fields}}))["jobCreate"]
    assert payload["errors"] == [], payload
    return payload["job"]["id"]


async def create_application(session: Session, job_id: str, status: str | None = None, notes: str | None = None) -> dict:
    variables: dict = {"jobId": job_id}
    if status:
        variables["status"] = status
    if notes is not None:
        variables["notes"] = notes
    return (await session.gql(APPLICATION_CREATE, {"input": variables}))["applicationCreate"]


async def seed_listed_jobs(database_url: str, user_id: int, other_id: int) -> None:
    """30 jobs of every kind for the person (unscored, closed, reposts, without salary, discovered,
    ties in score and in time) with applications on some, and 5 of someone else's."""
    rng = random.Random(7)
    now = datetime.now(UTC).replace(microsecond=0)
    conn = await asyncpg.connect(database_url)
    try:
        for owner, count in ((user_id, 30), (other_id, 5)):
            for i in range(count):
                job_id = await conn.fetchval(
                    "INSERT INTO jobs (user_id, company, title, location, description, requirements, salary_min, salary_max, "
                    "salary_currency, job_type, remote_option, tech_stack, source_url, origin, closed_at, is_repost, created_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
                    owner,
                    f"Company {i}",
                    f"Engineer {i}",
                    ["Berlin", "", "Remote"][i % 3],
                    "Build things." * (i % 4),
                    "Python" if i % 2 else "",
                    60000 + i if i % 3 else None,
                    90000 + i if i % 3 == 1 else None,
                    "EUR" if i % 3 else None,
                    ["full_time", None, "contract"][i % 3],
                    ["remote", "hybrid", None][i % 3],
                    rng.sample(["Python", "Go", "SQL", "Rust"], i % 4),
                    f"https://jobs.example.com/{owner}/{i}" if i % 5 else None,
                    "discovered" if i % 4 == 0 else "manual",
                    now - timedelta(days=1) if i % 7 == 3 else None,
                    i % 6 == 0,
                    now - timedelta(hours=i // 2),  # pairs created at the same instant: ties broken by id
                )
                if i % 5 != 4:  # every fifth is unscored
                    await conn.execute(
                        "INSERT INTO job_scores (job_id, user_id, score, scored_at, breakdown) VALUES ($1, $2, $3, $4, '{}')",
                        job_id,
                        owner,
                        (i * 37) % 101 if i % 3 else 50,  # ties at 50
                        now - timedelta(minutes=i),
                    )
                if i % 3 == 0:
                    await conn.execute(
                        "INSERT INTO applications (user_id, job_id, status, notes, applied_at, follow_up_on) "
                        "VALUES ($1, $2, $3, $4, $5, $6)",
                        owner,
                        job_id,
                        ["applied", "interview", "interested"][i // 3 % 3],
                        f"Note {i}",
                        now - timedelta(days=2) if i % 2 else None,
                        (now + timedelta(days=5)).date() if i % 2 else None,
                    )
    finally:
        await conn.close()


async def two_people_with_jobs(client: httpx.AsyncClient, database_url: str) -> tuple[int, int]:
    """Two people's database ids, with `seed_listed_jobs`' jobs."""
    user, other = await signed_up(client), await signed_up(client)
    ids = db_id(user.user_id), db_id(other.user_id)
    await seed_listed_jobs(database_url, *ids)
    return ids
