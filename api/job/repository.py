"""All SQL of the job domain, always filtered by owner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import REAL, ColumnElement, Subquery, cast, exists, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from api.db import owned, page
from api.models import Job


@dataclass
class JobFilter:
    text: str | None = None
    min_score: int | None = None
    order: str = "SCORE"  # SCORE | NEWEST | RELEVANCE (text rank; SCORE without text)
    origin: str | None = None
    text_alias: str | None = None  # the same search in other words ("postgres" → "PostgreSQL")


def _text_query(text: str, alias: str | None = None) -> ColumnElement:
    query: ColumnElement = func.websearch_to_tsquery("english", text)
    if alias:
        query = query.op("||")(func.websearch_to_tsquery("english", alias))
    return query


def _typo_similarity(text: str) -> ColumnElement:
    return func.greatest(func.word_similarity(text, Job.title), func.word_similarity(text, Job.company))


# What a list never shows: decoding these JSONB columns for every row cost more than the rest of
# the row. `Job.score_breakdown` loads them by id when a query asks (`breakdowns`).
LIST_DEFERRED = (defer(Job.score_breakdown), defer(Job.parsed_requirements))


def _conditions(user_id: int, filters: JobFilter) -> list[ColumnElement]:
    conditions: list[ColumnElement] = [Job.user_id == user_id]
    if filters.min_score is not None:
        conditions.append(Job.match_score >= filters.min_score)
    if filters.origin is not None:
        conditions.append(Job.origin == filters.origin)
    return conditions


def matches(user_id: int, filters: JobFilter, text: str) -> Subquery:
    """The jobs `text` finds, with the columns the orders need (`id`, `match_score`, `created_at`,
    and for RELEVANCE `rank` and `similarity`).

    Full-text match on the weighted search vector (stems, phrases, -exclusions; the alias OR'ed
    in); only when that finds none of the person's jobs, a trigram word-similarity match on title
    or company, so a typo ("Kubernetis") still finds the job. Each way is its own SELECT on its own
    GIN index (ix_jobs_search_vector, ix_jobs_title_trgm, ix_jobs_company_trgm), UNIONed; the typo
    SELECTs run only when the full-text one came back empty (a one-time filter). One OR over all
    three lets the planner read every row instead, and a common word's typo matches cost more than
    its real ones. Ordering and counting read these narrow rows; only the page's rows are fetched,
    and the page and the total come from one statement."""
    conditions = _conditions(user_id, filters)
    relevance = filters.order == "RELEVANCE"

    def columns(rank: ColumnElement) -> list[Any]:
        extra = [rank.label("rank"), _typo_similarity(text).label("similarity")] if relevance else []
        return [Job.id, Job.match_score.label("match_score"), Job.created_at, *extra]

    query = _text_query(text, filters.text_alias)
    full_text = select(*columns(func.ts_rank(Job.search_vector, query))).where(*conditions, Job.search_vector.op("@@")(query))
    found = full_text.cte("full_text")
    nothing_found = ~exists(select(found.c.id))
    no_rank = cast(literal(0.0), REAL)
    title_typo = Job.title.op("%>")(text)
    return union_all(  # three disjoint sets: nothing to de-duplicate
        select(found),
        select(*columns(no_rank)).where(*conditions, nothing_found, title_typo),
        select(*columns(no_rank)).where(*conditions, nothing_found, Job.company.op("%>")(text), ~title_typo),
    ).subquery("matches")


def _order(filters: JobFilter, columns: Any, *, ranked: bool = False) -> tuple[Any, ...]:
    """The page order over `columns` (the Job model, or the columns of `matches`); RELEVANCE ranks
    only a text search's matches (`ranked`), else it is SCORE."""
    if filters.order == "NEWEST":
        return (columns.created_at.desc(), columns.id.desc())
    if filters.order == "RELEVANCE" and ranked:
        return (columns.rank.desc(), columns.similarity.desc(), columns.match_score.desc().nulls_last(), columns.id.desc())
    return (columns.match_score.desc().nulls_last(), columns.id.desc())


async def list_page(session: AsyncSession, user_id: int, filters: JobFilter, offset: int, limit: int) -> tuple[list[Job], int]:
    text = (filters.text or "").strip()
    if not text:
        listed = select(Job).options(*LIST_DEFERRED).where(*_conditions(user_id, filters))
        return await page(session, listed, offset, limit, *_order(filters, Job))
    found = matches(user_id, filters, text)
    count = select(func.count()).select_from(found)
    if not limit:
        return [], (await session.execute(count)).scalar_one()
    # one statement: the page, each row with the number of matches (the window sees them all)
    ordered = _order(filters, found.c, ranked=True)
    window = select(found, func.count().over().label("total")).order_by(*ordered).offset(offset).limit(limit).subquery("window")
    query = (
        select(Job, window.c.total)
        .options(*LIST_DEFERRED)
        .join(window, window.c.id == Job.id)
        .order_by(*_order(filters, window.c, ranked=True))
    )
    page_rows = (await session.execute(query)).all()
    if not page_rows:  # nothing here: no matches at all, or a page past the last one
        return [], (await session.execute(count)).scalar_one()
    return [row[0] for row in page_rows], page_rows[0].total


async def breakdowns(session: AsyncSession, user_id: int, job_ids: list[int]) -> list[Any]:
    """(id, score_breakdown) of the caller's jobs among `job_ids`."""
    query = select(Job.id, Job.score_breakdown).where(Job.user_id == user_id, Job.id.in_(job_ids))
    return list((await session.execute(query)).all())


async def get(session: AsyncSession, user_id: int, job_id: int, *, for_update: bool = False) -> Job | None:
    return await owned(session, Job, user_id, job_id, for_update=for_update)
