"""`python -m worker`: run one arq worker with the settings from the environment."""

from __future__ import annotations

import logging

from arq.worker import run_worker

from worker.main import worker_settings

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    run_worker(worker_settings())
