"""Safety net for scoring work whose enqueue was lost (Redis down at commit time)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from api.db import read_session
from api.models import Job

GRACE = timedelta(minutes=1)  # leave fresh jobs to the normal after-commit path
BATCH = 500


async def jobs_score_unscored(ctx: dict) -> int:
    """Score jobs that were never scored. Re-running is harmless: scoring is idempotent and a
    job's alert is deduplicated by its key."""
    from api.job.tasks import job_score

    cutoff = datetime.now(UTC) - GRACE
    async with read_session() as session:
        ids = list(
            (
                await session.execute(
                    select(Job.id).where(Job.scored_at.is_(None), Job.created_at < cutoff).order_by(Job.id).limit(BATCH)
                )
            ).scalars()
        )
    for job_id in ids:
        await job_score(ctx, job_id, True)
    return len(ids)
