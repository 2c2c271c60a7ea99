"""A running API (uvicorn on loopback) and a real arq worker for the test session, and the
HTTP client tests talk to it with."""

from __future__ import annotations

import asyncio
import contextlib
import socket

import httpx
import pytest
import uvicorn

from tests.support.services import TestServices, session_services


@pytest.fixture(scope="session")
def services() -> TestServices:
    return session_services


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def running_server(app, port: int | None = None):
    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="off",
            proxy_headers=False,
            ws="api.wsprotocol:LeanWebSocketProtocol",  # as `make run` serves sockets
        )
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@contextlib.asynccontextmanager
async def api_replica(**env: str):
    """Another API replica in its own process (tests/support/processes.py), with this run's settings
    plus `env`: its URL once it answers."""
    from tests.support.processes import api_process, child_env, ended
    from tests.support.waiting import eventually

    port = free_port()
    process = api_process(child_env(**env), port)
    url = f"http://127.0.0.1:{port}"

    async def up() -> bool:
        async with httpx.AsyncClient(base_url=url) as probe:
            try:
                return (await probe.get("/healthz")).status_code in (200, 503)
            except httpx.TransportError:
                return False

    try:
        await eventually(up, timeout=60, interval=0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        finally:
            ended(process)


@pytest.fixture(scope="session")
async def base_url():
    from api.app import create_app

    async with running_server(create_app()) as url:
        yield url


@pytest.fixture(scope="session")
async def workers():
    """The real arq workers consuming this run's queues, in the test process, as `python -m worker`
    runs them: (the default queue's, the heavy queue's)."""
    from api import db
    from worker.lease import LeasedWorker
    from worker.main import heavy_worker_settings, worker_settings

    db.get_engine()  # the API's engine (its statement timeout) before the workers' start-up marks the process a worker
    instances = []
    for settings in (worker_settings(), heavy_worker_settings()):
        settings.pop("on_shutdown")  # the app shares the engine and pool with it in this process
        settings["cron_jobs"] = []  # tests call cron functions directly; a timed run would race them
        instances.append(LeasedWorker(**settings, handle_signals=False, poll_delay=0.05))
    tasks = [asyncio.create_task(instance.async_run()) for instance in instances]
    yield tuple(instances)
    for task in tasks:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task


@pytest.fixture(scope="session")
async def worker(workers):
    """The default queue's worker (the heavy queue's runs beside it)."""
    return workers[0]


@pytest.fixture
async def heavy_held(workers):
    """The heavy queue's worker starts no job during the test (a saturated heavy queue): work a
    person starts stays pending; the default queue runs as usual. Released after the test."""
    heavy = workers[1]
    heavy.allow_pick_jobs = False
    yield heavy
    heavy.allow_pick_jobs = True


@pytest.fixture
async def client(base_url):
    async with httpx.AsyncClient(base_url=base_url, timeout=20) as http:
        yield http
