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
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", proxy_headers=False)
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


@pytest.fixture(scope="session")
async def base_url():
    from api.app import create_app

    async with running_server(create_app()) as url:
        yield url


@pytest.fixture(scope="session")
async def worker():
    """A real arq worker consuming this run's queue, in the test process."""
    from worker.lease import LeasedWorker
    from worker.main import worker_settings

    settings = worker_settings()
    settings.pop("on_shutdown")  # the app shares the engine and pool with it in this process
    settings["cron_jobs"] = []  # tests call cron functions directly; a timed run would race them
    instance = LeasedWorker(**settings, handle_signals=False, poll_delay=0.05)
    task = asyncio.create_task(instance.async_run())
    yield instance
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task


@pytest.fixture
async def client(base_url):
    async with httpx.AsyncClient(base_url=base_url, timeout=20) as http:
        yield http
