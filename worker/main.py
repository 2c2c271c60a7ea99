"""arq worker: the functions of each concept's tasks.py, the cron jobs, startup and shutdown."""

from __future__ import annotations

import asyncio
import logging
import signal

from arq.cron import cron
from arq.worker import func

from api import broker, db, outbox
from api.account.tasks import account_email_change_send, data_versions_compact
from api.ai import client as model_clients
from api.calendar.tasks import calendar_reminders
from api.config import get_settings
from api.digest.tasks import digests_send_due
from api.discovery.tasks import (
    job_import_fetch,
    job_imports_fail_stale,
    postings_close_expired,
    source_run_execute,
    sources_schedule_due,
)
from api.document.tasks import document_generate, documents_fail_stale
from api.guidance.tasks import (
    guidance_evaluate_due,
    guidance_evaluate_market,
    guidance_evaluate_user,
    guidance_reschedule,
    insight_rephrase,
)
from api.health.tasks import health_reports_monthly
from api.interview.tasks import interview_answer_refine, interview_questions_generate
from api.journey.tasks import journey_recompute, journeys_recompute_nightly
from api.matching.tasks import job_score, jobs_rescore_for_user, jobs_score_unscored
from api.notification.sending import MAX_ATTEMPTS
from api.notification.tasks import deliveries_sweep, delivery_send
from api.resume.tasks import resume_parse, resume_uploads_fail_stale
from api.user.tasks import registration_attempt_notify
from worker.lease import LeasedWorker

log = logging.getLogger(__name__)


async def startup(ctx: dict) -> None:
    db.as_worker()
    db.get_engine()
    try:  # jobs committed while Redis or every worker was down
        await outbox.relay()
    except Exception:  # the cron tries again within a minute
        log.exception("outbox relay at start-up failed")


async def shutdown(ctx: dict) -> None:
    await model_clients.close()
    await broker.close()
    await db.dispose()


def worker_settings() -> dict:
    return {
        "functions": [
            func(job_score, max_tries=5),
            func(jobs_rescore_for_user, max_tries=5),
            func(journey_recompute, max_tries=5),
            func(source_run_execute, max_tries=3, timeout=900),
            func(job_import_fetch, max_tries=3),
            # AI assistance: each job is idempotent by its row (a re-run finds the work done)
            func(document_generate, max_tries=3),
            func(resume_parse, max_tries=2),
            func(interview_questions_generate, max_tries=2),
            func(interview_answer_refine, max_tries=2),
            # guidance: insights by their dedupe key, alerts by insight id
            func(guidance_evaluate_user, max_tries=3),
            func(guidance_evaluate_market, max_tries=3, timeout=900),
            func(guidance_reschedule, max_tries=3),
            func(insight_rephrase, max_tries=2),  # a failure keeps our wording; no retry storm
            # delivery: once per row (locked, only pending is sent); the row counts the attempts
            func(delivery_send, max_tries=MAX_ATTEMPTS + 2, timeout=120),
            func(registration_attempt_notify, max_tries=3, timeout=60),
            func(account_email_change_send, max_tries=3, timeout=60),  # a re-run sends the link again: harmless
        ],
        "cron_jobs": [
            # jobs whose send after their commit failed (Redis down, a process died): the outbox
            cron(outbox.outbox_relay, unique=True),
            # one row per person in data_changes (api.account.versions), whatever the writes since
            cron(data_versions_compact, minute=set(range(3, 60, 10)), unique=True),
            # documents, résumé uploads and imports pending too long fail, releasing their slots
            cron(documents_fail_stale, minute=set(range(1, 60, 5)), unique=True),
            cron(resume_uploads_fail_stale, minute=set(range(1, 60, 5)), unique=True),
            cron(job_imports_fail_stale, minute=set(range(1, 60, 5)), unique=True),
            cron(jobs_score_unscored, minute=set(range(0, 60, 5)), unique=True),
            cron(journeys_recompute_nightly, hour=3, minute=15),
            # guidance: the users due in their time zone, then alerts held back by quiet hours
            cron(guidance_evaluate_due, minute=0, unique=True, timeout=1800),
            # each user's career health report of the new month (the 2nd catches every time zone)
            cron(health_reports_monthly, day={1, 2}, hour=4, minute=30, unique=True),
            # morning briefings and evening summaries due in each person's time zone (once per local date)
            cron(digests_send_due, minute=set(range(0, 60, 5)), unique=True, timeout=1800),
            # deliveries whose send was never enqueued (Redis down) or got lost
            cron(deliveries_sweep, minute=set(range(2, 60, 5)), unique=True),
            # reminders of follow-ups due and interviews within a day (each once, by its natural key)
            cron(postings_close_expired, minute=7, unique=True),
            cron(calendar_reminders, minute={0, 15, 30, 45}, unique=True),
            # due saved searches / watched companies (each runs on its own interval, daily by default)
            cron(sources_schedule_due, minute=set(range(0, 60, max(1, get_settings().discovery_schedule_minutes)))),
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


def heavy_worker_settings() -> dict:
    """The second worker of the process: the heavy queue only (api.queue.HEAVY: model calls,
    parsing, page fetches), so a burst of them never delays the default queue's alerts. The cron
    jobs and the shutdown belong to the first worker (`run`)."""
    return {**worker_settings(), "queue_name": broker.heavy_queue_name(), "cron_jobs": [], "on_shutdown": None}


async def run(*, crons: bool = True) -> None:
    """Both workers in one process until SIGINT/SIGTERM; then the shared connections close once.
    When one of them fails (Redis gone), the other stops too and the error ends the process, so
    a supervisor restarts both (a process with one dead worker would look healthy). Tests that
    share a database run it without the cron jobs."""
    first = {**worker_settings(), "on_shutdown": None}
    if not crons:
        first["cron_jobs"] = []
    workers = [LeasedWorker(**settings, handle_signals=False) for settings in (first, heavy_worker_settings())]
    loop = asyncio.get_running_loop()

    def stop(sig: signal.Signals) -> None:
        for w in workers:
            w.handle_sig(sig)

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop, sig)
    runs = [asyncio.create_task(w.async_run()) for w in workers]
    try:
        await asyncio.wait(runs, return_when=asyncio.FIRST_COMPLETED)
        for w in workers:
            if w.main_task is not None and not w.main_task.done():
                w.main_task.cancel()
        await asyncio.wait(runs)
    finally:
        for w in workers:
            await w.close()
        await shutdown({})
    for task in runs:
        error = None if task.cancelled() else task.exception()
        if error is not None:
            raise error
