"""No pre-ping: a pooled connection the database closed (a restart, a terminated backend) costs a
request nothing — it is replaced at checkout, or the read is run again once on a fresh one."""

from __future__ import annotations

import asyncpg
from sqlalchemy import text

from api import db
from tests.support.graphql import signed_up
from tests.support.jobs import create_job

JOBS = "query Jobs($first: Int) { jobs(first: $first) { totalCount edges { node { title applications { id } } } } }"
TERMINATE = (
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


async def close_every_connection(services) -> int:
    """What a database restart does to the app's pool: every other connection to the test database ends."""
    conn = await asyncpg.connect(services.database_url)
    try:
        return await conn.fetchval(TERMINATE)
    finally:
        await conn.close()


class TestLostConnections:
    async def test_reads_succeed_after_the_database_closed_the_pooled_connections(self, client, services):
        # given: the pool holds connections that worked
        user = await signed_up(client)
        await create_job(user, title="Platform Engineer")
        assert (await user.gql(JOBS, {"first": 10}))["jobs"]["totalCount"] == 1
        # when
        assert await close_every_connection(services) >= 1
        # then: the next request is answered, not a masked error
        data = await user.gql(JOBS, {"first": 10})
        assert data["jobs"]["totalCount"] == 1
        assert data["jobs"]["edges"][0]["node"]["title"] == "Platform Engineer"

    async def test_a_read_lost_midway_runs_again_on_a_new_connection(self, services):
        # given: a read whose first attempt loses its connection
        attempts = []

        async def read(session):
            attempts.append(1)
            if len(attempts) == 1:
                pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
                conn = await asyncpg.connect(services.database_url)
                try:
                    await conn.execute("SELECT pg_terminate_backend($1)", pid)
                finally:
                    await conn.close()
            return (await session.execute(text("SELECT 42"))).scalar_one()

        # when
        answer = await db.reading(read)
        # then
        assert (answer, len(attempts)) == (42, 2)

    async def test_a_driver_row_lost_midway_is_read_again_on_a_new_connection(self, services):
        # given: a statement that ends its own connection the first time it runs, answers 42 after
        conn = await asyncpg.connect(services.database_url)
        try:
            await conn.execute("DROP SEQUENCE IF EXISTS driver_row_attempts; CREATE SEQUENCE driver_row_attempts")
        finally:
            await conn.close()
        statement = text(
            "SELECT CASE WHEN nextval('driver_row_attempts') = 1 "
            "THEN pg_terminate_backend(pg_backend_pid())::int ELSE :answer END AS answer, :answer AS again"
        )
        # when
        row = await db.driver_row(statement, {"answer": 42})
        # then: one parameter named twice, the row by column name
        assert row == {"answer": 42, "again": 42}

    async def test_a_driver_row_after_the_database_closed_every_pooled_connection(self, services):
        # given: the pool holds three connections that worked
        engine = db.get_engine()
        held = [await engine.connect() for _ in range(3)]
        for conn in held:
            await conn.exec_driver_sql("SELECT 1")
        for conn in held:
            await conn.close()
        # when the server ends them all (a restart)
        assert await close_every_connection(services) >= 3
        row = await db.driver_row(text("SELECT CAST(:answer AS int) AS answer"), {"answer": 42})
        # then the read is answered on a new connection
        assert row["answer"] == 42
