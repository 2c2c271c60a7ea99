"""Worker jobs of discovery: run a saved search / watched company, the schedule, URL imports.

Idempotent by natural keys: a run is keyed by its row (a finished run is not run again, a
re-delivered one starts over and re-ingests by listing key), postings by (source, source_id),
user jobs by (user, posting), alerts by their dedupe key, imports by their row's status.
Progress lives in the source_runs row; its id is published after every commit as a wake-up.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from api import broker, queue
from api.config import get_settings
from api.db import fail_stale, unit_of_work
from api.discovery import ingest, repository, service
from api.discovery.fetch import FetchError
from api.discovery.http import SourceHttp
from api.discovery.jobposting import import_job_from_url
from api.discovery.postings import SourceQuery
from api.discovery.preview import preview_dict
from api.discovery.registry import create_adapter, run_source
from api.matching.scoring import scorer_for, taxonomy_for
from api.models import JobImport, SavedSearch, WatchedCompany
from api.notification import service as notifications
from api.user import repository as users
from api.vocabulary import JobImportStatus, SourceRunStatus
from api.wording import plural

log = logging.getLogger(__name__)

RUN_CHANNEL = "source_run"
IMPORT_CHANNEL = "job_import"
IMPORT_TIMED_OUT = "Reading the page took too long and was stopped. Please import it again."
TERMINAL = (SourceRunStatus.COMPLETED, SourceRunStatus.COMPLETED_WITH_FAILURES, SourceRunStatus.FAILED)
EXPIRY_BATCH = 500


async def publish_run(run_id: int) -> None:
    await broker.publish(RUN_CHANNEL, run_id, str(run_id))


def _source_settings() -> dict[str, Any]:
    settings = get_settings()
    values: dict[str, Any] = {
        "ADZUNA_APP_ID": settings.adzuna_app_id,
        "ADZUNA_APP_KEY": settings.adzuna_app_key,
        "ADZUNA_COUNTRY": settings.adzuna_country,
        "USAJOBS_API_KEY": settings.usajobs_api_key,
        "USAJOBS_EMAIL": settings.usajobs_email,
        # careers pages are fetched through the URL import's SSRF guard, with its exemptions and limit
        "ALLOW_PRIVATE_FETCH": settings.allow_private_fetch,
        "FETCH_ALLOWED_ADDRESSES": settings.fetch_allowed_addresses,
        "FETCH_MAX_BYTES": settings.fetch_max_bytes,
    }
    return {k: v for k, v in values.items() if v}


def _plan(search: SavedSearch | None, company: WatchedCompany | None) -> list[tuple[str, SourceQuery, str | None]]:
    """(adapter name, query, board token) per source of the run."""
    if company is not None:
        return [(company.source, SourceQuery(board_token=company.board_token), company.board_token)]
    if search is not None:
        query = SourceQuery(keywords=list(search.keywords), locations=list(search.locations), remote=search.remote)
        return [(name, query, None) for name in service.plan_for_search(search)]
    return []


async def source_run_execute(ctx: dict, run_id: int) -> str:
    settings = get_settings()
    now = datetime.now(UTC)
    async with unit_of_work() as session:
        run = await repository.source_run(session, run_id, for_update=True)
        if run is None or run.status in TERMINAL:
            return "nothing to do"
        search, company = await repository.run_target(session, run)
        plan = _plan(search, company)
        # a re-delivered run starts over: every step below is keyed, so nothing doubles
        run.status, run.started_at, run.finished_at, run.error = SourceRunStatus.RUNNING, now, None, None
        run.sources_total, run.sources_done = len(plan), 0
        run.found = run.new = run.duplicates = run.closed = run.matched = 0
        run.outcomes = []
        user_id = run.user_id
        if not plan:
            run.status, run.finished_at, run.error = (
                SourceRunStatus.FAILED,
                now,
                "The saved search or company was removed",
            )
    await publish_run(run_id)
    if not plan:
        return "failed"
    http = SourceHttp(
        timeout=settings.source_timeout, attempts=settings.source_attempts, min_interval=settings.source_min_interval
    )
    outcomes: list[ingest.SourceOutcome] = []
    try:
        for name, query, board in plan:
            adapter = create_adapter(name, http, base_urls=settings.source_base_urls, settings=_source_settings())
            fetched = await run_source(adapter, query)
            outcome, alerts = await _ingest_one(
                run_id, user_id, fetched, board, settings.source_max_postings, settings.alert_threshold
            )
            outcomes.append(outcome)
            await publish_run(run_id)
            for alert in alerts:
                await notifications.announce(alert)
        status = "completed"
    except Exception as exc:  # a bug, or the database went away: the run says so instead of hanging
        log.exception("source run %s failed", run_id)
        status = f"failed: {type(exc).__name__}"
    finally:
        await http.aclose()
    async with unit_of_work() as session:
        run = await repository.source_run(session, run_id, for_update=True)
        if run is not None:
            done = datetime.now(UTC)
            if status != "completed":
                run.status = SourceRunStatus.FAILED
                run.error = "Something went wrong while saving the postings; try again later"
            else:
                run.status, run.error = finished_status(outcomes)
            run.finished_at = done
            for target in await repository.run_target(session, run):
                if target is not None:
                    target.last_run_at = done
    await publish_run(run_id)
    return status


def finished_status(outcomes: list[ingest.SourceOutcome]) -> tuple[SourceRunStatus, str | None]:
    """How a run that went through every source ended: failed when no source delivered and one
    failed (or none could run), completed with failures when some failed, each failure's reason said."""
    failed = [o for o in outcomes if o.status == "error"]
    delivered = [o for o in outcomes if o.status == "ok"]
    reasons = "; ".join(f"{o.source} {o.message}" for o in failed)
    if not delivered and failed:
        return SourceRunStatus.FAILED, (
            "Every source failed: " if len(failed) == len(outcomes) else "No source delivered: "
        ) + reasons
    if not delivered:
        return SourceRunStatus.FAILED, "No source could run: " + "; ".join(f"{o.source} {o.message}" for o in outcomes)
    if failed:
        return SourceRunStatus.COMPLETED_WITH_FAILURES, f"{plural(len(failed), 'source')} of {len(outcomes)} failed: {reasons}"
    return SourceRunStatus.COMPLETED, None


async def _ingest_one(
    run_id: int, user_id: int, fetched, board: str | None, cap: int, threshold: int
) -> tuple[ingest.SourceOutcome, list]:
    now = datetime.now(UTC)
    outcome = ingest.SourceOutcome(fetched.source, fetched.status, fetched.message)
    alerts: list = []
    async with unit_of_work() as session:
        items = fetched.postings[:cap]
        if fetched.status == "ok":
            result = await ingest.ingest(session, items, board=board, now=now)
            outcome.found, outcome.new, outcome.duplicates = len(items), result.new, result.duplicates
            if result.new:  # new postings move market demand: the market rules look again
                queue.enqueue("guidance_evaluate_market", key="guidance:market")
            if board is not None and len(fetched.postings) <= cap:  # a full board: what is missing has closed
                outcome.closed = await ingest.close_missing(session, fetched.source, board, [i.source_id for i in items], now)
            user = await users.get(session, user_id)
            if user is not None:
                scorer = await scorer_for(session, user)
                outcome.matched, alerts = await ingest.link_for_user(
                    session, user, result.postings, scorer, threshold=threshold, now=now
                )
        run = await repository.source_run(session, run_id, for_update=True)
        if run is None:
            return outcome, []
        run.sources_done += 1
        run.found += outcome.found
        run.new += outcome.new
        run.duplicates += outcome.duplicates
        run.closed += outcome.closed
        run.matched += outcome.matched
        run.outcomes = [*run.outcomes, outcome.to_dict()]
    return outcome, alerts


async def sources_schedule_due(ctx: dict) -> int:
    """Cron: start the runs of every due saved search and watched company."""
    async with unit_of_work() as session:
        runs = await service.schedule_due(session, datetime.now(UTC))
    for run in runs:
        await publish_run(run.id)
    return len(runs)


async def job_imports_fail_stale(ctx: dict) -> int:
    """Cron: an import still pending after PENDING_TIMEOUT_MINUTES fails with a retryable error and
    no longer counts against the per-user cap (a late job for it then finds nothing to do)."""
    return await fail_stale(repository.stale_pending_imports, _time_out)


def _time_out(item: JobImport) -> None:
    item.status, item.error_code, item.error = JobImportStatus.FAILED, "TIMED_OUT", IMPORT_TIMED_OUT
    queue.publish(IMPORT_CHANNEL, item.id, str(item.id))


async def job_import_fetch(ctx: dict, import_id: int) -> str:
    """Fetch the page behind an import (SSRF-guarded, capped) and store its JobPosting preview."""
    settings = get_settings()
    async with unit_of_work() as session:
        item = await repository.job_import(session, import_id)
        if item is None or item.status != JobImportStatus.PENDING:
            return "nothing to do"
        url, user_id = item.url, item.user_id
        taxonomy = await taxonomy_for(session, user_id)
    preview = error = code = None
    try:
        posting = await import_job_from_url(
            url,
            allow_private=settings.allow_private_fetch,
            allowed_addresses=settings.fetch_allowed_addresses,
            max_bytes=settings.fetch_max_bytes,
            timeout=settings.fetch_timeout,
        )
        preview = preview_dict(posting, taxonomy)
        if not preview["title"] and not preview["description"]:
            error, code, preview = "The page has no job posting we could read", "EMPTY", None
    except FetchError as exc:
        error, code = _readable(exc), exc.code
    except Exception:  # a page we cannot parse must not kill the job
        log.exception("import %s failed", import_id)
        error, code = "The page could not be read", "UNREADABLE"
    async with unit_of_work() as session:
        item = await repository.job_import(session, import_id, for_update=True)
        if item is None or item.status != JobImportStatus.PENDING:
            return "nothing to do"
        item.status = JobImportStatus.COMPLETED if preview is not None else JobImportStatus.FAILED
        item.preview, item.error, item.error_code = preview, error, code
    await broker.publish(IMPORT_CHANNEL, import_id, str(import_id))
    return item.status


_REASONS = {
    "FORBIDDEN_ADDRESS": "This address is not allowed (private, local or internal network): {message}",
    "INVALID_URL": "This URL cannot be fetched: {message}",
    "DNS_FAILURE": "The site could not be found: {message}",
    "TOO_MANY_REDIRECTS": "The page redirects too often: {message}",
    "TOO_LARGE": "The page is too large: {message}",
    "TIMEOUT": "The site took too long to answer: {message}",
    "HTTP_ERROR": "The site answered with an error: {message}",
    "UNSUPPORTED_CONTENT_TYPE": "This is not a web page: {message}",
    "CONNECTION_FAILED": "Could not connect to the site: {message}",
}


def _readable(error: FetchError) -> str:
    return _REASONS.get(error.code, "{message}").format(message=error.message)


async def postings_close_expired(ctx: dict, *, batch: int = EXPIRY_BATCH) -> int:
    """Close postings past the source's own expiry (and the jobs created from them), one batch per
    transaction until none is left. Returns how many postings closed."""
    total = 0
    while True:
        async with unit_of_work() as session:
            closed = await repository.close_expired_postings(session, datetime.now(UTC), batch)
        total += len(closed)
        if len(closed) < batch:
            return total
