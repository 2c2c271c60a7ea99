"""`python -m worker`: run the arq workers (the default and the heavy queue) with the settings
from the environment. `python -m worker --check`: exit 0 when a worker of the default queue
reported health in the last interval (the container healthcheck)."""

from __future__ import annotations

import asyncio
import logging
import sys

from arq.worker import async_check_health

from worker.main import run, worker_settings

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    if sys.argv[1:] == ["--check"]:
        settings = worker_settings()
        sys.exit(asyncio.run(async_check_health(settings["redis_settings"], None, settings["queue_name"])))
    asyncio.run(run())
