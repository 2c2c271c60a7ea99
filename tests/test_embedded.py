"""The zero-setup path: `make run`'s launcher starts real PostgreSQL and Redis from the wheels."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from tests.support.running import free_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.embedded


def launch(data_dir: Path, port: int) -> tuple[subprocess.Popen, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "GRAPHIQL", "REDIS_NAMESPACE")
    }
    env.update({"DATA_DIR": str(data_dir), "PORT": str(port)})
    process = subprocess.Popen(
        [sys.executable, "-m", "api.run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        output.append(line)
        match = re.search(r"running at (http://\S+)", line)
        if match:
            return process, match.group(1)
    process.kill()
    raise AssertionError("launcher did not print its URL:\n" + "".join(output))


def wait_healthy(url: str) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            body = httpx.get(url + "/healthz", timeout=5).json()
            if body["status"] == "ok":
                return body
        except (httpx.TransportError, ValueError):
            pass
        time.sleep(0.3)
    raise AssertionError("never healthy")


def stop(process: subprocess.Popen) -> list[psutil.Process]:
    children = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signal.SIGINT)
    process.wait(60)
    return children


class TestEmbeddedStart:
    def test_starts_servers_keeps_data_across_restarts_and_stops_cleanly(self, tmp_path):
        # given
        port = free_port()
        register = {
            "query": 'mutation { userRegister(input: {username: "embedded_user", email: "e@example.com", password: "correct-Horse-42"}) { accepted errors { code } } }'
        }
        process, url = launch(tmp_path, port)
        try:
            # when
            health = wait_healthy(url)
            created = httpx.post(url + "/graphql", json=register, timeout=10).json()
        finally:
            children = stop(process)
        second, url = launch(tmp_path, port)
        try:
            wait_healthy(url)
            again = httpx.post(url + "/graphql", json=register, timeout=10).json()
        finally:
            stop(second)
        # then
        assert url == f"http://localhost:{port}"
        assert health["database"]["ok"] and health["redis"]["ok"] and health["worker"]["ok"]
        assert postmaster(tmp_path) == 0  # the restarted PostgreSQL was stopped too
        assert created["data"]["userRegister"]["accepted"] is True
        assert again["data"]["userRegister"]["errors"][0]["code"] == "DUPLICATE"  # the data survived
        assert (tmp_path / "postgres" / "PG_VERSION").exists() and (tmp_path / "secret_key").exists()
        assert children and not any(child.is_running() and child.status() != psutil.STATUS_ZOMBIE for child in children)


def child_pids(process: subprocess.Popen) -> dict[str, int]:
    """The launcher's running children by role: redis, worker, api."""
    roles = {"redis-server": "redis", "worker": "worker", "uvicorn": "api"}
    found = {}
    for child in psutil.Process(process.pid).children():
        with contextlib.suppress(psutil.Error):
            if child.status() == psutil.STATUS_ZOMBIE:
                continue
            command = " ".join(child.cmdline())
            found.update({role: child.pid for word, role in roles.items() if word in command})
    return found


def postmaster(data_dir: Path) -> int:
    """The embedded PostgreSQL's running postmaster (not a child of the launcher: pg_ctl detaches it)."""
    pid_file = data_dir / "postgres" / "postmaster.pid"
    with contextlib.suppress(OSError, ValueError, psutil.Error):
        pid = int(pid_file.read_text().split()[0])
        if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
            return pid
    return 0


def restarted(before: dict[str, int], now: dict[str, int]) -> bool:
    return all(now.get(role) not in (None, 0, before[role]) for role in ("worker", "redis", "postgres"))


class TestEmbeddedSupervision:
    def test_killed_servers_and_worker_are_restarted_while_the_api_keeps_running(self, tmp_path):
        # given
        process, url = launch(tmp_path, free_port())
        try:
            wait_healthy(url)
            before = {**child_pids(process), "postgres": postmaster(tmp_path)}
            # when
            for role in ("worker", "redis", "postgres"):
                os.kill(before[role], signal.SIGKILL)
            deadline = time.monotonic() + 120
            while not restarted(before, {**child_pids(process), "postgres": postmaster(tmp_path)}):
                assert time.monotonic() < deadline, "not restarted"
                time.sleep(0.3)
            health = wait_healthy(url)
            after = child_pids(process)
        finally:
            children = stop(process)
        # then
        assert after["worker"] != before["worker"] and after["redis"] != before["redis"]
        assert health["database"]["ok"]
        assert postmaster(tmp_path) == 0  # the restarted PostgreSQL was stopped too
        assert after["api"] == before["api"]  # the API was never stopped
        assert health["redis"]["ok"] and health["worker"]["ok"]
        assert not any(child.is_running() and child.status() != psutil.STATUS_ZOMBIE for child in children)
