"""Worker jobs of career health: everyone's report of the new month."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from api.db import read_session, unit_of_work
from api.health import repository, service

log = logging.getLogger(__name__)
BATCH = 200


async def health_reports_monthly(ctx: dict) -> int:
    """On the 1st and 2nd of the month (so every time zone has entered the new month on one of
    the runs): each user's report of their current local month, in batches of user ids, one unit
    of work per user. Idempotent: one row per user and month, a re-run replaces it."""
    now = datetime.now(UTC)
    done, after = 0, 0
    while True:
        async with read_session() as session:
            user_ids = await repository.user_ids_after(session, after, BATCH)
        if not user_ids:
            return done
        for user_id in user_ids:
            try:
                async with unit_of_work() as session:
                    await service.refresh(session, user_id, now)
                done += 1
            except Exception:  # one user's failure must not stop the month; the next run retries
                log.exception("could not compute the health report of user %s", user_id)
        after = user_ids[-1]


__all__ = ["health_reports_monthly"]
