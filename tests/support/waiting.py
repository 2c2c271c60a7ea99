from __future__ import annotations

import asyncio

from api import broker


async def eventually(check, timeout: float = 15.0, interval: float = 0.05):
    """Poll an async check until it returns a truthy value (work done by the worker)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(interval)


async def worker_idle() -> None:
    """Wait until the workers consuming this run's queues (if they run: its health-check key is
    fresh) has no job left, queued or running (arq removes a job from the queue when it
    finishes). With no worker running, queued jobs never start, so there is nothing to wait for."""
    pool = await broker.pool()

    async def idle() -> bool:
        if not await pool.exists(f"{broker.queue_name()}:health-check"):
            return True
        return all([await pool.zcard(name) == 0 for name in (broker.queue_name(), broker.heavy_queue_name())])

    await eventually(idle, timeout=30)
