from __future__ import annotations

import asyncio


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
