"""Worker jobs of the job domain: scoring and re-scoring."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from api.config import get_settings
from api.db import read_session, unit_of_work
from api.job import repository
from api.matching.scoring import scorer_for
from api.models import Job, User
from api.notification import service as notifications


async def job_score(ctx: dict, job_id: int, alert: bool = True) -> int | None:
    """Score one job (explainable: parts stored with the total, using the user's weights and
    taxonomy); a new job at or above the alert threshold raises one notification."""
    created = None
    async with unit_of_work() as session:
        job = (await session.execute(select(Job).where(Job.id == job_id).with_for_update())).scalar_one_or_none()
        if job is None:  # deleted before the worker got to it
            return None
        user = await session.get(User, job.user_id)
        assert user is not None
        (await scorer_for(session, user)).apply(job)
        if alert and job.match_score >= get_settings().alert_threshold:
            created = await notifications.create(
                session,
                user_id=user.id,
                kind="job_match",
                title=f"Strong match: {job.title} at {job.company}",
                body=f"Scored {job.match_score}/100 against your profile.",
                job_id=job.id,
                dedupe_key=f"job_match:{job.id}",
            )
        score = job.match_score
    if created is not None:
        await notifications.announce(created)
    return score


async def jobs_rescore_for_user(ctx: dict, user_id: int) -> int:
    """After a profile change: re-score every job of the user (no alerts for old jobs)."""
    async with unit_of_work() as session:
        user = await session.get(User, user_id)
        if user is None:
            return 0
        jobs = list((await session.execute(select(Job).where(Job.user_id == user_id).with_for_update())).scalars())
        now = datetime.now(UTC)
        scorer = await scorer_for(session, user)
        for job in jobs:
            scorer.apply(job, now)
        return len(jobs)


__all__ = ["job_score", "jobs_rescore_for_user", "repository"]


GRACE = timedelta(minutes=1)  # leave fresh jobs to the normal after-commit path
BATCH = 500


async def jobs_score_unscored(ctx: dict) -> int:
    """Score jobs that were never scored. Re-running is harmless: scoring is idempotent and a
    job's alert is deduplicated by its key."""
    from api.matching.tasks import job_score

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
