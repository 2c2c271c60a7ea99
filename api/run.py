"""`make run`: start what is needed, migrate, run the API and one worker, print the URL.

With DATABASE_URL / REDIS_URL unset, real PostgreSQL and Redis servers are started from
wheels with their data in DATA_DIR. Ctrl-C stops the API, the worker and those servers.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time

from api.config import Settings
from api.embedded import start_postgres, start_redis


def migrate(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], check=True, env=env)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    stoppers = []
    children: list[subprocess.Popen] = []
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        env = dict(os.environ)
        if settings.database_url is None:
            print("Starting embedded PostgreSQL…", flush=True)
            postgres = start_postgres(settings.data_dir)
            stoppers.append(postgres.stop)
            env["DATABASE_URL"] = postgres.url
        if settings.redis_url is None:
            print("Starting embedded Redis…", flush=True)
            redis = start_redis(settings.data_dir)
            stoppers.append(redis.stop)
            env["REDIS_URL"] = redis.url
        if settings.embedded:
            env["SECRET_KEY"] = settings.jwt_secret()  # generated once, kept in DATA_DIR
            env.setdefault("GRAPHIQL", "true")
        migrate(env["DATABASE_URL"])
        children.append(subprocess.Popen([sys.executable, "-m", "worker"], env=env))
        children.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "api.app:create_app",
                    "--factory",
                    "--host",
                    settings.host,
                    "--port",
                    str(settings.port),
                    "--log-level",
                    "warning",
                    # Live updates are small JSON messages: per-message deflate would cost each
                    # socket ~100 KB of compression state for next to nothing.
                    "--ws-per-message-deflate",
                    "false",
                ],
                env=env,
            )
        )
        url = (
            settings.public_url
            or f"http://{'localhost' if settings.host in ('127.0.0.1', '0.0.0.0') else settings.host}:{settings.port}"
        )
        print(f"\nCareer Companion is running at {url}\n(Ctrl-C to stop)\n", flush=True)
        while not stopping:
            if any(child.poll() is not None for child in children):
                print("A child process exited; shutting down.", flush=True)
                break
            time.sleep(0.3)
        return 0
    finally:
        print("Stopping…", flush=True)
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(15)
            except subprocess.TimeoutExpired:
                child.kill()
        for stopper in reversed(stoppers):
            stopper()
        print("Stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
