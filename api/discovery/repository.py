"""All SQL of discovery. Owned rows (searches, companies, runs, imports) always filter by user;
postings and their sources are global (no personal data) and are written only by the worker."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import TypeVar

from sqlalchemy import func, literal, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from api.db import owned, owned_by_ids, page, stale
from api.models import Application, Job, JobImport, Posting, PostingSource, SavedSearch, SourceRun, WatchedCompany
from api.vocabulary import ApplicationStatus, JobImportStatus, SourceRunStatus, SourceRunTrigger

MAX_REPOST_CHAIN = 50

Owned = TypeVar("Owned", SavedSearch, WatchedCompany, SourceRun, JobImport)
Scheduled = TypeVar("Scheduled", SavedSearch, WatchedCompany)


async def _page(session: AsyncSession, user_id: int, offset: int, limit: int, *, model: type[Owned]) -> tuple[list[Owned], int]:
    """The user's rows, newest first, and how many there are."""
    return await page(session, select(model).where(model.user_id == user_id), offset, limit, model.id.desc())


async def _by_ids(session: AsyncSession, user_id: int, ids: list[int], *, model: type[Owned]) -> list[Owned]:
    return await owned_by_ids(session, model, user_id, ids)


async def _one(session: AsyncSession, user_id: int, row_id: int, *, for_update: bool = False, model: type[Owned]) -> Owned | None:
    return await owned(session, model, user_id, row_id, for_update=for_update)


async def _due(session: AsyncSession, now: datetime, limit: int, *, model: type[Scheduled]) -> list[Scheduled]:
    """Rows whose next run is due, locked; rows another worker holds are left to it."""
    query = select(model).where(model.next_run_at <= now).order_by(model.next_run_at).limit(limit)
    return list((await session.execute(query.with_for_update(skip_locked=True))).scalars())


# --- saved searches and watched companies ------------------------------------------------------

saved_searches_page = partial(_page, model=SavedSearch)
saved_search = partial(_one, model=SavedSearch)
due_saved_searches = partial(_due, model=SavedSearch)

watched_companies_page = partial(_page, model=WatchedCompany)
watched_company = partial(_one, model=WatchedCompany)
due_watched_companies = partial(_due, model=WatchedCompany)


async def watched_company_by_token(session: AsyncSession, user_id: int, source: str, token: str) -> WatchedCompany | None:
    query = select(WatchedCompany).where(
        WatchedCompany.user_id == user_id,
        WatchedCompany.source == source,
        func.lower(WatchedCompany.board_token) == token.lower(),
    )
    return (await session.execute(query)).scalar_one_or_none()


# --- source runs -------------------------------------------------------------------------------


source_runs_page = partial(_page, model=SourceRun)
source_runs_by_ids = partial(_by_ids, model=SourceRun)


async def source_run(session: AsyncSession, run_id: int, *, for_update: bool = False) -> SourceRun | None:
    """By id alone: for the worker, which acts for the run's owner."""
    query = select(SourceRun).where(SourceRun.id == run_id)
    return (await session.execute(query.with_for_update() if for_update else query)).scalar_one_or_none()


async def run_target(session: AsyncSession, run: SourceRun) -> tuple[SavedSearch | None, WatchedCompany | None]:
    """What a run fetches: its saved search or its watched company (None once removed)."""
    search = await session.get(SavedSearch, run.saved_search_id) if run.saved_search_id else None
    company = await session.get(WatchedCompany, run.watched_company_id) if run.watched_company_id else None
    return search, company


async def latest_runs(session: AsyncSession, user_id: int, column, ids: list[int]) -> list[SourceRun]:
    """The newest run per saved search / watched company (column: SourceRun.saved_search_id …)."""
    query = (
        select(SourceRun)
        .distinct(column)
        .where(SourceRun.user_id == user_id, column.in_(ids))
        .order_by(column, SourceRun.id.desc())
    )
    return list((await session.execute(query)).scalars())


async def fail_stale_manual_runs(session: AsyncSession, user_id: int, before: datetime) -> None:
    """A manual run a dead worker left behind must not block refreshes forever."""
    await session.execute(
        update(SourceRun)
        .where(
            SourceRun.user_id == user_id,
            SourceRun.trigger == SourceRunTrigger.MANUAL,
            SourceRun.status.in_((SourceRunStatus.PENDING, SourceRunStatus.RUNNING)),
            SourceRun.created_at < before,
        )
        .values(
            status=SourceRunStatus.FAILED,
            error="Abandoned: the worker did not finish it in time",
            finished_at=func.now(),
        )
    )


# --- job imports -------------------------------------------------------------------------------


job_imports_by_ids = partial(_by_ids, model=JobImport)


async def job_import(
    session: AsyncSession, import_id: int, *, user_id: int | None = None, for_update: bool = False
) -> JobImport | None:
    query = select(JobImport).where(JobImport.id == import_id)
    if user_id is not None:
        query = query.where(JobImport.user_id == user_id)
    return (await session.execute(query.with_for_update() if for_update else query)).scalar_one_or_none()


async def pending_imports(session: AsyncSession, user_id: int) -> int:
    query = select(func.count()).where(JobImport.user_id == user_id, JobImport.status == JobImportStatus.PENDING)
    return (await session.execute(query)).scalar_one()


# --- postings (global) -------------------------------------------------------------------------


async def lock_ingestion(session: AsyncSession) -> None:
    """Serialise ingestion across workers for this transaction, so two runs that see the same
    new posting (from one source or two) cannot both insert it. Batches are short."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext("cc:ingest"))))


async def candidate_postings(
    session: AsyncSession, keys: Iterable[tuple[str, str]], urls: Iterable[str], fuzzy_keys: Iterable[str]
) -> tuple[list[Posting], list[PostingSource]]:
    """Postings an incoming batch may duplicate (same listing, canonical URL or fuzzy key),
    with every source of each."""
    keys, urls, fuzzy_keys = list(set(keys)), [u for u in set(urls) if u], list(set(fuzzy_keys))
    by_listing = select(PostingSource.posting_id).where(tuple_(PostingSource.source, PostingSource.source_id).in_(keys))
    ids_query = select(Posting.id).where(
        or_(Posting.id.in_(by_listing), Posting.canonical_url.in_(urls), Posting.fuzzy_key.in_(fuzzy_keys))
    )
    postings = list((await session.execute(select(Posting).where(Posting.id.in_(ids_query)).order_by(Posting.id))).scalars())
    if not postings:
        return [], []
    sources = await sources_of(session, [p.id for p in postings])
    return postings, sources


async def sources_of(session: AsyncSession, posting_ids: list[int]) -> list[PostingSource]:
    query = select(PostingSource).where(PostingSource.posting_id.in_(posting_ids)).order_by(PostingSource.id)
    return list((await session.execute(query)).scalars())


async def open_board_listings(session: AsyncSession, source: str, board: str) -> list[PostingSource]:
    query = select(PostingSource).where(
        PostingSource.source == source,
        func.lower(PostingSource.board) == board.lower(),
        PostingSource.closed_at.is_(None),
    )
    return list((await session.execute(query)).scalars())


async def postings_without_open_sources(session: AsyncSession, posting_ids: list[int]) -> list[Posting]:
    open_source = select(PostingSource.id).where(PostingSource.posting_id == Posting.id, PostingSource.closed_at.is_(None))
    query = select(Posting).where(Posting.id.in_(posting_ids), Posting.closed_at.is_(None), ~open_source.exists())
    return list((await session.execute(query)).scalars())


async def close_jobs_of_postings(session: AsyncSession, posting_ids: list[int], when: datetime) -> None:
    await session.execute(update(Job).where(Job.posting_id.in_(posting_ids), Job.closed_at.is_(None)).values(closed_at=when))


async def reopen_jobs_of_postings(session: AsyncSession, posting_ids: list[int]) -> None:
    await session.execute(update(Job).where(Job.posting_id.in_(posting_ids), Job.closed_at.is_not(None)).values(closed_at=None))


async def link_jobs(session: AsyncSession, rows: list[dict]) -> list[int]:
    """Insert the user's jobs for postings; existing (user, posting) pairs are left alone.
    Returns the ids of the jobs inserted now."""
    if not rows:
        return []
    statement = insert(Job).values(rows).on_conflict_do_nothing(index_elements=[Job.user_id, Job.posting_id]).returning(Job.id)
    return list((await session.execute(statement)).scalars())


async def jobs_by_ids_for_update(session: AsyncSession, ids: list[int]) -> list[Job]:
    query = select(Job).where(Job.id.in_(ids)).order_by(Job.id).with_for_update()
    return list((await session.execute(query)).scalars())


async def close_expired_postings(session: AsyncSession, now: datetime, limit: int) -> list[int]:
    """Close up to `limit` open postings past the source's own expiry (closed as of that expiry),
    with the jobs created from them. Returns the posting ids closed."""
    due = (
        select(Posting.id)
        .where(Posting.closed_at.is_(None), Posting.expires_at < now)
        .order_by(Posting.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    closed = await session.execute(
        update(Posting).where(Posting.id.in_(due)).values(closed_at=Posting.expires_at).returning(Posting.id)
    )
    ids = list(closed.scalars())
    if ids:
        await session.execute(
            update(Job)
            .where(Job.posting_id.in_(ids), Job.closed_at.is_(None), Job.posting_id == Posting.id)
            .values(closed_at=Posting.expires_at)
        )
    return ids


async def freshness_of_postings(session: AsyncSession, posting_ids: list[int]) -> list:
    """Per posting: its dates, how many postings it repeats (the repost chain) and when the first of
    them was posted. One statement for any number of postings."""
    if not posting_ids:
        return []
    start = select(
        Posting.id.label("start_id"),
        Posting.repost_of_id.label("repost_of_id"),
        Posting.posted_at.label("posted_at"),
        literal(0).label("depth"),
    ).where(Posting.id.in_(posting_ids))
    chain = start.cte("chain", recursive=True)
    earlier = aliased(Posting)
    chain = chain.union_all(
        select(chain.c.start_id, earlier.repost_of_id, earlier.posted_at, chain.c.depth + 1)
        .join(earlier, earlier.id == chain.c.repost_of_id)
        .where(chain.c.depth < MAX_REPOST_CHAIN)
    )
    reposts = (
        select(
            chain.c.start_id,
            func.max(chain.c.depth).label("repost_count"),
            func.min(chain.c.posted_at).label("first_posted_at"),
        )
        .group_by(chain.c.start_id)
        .subquery()
    )
    query = select(
        Posting.id,
        Posting.posted_at,
        Posting.first_seen_at,
        Posting.expires_at,
        Posting.closed_at,
        reposts.c.repost_count,
        reposts.c.first_posted_at,
    ).join(reposts, reposts.c.start_id == Posting.id)
    return list((await session.execute(query)).all())


RESPONDED = (
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.OFFER,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.DECLINED,
    ApplicationStatus.REJECTED,
)


async def company_histories(session: AsyncSession, user_id: int, companies: list[str], since: datetime) -> list:
    """The user's applications since `since` per company (lower-cased name), and how many got a
    response (an interview, an offer or a rejection). One statement for any number of companies."""
    if not companies:
        return []
    company = func.lower(Job.company)
    responded = or_(Application.status.in_(RESPONDED), Application.interview_at.is_not(None), Application.offer_at.is_not(None))
    query = (
        select(
            company.label("company"),
            func.count().label("applications"),
            func.count().filter(responded).label("responses"),
        )
        .join(Job, Job.id == Application.job_id)
        .where(
            Application.user_id == user_id,
            Application.status != ApplicationStatus.INTERESTED,
            func.coalesce(Application.applied_at, Application.created_at) >= since,
            company.in_(companies),
        )
        .group_by(company)
    )
    return list((await session.execute(query)).all())


async def stale_pending_imports(session: AsyncSession, before: datetime) -> list[JobImport]:
    """URL imports still waiting for the worker that were requested before `before` (locked)."""
    return await stale(session, JobImport.created_at, before, JobImport.status == JobImportStatus.PENDING)
