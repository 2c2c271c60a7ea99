"""An arq worker whose running jobs hold a short, renewed lease.

arq marks a started job with `arq:in-progress:<job id>` for the longest job timeout of the
worker (plus 10 s) and only another worker that finds the key gone may run the job again. A job
whose worker was killed (-9, OOM, power) therefore waited up to half an hour. Here the key lives
`lease_seconds` and a background task renews it every third of that while the job runs, so an
interrupted job is picked up again within one lease. Every task is idempotent by its natural key,
which is what makes running a job again safe; a job that blocks the event loop for longer than
the lease may run twice, never wrongly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from arq.constants import in_progress_key_prefix
from arq.worker import Worker

from api.config import get_settings

log = logging.getLogger(__name__)


class LeasedWorker(Worker):
    def __init__(self, *args: Any, lease_seconds: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lease_seconds = lease_seconds or get_settings().job_lease_seconds
        self.in_progress_timeout_s = self.lease_seconds  # what start_jobs() sets on the key

    async def main(self) -> None:
        renewing = asyncio.create_task(self._renew_leases())
        try:
            await super().main()
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing

    async def _renew_leases(self) -> None:
        while True:  # its own task: a poll loop waiting for a free slot does not delay it
            await asyncio.sleep(self.lease_seconds / 3)
            try:
                await self.renew_leases()
            except Exception:  # Redis away: the next round tries again; the poll loop reports it
                log.warning("could not renew job leases", exc_info=True)

    async def renew_leases(self) -> None:
        """Extend the in-progress key of every job running now (a finished job's key is gone or
        belongs to arq's own bookkeeping and is left alone)."""
        running = list(self.job_tasks)
        if not running or self._pool is None:
            return
        async with self.pool.pipeline(transaction=False) as pipe:
            for job_id in running:
                pipe.pexpire(in_progress_key_prefix + job_id, int(self.lease_seconds * 1000))
            await pipe.execute()
