"""Worker jobs of the journey domain: refresh the cached analytics after changes and nightly."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from api import queue
from api.db import read_session, unit_of_work
from api.journey import repository, service

log = logging.getLogger(__name__)


async def journey_recompute(ctx: dict, user_id: int) -> str | None:
    """Recompute learning patterns, velocity and the next-milestone prediction into the user's
    journey row. Idempotent: it derives everything from the stored history and overwrites."""
    async with unit_of_work() as session:
        journey = await service.recompute(session, user_id)
        return journey.computed_at.isoformat() if journey and journey.computed_at else None


async def journeys_recompute_nightly(ctx: dict) -> int:
    """Nightly: velocity and predictions move with the calendar even without new data.
    One job per user, keyed by user and date, so overlapping runs collapse into one."""
    today = datetime.now(UTC).date().isoformat()
    async with read_session() as session:
        user_ids = await repository.journey_user_ids(session)
    for user_id in user_ids:
        try:
            await queue.send("journey_recompute", user_id, key=f"journey_recompute:{user_id}:{today}")
        except Exception:  # one lost job is retried tomorrow; keep going
            log.exception("could not enqueue the nightly recompute of user %s", user_id)
    return len(user_ids)


__all__ = ["journey_recompute", "journeys_recompute_nightly"]
