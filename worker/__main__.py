"""`python -m worker`: run the arq workers (the default and the heavy queue) with the settings
from the environment."""

from __future__ import annotations

import asyncio
import logging

from worker.main import run

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    asyncio.run(run())
