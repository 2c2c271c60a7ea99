"""Real PostgreSQL and Redis for the test run: TEST_DATABASE_URL / TEST_REDIS_URL when set,
else the embedded servers from the wheels. Each run gets its own database and Redis namespace."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

ROOT = Path(__file__).resolve().parents[2]


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


async def _admin(url: str, statement: str) -> None:
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


class TestServices:
    def __init__(self) -> None:
        self.run_id = uuid.uuid4().hex[:10]
        self.database_name = f"cc_test_{self.run_id}"
        self._stoppers: list = []
        self.server_url = os.environ.get("TEST_DATABASE_URL")
        self.redis_url = os.environ.get("TEST_REDIS_URL")

    def start(self) -> None:
        if not self.server_url or not self.redis_url:
            from api.embedded import start_postgres, start_redis

            data = Path(tempfile.mkdtemp(prefix="cc-test-"))
            if not self.server_url:
                postgres = start_postgres(data)
                self._stoppers.append(postgres.stop)
                self.server_url = postgres.url
            if not self.redis_url:
                redis = start_redis(data)
                self._stoppers.append(redis.stop)
                self.redis_url = redis.url
        asyncio.run(_admin(self.server_url, f'CREATE DATABASE "{self.database_name}"'))
        self.database_url = _with_database(self.server_url, self.database_name)
        os.environ.update(
            {
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url,
                "REDIS_NAMESPACE": f"cctest-{self.run_id}",
                "SECRET_KEY": "test-secret-" + "x" * 40,
                "GRAPHIQL": "true",
                "DEBUG": "false",
                # A loaded CI machine must not turn a slow statement into a failure; the timeout
                # itself is tested with SET LOCAL (tests/graphql/test_bounds.py).
                "STATEMENT_TIMEOUT": "30",
                # Cheap argon2id for the hundreds of sign-ups in the suite; production keeps the
                # defaults (tests/user/test_passwords.py asserts them).
                "ARGON2_TIME_COST": "1",
                "ARGON2_MEMORY_COST": "256",
                "ARGON2_PARALLELISM": "1",
                # Every test signs in from loopback: the per-address budget would add up across the
                # suite. tests/user/test_throttle.py tests it behind a trusted proxy with its own budget.
                "SIGNIN_ADDRESS_ATTEMPTS": "100000",
                "RATE_LIMIT_PROVIDER_STARTS": "100000",  # the same for provider sign-ins started
                # A failed send (a test's push URL that resolves nowhere) retries within a second,
                # so it never keeps the queue busy for the next test's worker_idle().
                "DELIVERY_RETRY_SECONDS": "0.05",
            }
        )
        migrate(self.database_url, "head")

    def stop(self) -> None:
        try:
            asyncio.run(_admin(self.server_url, f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)'))
        finally:
            for stop in reversed(self._stoppers):
                stop()


def migrate(database_url: str, target: str, direction: str = "upgrade") -> None:
    subprocess.run(
        [sys.executable, "-m", "alembic", direction, target],
        check=True,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
    )


def create_database(server_url: str, name: str) -> str:
    asyncio.run(_admin(server_url, f'CREATE DATABASE "{name}"'))
    return _with_database(server_url, name)


def drop_database(server_url: str, name: str) -> None:
    asyncio.run(_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# The test session's servers: started and stopped by tests/conftest.py.
session_services = TestServices()


async def fetch_rows(database_url: str, sql: str, *args: object) -> list[asyncpg.Record]:
    """The rows of one plain SQL query on a connection of its own (a test's independent answer)."""
    conn = await asyncpg.connect(database_url)
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()
