"""Worker jobs of matching: scoring new jobs, re-scoring after a profile change, and a sweep for
jobs whose scoring was lost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from api.config import get_settings
from api.db import read_session, unit_of_work
from api.matching import repository
from api.matching.scoring import alert_strong_match, scorer_for
from api.notification import service as notifications
from api.user import repository as users
from api.vocabulary import NotificationTopic

GRACE = timedelta(minutes=1)  # leave fresh jobs to the normal after-commit path
BATCH = 500


async def job_score(ctx: dict, job_id: int, alert: bool = True) -> int | None:
    """Score one job (explainable: parts stored with the total, using the user's weights and
    taxonomy); a new job at or above the alert threshold raises one notification."""
    created = None
    async with unit_of_work() as session:
        job = await repository.job_to_score(session, job_id)
        if job is None:  # deleted before the worker got to it
            return None
        user = await users.get(session, job.user_id)
        assert user is not None
        score = (await (await scorer_for(session, user)).apply(session, job)).total
        if alert:
            created = await alert_strong_match(session, job, get_settings().alert_threshold)
            await notifications.send_on_channels(session, [created] if created else [], NotificationTopic.JOB_ALERTS)
    if created is not None:
        await notifications.announce(created)
    return score


async def jobs_rescore_for_user(ctx: dict, user_id: int) -> int:
    """After a profile change: re-score every job of the user (no alerts for old jobs)."""
    async with unit_of_work() as session:
        user = await users.get(session, user_id)
        if user is None:
            return 0
        await repository.lock_scores(session, user_id)
        scorer = await scorer_for(session, user)
        prefix = scorer.key_prefix()
        rows = await repository.jobs_to_rescore(session, user_id, prefix)
        await repository.store_scores(session, user_id, datetime.now(UTC), [scorer.rescored(row, prefix) for row in rows])
        return len(rows)


async def jobs_score_unscored(ctx: dict) -> int:
    """Score jobs that were never scored. Re-running is harmless: scoring is idempotent and a
    job's alert is deduplicated by its key."""
    async with read_session() as session:
        ids = await repository.unscored_job_ids(session, datetime.now(UTC) - GRACE, BATCH)
    for job_id in ids:
        await job_score(ctx, job_id, True)
    return len(ids)
