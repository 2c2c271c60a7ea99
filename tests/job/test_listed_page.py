"""The jobs dashboard's page read straight from the driver (`repository.listed_page`) is the page the
ORM reads (`repository.list_page`): same jobs, same order, same totals, same Job objects, for
every shape of the list."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
from sqlalchemy import BigInteger, any_, bindparam, literal, select, text
from sqlalchemy.dialects.postgresql import ARRAY

from api import db
from api.application import repository as application_repository
from api.application.types import Application
from api.job import repository
from api.job.types import Job, with_applications
from api.models import Job as JobModel
from tests.support.graphql import signed_up

SHAPES = list(itertools.product(["SCORE", "NEWEST", "RELEVANCE"], [None, 40], [None, "discovered"]))
WINDOWS = [(0, 20), (0, 7), (7, 7), (21, 5), (29, 20), (40, 10), (0, 0), (12, 0)]


async def seed(database_url: str, user_id: int, other_id: int) -> None:
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


@pytest.fixture
async def people(client, services):
    user, other = await signed_up(client), await signed_up(client)
    conn = await asyncpg.connect(services.database_url)
    try:
        ids = [await conn.fetchval("SELECT id FROM users WHERE username = $1", u.username) for u in (user, other)]
    finally:
        await conn.close()
    await seed(services.database_url, *ids)
    return ids


class TestListedPage:
    @pytest.mark.parametrize(("order", "min_score", "origin"), SHAPES)
    async def test_every_shape_and_window_reads_what_the_orm_reads(self, people, order, min_score, origin):
        # given
        user_id, _ = people
        filters = repository.JobFilter(order=order, min_score=min_score, origin=origin)
        for offset, limit in WINDOWS:
            # when
            listed, listed_total = await repository.listed_page(user_id, filters, offset, limit)
            async with db.read_session() as session:
                rows, total = await repository.list_page(session, user_id, filters, offset, limit)
            # then: the same jobs in the same order, the same count, and the same Job objects
            assert [row["id"] for row in listed] == [row.id for row in rows], (offset, limit)
            assert listed_total == total
            assert [Job.from_model(row) for row in listed] == [Job.from_model(row) for row in rows]

    async def test_the_page_holds_only_the_persons_jobs(self, people):
        # given
        user_id, other_id = people
        # when
        mine, total = await repository.listed_page(user_id, repository.JobFilter(), 0, 100)
        theirs, their_total = await repository.listed_page(other_id, repository.JobFilter(), 0, 100)
        # then
        assert (len(mine), total.count, len(theirs), their_total.count) == (30, 30, 5, 5)
        assert not {row["id"] for row in mine} & {row["id"] for row in theirs}

    async def test_applications_read_as_rows_are_the_applications_the_orm_reads(self, people):
        # given
        user_id, other_id = people
        listed, _ = await repository.listed_page(user_id, repository.JobFilter(), 0, 100)
        theirs, _ = await repository.listed_page(other_id, repository.JobFilter(), 0, 100)
        job_ids = [row["id"] for row in listed] + [row["id"] for row in theirs]  # someone else's jobs asked for too
        # when
        found: dict[int, list] = {}
        for row in await application_repository.listed_by_job_ids(user_id, job_ids):
            found.setdefault(row["job_id"], []).append(row)
        async with db.read_session() as session:
            orm = await application_repository.by_job_ids(session, user_id, job_ids)
        # then
        assert sorted(found) == sorted({row.job_id for row in orm})
        assert len(found) == 10
        by_id = {row.id: Application.from_model(row) for row in orm}
        assert {row["id"]: Application.from_model(row) for rows in found.values() for row in rows} == by_id
        jobs = with_applications([Job.from_model(row) for row in listed], found)
        assert sum(len(job.loaded_applications or []) for job in jobs) == 10


class TestDriverRows:
    async def test_values_are_what_sqlalchemy_gives_and_listeners_see_the_statement(self, people):
        # given: a statement with an array parameter and an array column (both converted by
        # SQLAlchemy's type processors), a bound literal and a parameter used twice
        user_id, _ = people
        owner = bindparam("user_id", type_=BigInteger)
        statement = select(JobModel.id, JobModel.tech_stack, literal(7).label("seven"), owner.label("again")).where(
            JobModel.user_id == owner, JobModel.id == any_(bindparam("ids", type_=ARRAY(BigInteger)))
        )
        ids = [row["id"] for row in (await repository.listed_page(user_id, repository.JobFilter(), 0, 3))[0]]
        seen: list[tuple[str, tuple]] = []
        db.driver_listeners.append(lambda sql, parameters: seen.append((sql, parameters)))
        try:
            # when
            rows = await db.driver_rows(statement, {"user_id": user_id, "ids": ids})
        finally:
            db.driver_listeners.pop()
        # then
        async with db.read_session() as session:
            expected = [dict(row._mapping) for row in (await session.execute(statement, {"user_id": user_id, "ids": ids}))]
        assert sorted(rows, key=lambda row: row["id"]) == sorted(expected, key=lambda row: row["id"])
        assert {row["seven"] for row in rows} == {7} and {row["again"] for row in rows} == {user_id}
        assert all(isinstance(row["tech_stack"], list) for row in rows)
        assert len(seen) == 1 and seen[0][1] == (7, user_id, ids) and "ANY" in seen[0][0]

    async def test_a_text_statement_gives_its_columns_by_name(self, services):
        # when
        row = await db.driver_row(text("SELECT CAST(:n AS int) + 1 AS next, 'x' AS letter"), {"n": 41})
        none = await db.driver_row(text("SELECT 1 AS one WHERE false"), {})
        # then
        assert (row, none) == ({"next": 42, "letter": "x"}, None)
