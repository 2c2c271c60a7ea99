"""`make run`: start what is needed, migrate, run the API and one worker, print the URL.

With DATABASE_URL / REDIS_URL unset, real PostgreSQL and Redis servers are started from
wheels with their data in DATA_DIR. Every child is supervised (api/supervise.py): one that dies
is restarted with backoff and logged while the others keep running. Ctrl-C (or SIGTERM) stops
the API and the worker, then those servers.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from api.config import Settings
from api.embedded import free_port, start_postgres, start_redis
from api.supervise import Process, Spec, Supervisor


def migrate(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], check=True, env=env)


def python_child(args: list[str], env: dict[str, str]) -> Process:
    # Its own process group: Ctrl-C in the terminal reaches only this launcher, which stops the
    # children in order instead of racing their own shutdown.
    return Process(subprocess.Popen([sys.executable, *args], env=env, process_group=0))


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = Settings()
    data_dir = settings.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    supervisor = Supervisor()
    supervisor.stop_on_signals()
    try:
        env = dict(os.environ)
        if settings.database_url is None:
            print("Starting embedded PostgreSQL…", flush=True)
            postgres = start_postgres(data_dir)  # a restart reuses the data and the URL
            supervisor.add(Spec("postgres", lambda: start_postgres(data_dir)), postgres)
            env["DATABASE_URL"] = postgres.url
        if settings.redis_url is None:
            print("Starting embedded Redis…", flush=True)
            port = free_port()  # kept across restarts: the API and the worker keep their URL
            redis = start_redis(data_dir, port)
            supervisor.add(Spec("redis", lambda: start_redis(data_dir, port)), redis)
            env["REDIS_URL"] = redis.url
        if settings.embedded:
            env["SECRET_KEY"] = settings.jwt_secret()  # generated once, kept in DATA_DIR
            env.setdefault("GRAPHIQL", "true")
        migrate(env["DATABASE_URL"])
        # --no-proxy-headers: X-Forwarded-For is believed only from TRUSTED_PROXIES (api.security).
        # No per-message deflate: live updates are small JSON messages, and its compression state
        # would cost each socket ~100 KB. The WebSocket protocol is uvicorn's sans-I/O one, lighter
        # per idle socket (api/wsprotocol.py).
        uvicorn = ["-m", "uvicorn", "api.app:create_app", "--factory", "--host", settings.host, "--port", str(settings.port)]
        uvicorn += ["--ws", "api.wsprotocol:LeanWebSocketProtocol", "--ws-per-message-deflate", "false"]
        supervisor.add(Spec("worker", lambda: python_child(["-m", "worker"], env)))
        supervisor.add(Spec("api", lambda: python_child([*uvicorn, "--log-level", "warning", "--no-proxy-headers"], env)))
        url = (
            settings.public_url
            or f"http://{'localhost' if settings.host in ('127.0.0.1', '0.0.0.0') else settings.host}:{settings.port}"
        )
        print(f"\nCareer Companion is running at {url}\n(Ctrl-C to stop)\n", flush=True)
        supervisor.run()
        return 0
    finally:
        print("Stopping…", flush=True)
        supervisor.stop_all()
        print("Stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
