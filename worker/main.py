"""arq worker: functions from api.<domain>.tasks, cron jobs, startup/shutdown."""

from __future__ import annotations

from arq.cron import cron
from arq.worker import func

from api import broker, db
from api.job.sweep import jobs_score_unscored
from api.job.tasks import job_score, jobs_rescore_for_user
from api.journey.tasks import journey_recompute, journeys_recompute_nightly


async def startup(ctx: dict) -> None:
    db.get_engine()


async def shutdown(ctx: dict) -> None:
    await broker.close()
    await db.dispose()


def worker_settings() -> dict:
    return {
        "functions": [func(job_score, max_tries=5), func(jobs_rescore_for_user, max_tries=5),
                      func(journey_recompute, max_tries=5)],
        "cron_jobs": [
            cron(jobs_score_unscored, minute=set(range(0, 60, 5)), unique=True),
            cron(journeys_recompute_nightly, hour=3, minute=15),
        ],
        "on_startup": startup,
        "on_shutdown": shutdown,
        "redis_settings": broker.redis_settings(),
        "queue_name": broker.queue_name(),
        "health_check_interval": 15,
        "keep_result": 0,  # job ids only collapse duplicates while queued; re-runs stay possible
        "max_jobs": 10,
        "job_timeout": 300,
    }
