"""Discovery rules: saved searches, watched companies, refreshes (rate-limited), URL/text imports.
Takes the session and the user explicitly; flushes, never commits; enqueues after commit."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlparse

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api import limits, queue
from api.config import get_settings
from api.discovery import repository
from api.discovery.adapters.workday import workday_token
from api.discovery.preview import job_fields_from_preview, parse_job_text
from api.errors import AppError, Conflict, ErrorCode, NotFound, RateLimited, Validator, found
from api.job import service as job_service
from api.matching.scoring import taxonomy_for
from api.models import Job, JobImport, SavedSearch, SourceRun, WatchedCompany
from api.vocabulary import JobBoard, JobImportStatus, JobOrigin, SearchSource, SourceRunTrigger, values

MAX_TERMS = 20
MAX_PENDING_IMPORTS = 5
DEFAULT_INTERVAL = 24
_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
# a board URL pasted instead of its token: boards.greenhouse.io/<t>, jobs.lever.co/<t>, jobs.ashbyhq.com/<t>
_BOARD_URL = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:greenhouse\.io|lever\.co|ashbyhq\.com)/(?:embed/job_board\?for=)?([A-Za-z0-9._-]+)"
)
# boards whose token is the host's first label: <t>.recruitee.com, <t>.jobs.personio.de, <t>.bamboohr.com …
_HOST_BOARD_URL = re.compile(
    r"^https?://([A-Za-z0-9-]+)\.(?:recruitee\.com|jobs\.personio\.(?:de|com)|bamboohr\.com|teamtailor\.com)(?:[/?#].*)?$"
)


def _terms(check: Validator, name: str, entries: list[str] | None, limit: int) -> list[str]:
    seen: dict[str, str] = {}
    for raw in entries or []:
        value = " ".join((raw or "").split())
        if not value:
            continue
        if len(value) > limit:
            check.add(name, f"Each entry must be at most {limit} characters", ErrorCode.TOO_LONG)
            continue
        seen.setdefault(value.lower(), value)
    if len(seen) > MAX_TERMS:
        check.add(name, f"At most {MAX_TERMS} entries", ErrorCode.TOO_LONG)
    return list(seen.values())


def _interval(check: Validator, hours: int | None) -> int:
    if hours is None:
        return DEFAULT_INTERVAL
    if not 1 <= hours <= 720:
        check.add("interval_hours", "Run every 1 to 720 hours", ErrorCode.OUT_OF_RANGE)
    return hours


def _apply_search(check: Validator, search: SavedSearch, changes: dict[str, Any], creating: bool) -> None:
    """Apply the fields given (on create: every field, missing ones as None)."""
    if creating or "name" in changes:
        search.name = check.text("name", changes.get("name"), max_len=120, required=False, label="Name") or ""
    if creating or "keywords" in changes:
        search.keywords = _terms(check, "keywords", changes.get("keywords"), 80)
    if creating or "locations" in changes:
        search.locations = _terms(check, "locations", changes.get("locations"), 120)
    if creating or "remote" in changes:
        search.remote = changes.get("remote")
    if creating or "sources" in changes:
        sources = [s.strip().lower() for s in changes.get("sources") or [] if s and s.strip()]
        unknown = [s for s in sources if s not in values(SearchSource)]
        if unknown:
            check.add("sources", f"Unknown source {unknown[0]!r}; searches run on: {', '.join(values(SearchSource))}")
        search.sources = list(dict.fromkeys(sources))
    if creating or "interval_hours" in changes:
        search.interval_hours = _interval(check, changes.get("interval_hours"))
    if not search.keywords:
        check.add("keywords", "Give at least one keyword", ErrorCode.REQUIRED)
    if not search.name:
        search.name = ", ".join(search.keywords)[:120]


def _next_run(hours: int, now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) + timedelta(hours=hours)


async def create_search(session: AsyncSession, user_id: int, changes: dict[str, Any]) -> SavedSearch:
    check = Validator()
    search = SavedSearch(user_id=user_id)
    _apply_search(check, search, changes, creating=True)
    check.check()
    # The first scheduled run is one interval away; "Refresh now" runs it at once.
    search.next_run_at = _next_run(search.interval_hours)
    session.add(search)
    await session.flush()
    return search


async def _search(session: AsyncSession, user_id: int, search_id: int, field: str = "id") -> SavedSearch:
    search = await repository.saved_search(session, user_id, search_id, for_update=True)
    if search is None:
        raise NotFound("Saved search not found", field)
    return search


async def _company(session: AsyncSession, user_id: int, company_id: int, field: str = "id") -> WatchedCompany:
    company = await repository.watched_company(session, user_id, company_id, for_update=True)
    if company is None:
        raise NotFound("Watched company not found", field)
    return company


async def update_search(session: AsyncSession, user_id: int, search_id: int, changes: dict[str, Any]) -> SavedSearch:
    search = await _search(session, user_id, search_id)
    check = Validator()
    _apply_search(check, search, changes, creating=False)
    check.check()
    if "interval_hours" in changes:
        search.next_run_at = _next_run(search.interval_hours, search.last_run_at)
    await session.flush()
    return search


async def delete_search(session: AsyncSession, user_id: int, search_id: int) -> None:
    await session.delete(await _search(session, user_id, search_id))
    await session.flush()


def board_token(raw: str | None, source: str | None = None) -> str:
    value = (raw or "").strip()
    if source == JobBoard.WORKDAY:
        return workday_token(value) or value
    if source == JobBoard.CAREERS_PAGE:
        return value
    match = _BOARD_URL.match(value) or _HOST_BOARD_URL.match(value)
    return match.group(1) if match else value.strip("/")


def _token_problem(source: str, token: str) -> str | None:
    if source == JobBoard.WORKDAY:
        if workday_token(token) is None:
            return "A Workday board is 'tenant/site/wdN' or its careers URL, e.g. 'https://workday.wd5.myworkdayjobs.com/Workday'"
        return None
    if source == JobBoard.CAREERS_PAGE:
        parsed = urlparse(token)
        if parsed.scheme not in ("http", "https") or not parsed.netloc or len(token) > 200 or any(c.isspace() for c in token):
            return "A careers page is its URL (http:// or https://, at most 200 characters), e.g. 'https://example.com/careers'"
        return None
    if not _TOKEN.match(token):
        return "A board token has letters, digits, dots, dashes or underscores, e.g. 'vercel'"
    return None


async def add_company(
    session: AsyncSession, user_id: int, source: str, token: str, name: str | None, interval_hours: int | None
) -> WatchedCompany:
    check = Validator()
    token = board_token(token, source)
    check.one_of("source", source, JobBoard, "Source")
    if not token:
        check.add("board_token", "Board token is required (the company's slug, e.g. 'vercel')", ErrorCode.REQUIRED)
    elif problem := _token_problem(source, token):
        check.add("board_token", problem)
    name = check.text("name", name, max_len=200, label="Name") or token.replace("-", " ").replace("_", " ").title()
    hours = _interval(check, interval_hours)
    check.check()
    if await repository.watched_company_by_token(session, user_id, source, token) is not None:
        raise Conflict("You already watch this company board", "board_token")
    company = WatchedCompany(
        user_id=user_id, source=source, board_token=token, name=name, interval_hours=hours, next_run_at=_next_run(hours)
    )
    session.add(company)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:  # a concurrent add won
        raise Conflict("You already watch this company board", "board_token") from exc
    return company


async def remove_company(session: AsyncSession, user_id: int, company_id: int) -> None:
    await session.delete(await _company(session, user_id, company_id))
    await session.flush()


def plan_for_search(search: SavedSearch) -> list[str]:
    return list(search.sources) or list(values(SearchSource))


def _run_for(target: SavedSearch | WatchedCompany, trigger: SourceRunTrigger) -> SourceRun:
    """A new run of a saved search (every source it names) or of a watched company (its board)."""
    if isinstance(target, SavedSearch):
        return SourceRun(
            user_id=target.user_id,
            saved_search_id=target.id,
            label=target.name,
            trigger=trigger,
            sources_total=len(plan_for_search(target)),
        )
    return SourceRun(user_id=target.user_id, watched_company_id=target.id, label=target.name, trigger=trigger, sources_total=1)


async def refresh(
    session: AsyncSession, user_id: int, *, saved_search_id: int | None, watched_company_id: int | None
) -> SourceRun:
    """Start a manual run now. One manual run per user at a time: a second is RATE_LIMITED."""
    target: SavedSearch | WatchedCompany
    if saved_search_id is not None and watched_company_id is None:
        target = await _search(session, user_id, saved_search_id, "saved_search_id")
    elif watched_company_id is not None and saved_search_id is None:
        target = await _company(session, user_id, watched_company_id, "watched_company_id")
    else:
        raise AppError("Give either a saved search or a watched company", "saved_search_id")
    run = _run_for(target, SourceRunTrigger.MANUAL)
    now = datetime.now(UTC)
    stale = now - timedelta(minutes=get_settings().refresh_stale_minutes)
    await repository.fail_stale_manual_runs(session, user_id, stale)
    session.add(run)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:  # the partial unique index: a manual run is already active
        raise RateLimited("A refresh is already running; wait for it to finish", None) from exc
    target.next_run_at = _next_run(target.interval_hours, now)  # the schedule restarts from now
    await session.flush()
    queue.enqueue("source_run_execute", run.id, key=f"source_run:{run.id}")
    return run


async def schedule_due(session: AsyncSession, now: datetime, limit: int = 100) -> list[SourceRun]:
    """Create a scheduled run for every due search/company; the next run moves one interval on
    in the same transaction, so a re-delivered cron job finds nothing left to do."""
    due: list[SavedSearch | WatchedCompany] = [
        *await repository.due_saved_searches(session, now, limit),
        *await repository.due_watched_companies(session, now, limit),
    ]
    runs = [_run_for(target, SourceRunTrigger.SCHEDULE) for target in due]
    for target in due:
        target.next_run_at = _next_run(target.interval_hours, now)
    session.add_all(runs)
    await session.flush()
    for run in runs:
        queue.enqueue("source_run_execute", run.id, key=f"source_run:{run.id}")
    return runs


# --- imports -------------------------------------------------------------------------------------


def _check_url(check: Validator, url: str | None, field_name: str) -> str:
    url = (url or "").strip()
    if not url:
        check.add(field_name, "URL is required", ErrorCode.REQUIRED)
    elif len(url) > 2000:
        check.add(field_name, "URL must be at most 2000 characters", ErrorCode.TOO_LONG)
    else:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            check.add(field_name, "URL must start with http:// or https://")
    return url


async def import_from_url(session: AsyncSession, user_id: int, url: str) -> JobImport:
    """A pending import the worker fetches (SSRF-guarded). At most a few pending per user (counted
    under the user's lock) and a rate per window (api.limits)."""
    check = Validator()
    url = _check_url(check, url, "url")
    check.check()
    await limits.within_cap(
        session,
        "import",
        user_id,
        lambda: repository.pending_imports(session, user_id),
        MAX_PENDING_IMPORTS,
        f"At most {MAX_PENDING_IMPORTS} imports can be in progress; wait for one to finish",
        "url",
    )
    await limits.within_rate("import", user_id, "url")
    item = JobImport(user_id=user_id, url=url, status=JobImportStatus.PENDING)
    session.add(item)
    await session.flush()
    queue.enqueue("job_import_fetch", item.id, key=f"job_import:{item.id}")
    return item


async def save_import(session: AsyncSession, user_id: int, import_id: int, overrides: dict[str, Any]) -> Job:
    item = found(await repository.job_import(session, import_id, user_id=user_id, for_update=True), "Import not found", "id")
    if item.status == JobImportStatus.PENDING:
        raise AppError("The page is still being read; try again in a moment", "id")
    if item.status == JobImportStatus.FAILED or item.preview is None:
        raise AppError(f"This import failed: {item.error or 'the page could not be read'}", "id")
    if item.job_id is not None:
        raise Conflict("This import was already saved as a job", "id")
    job = await job_service.create(session, user_id, {**job_fields_from_preview(item.preview), **overrides})
    job.origin = JobOrigin.IMPORTED
    item.job_id = job.id
    await session.flush()
    return job


async def parse_text(session: AsyncSession, user_id: int, text: str, source_url: str | None) -> dict[str, Any]:
    return parse_job_text(text, source_url, await taxonomy_for(session, user_id))


async def create_from_text(
    session: AsyncSession, user_id: int, text: str, source_url: str | None, overrides: dict[str, Any]
) -> Job:
    check = Validator()
    text = check.text("text", text, max_len=50_000, required=True, label="Description") or ""
    if source_url:
        _check_url(check, source_url, "source_url")
    check.check()
    preview = await parse_text(session, user_id, text, source_url)
    job = await job_service.create(session, user_id, {**job_fields_from_preview(preview), **overrides})
    job.origin = JobOrigin.IMPORTED
    await session.flush()
    return job
