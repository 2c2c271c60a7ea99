"""`python -m worker`: run one arq worker with the settings from the environment.
`python -m worker --check`: exit 0 when a worker of this queue reported health in the last
interval (the container healthcheck)."""

from __future__ import annotations

import asyncio
import logging
import sys

from arq.worker import async_check_health

from worker.lease import LeasedWorker
from worker.main import worker_settings

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    settings = worker_settings()
    if sys.argv[1:] == ["--check"]:
        sys.exit(asyncio.run(async_check_health(settings["redis_settings"], None, settings["queue_name"])))
    LeasedWorker(**settings).run()
