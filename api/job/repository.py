"""All SQL of the job domain, always filtered by owner."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import REAL, ColumnElement, CompoundSelect, Select, cast, func, literal, select, union_all
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


COUNT_CAP = 1000  # a search counts its matches exactly up to here; past it, PostgreSQL's estimate


@dataclass(frozen=True)
class Total:
    """How many jobs a list matches: exact, or (`estimate`) the planner's estimate of a search
    that matched more than `COUNT_CAP` (and more than the rows up to the page's end)."""

    count: int
    estimate: bool = False


def _conditions(user_id: int, filters: JobFilter) -> list[ColumnElement]:
    conditions: list[ColumnElement] = [Job.user_id == user_id]
    if filters.min_score is not None:
        conditions.append(Job.match_score >= filters.min_score)
    if filters.origin is not None:
        conditions.append(Job.origin == filters.origin)
    return conditions


def _columns(filters: JobFilter, text: str, rank: ColumnElement) -> list[Any]:
    """What the orders need (`id`, `match_score`, `created_at`, and for RELEVANCE `rank` and `similarity`)."""
    extra = [rank.label("rank"), _typo_similarity(text).label("similarity")] if filters.order == "RELEVANCE" else []
    return [Job.id, Job.match_score.label("match_score"), Job.created_at, *extra]


def full_text_matches(user_id: int, filters: JobFilter, text: str) -> Select:
    """The jobs `text` finds by full text on the weighted search vector (stems, phrases,
    -exclusions; the alias OR'ed in), as narrow rows (`_columns`)."""
    query = _text_query(text, filters.text_alias)
    rank = func.ts_rank(Job.search_vector, query)
    return select(*_columns(filters, text, rank)).where(*_conditions(user_id, filters), Job.search_vector.op("@@")(query))


def typo_matches(user_id: int, filters: JobFilter, text: str) -> CompoundSelect:
    """The jobs whose title or company is a trigram word-similarity match of `text`, so a typo
    ("Kubernetis") still finds the job: one SELECT per GIN index (ix_jobs_title_trgm,
    ix_jobs_company_trgm), UNIONed (one OR over both lets the planner read every row instead)."""
    conditions = _conditions(user_id, filters)
    no_rank = cast(literal(0.0), REAL)
    title_typo = Job.title.op("%>")(text)
    return union_all(  # two disjoint sets: nothing to de-duplicate
        select(*_columns(filters, text, no_rank)).where(*conditions, title_typo),
        select(*_columns(filters, text, no_rank)).where(*conditions, Job.company.op("%>")(text), ~title_typo),
    )


def _order(filters: JobFilter, columns: Any, *, ranked: bool = False) -> tuple[Any, ...]:
    """The page order over `columns` (the Job model, or the columns of `matches`); RELEVANCE ranks
    only a text search's matches (`ranked`), else it is SCORE (the score read from job_scores,
    unscored last) or NEWEST (the (user_id, created_at) index)."""
    if filters.order == "NEWEST":
        return (columns.created_at.desc(), columns.id.desc())
    if filters.order == "RELEVANCE" and ranked:
        return (columns.rank.desc(), columns.similarity.desc(), columns.match_score.desc().nulls_last(), columns.id.desc())
    return (columns.match_score.desc().nulls_last(), columns.id.desc())


async def list_page(session: AsyncSession, user_id: int, filters: JobFilter, offset: int, limit: int) -> tuple[list[Job], Total]:
    """One page of the person's jobs in `filters.order` and how many match (`Total`).

    With text: full text first; only when that finds none of the person's jobs, the typo match.
    A search counts its matches over at most max(COUNT_CAP, the page's end) + 1 rows, so a common
    word never reads all of them; past that the total is the planner's estimate (flagged), and
    there is a next page. The page and its count come from one statement."""
    text = (filters.text or "").strip()
    if not text:
        listed = select(Job).options(*LIST_DEFERRED).where(*_conditions(user_id, filters))
        rows, total = await page(session, listed, offset, limit, *_order(filters, Job))
        return rows, Total(total)
    bound = max(COUNT_CAP, offset + limit)
    matches: Select | CompoundSelect = full_text_matches(user_id, filters, text)
    rows, counted = await _search_page(session, matches, filters, offset, limit, bound)
    if not counted:
        matches = typo_matches(user_id, filters, text)
        rows, counted = await _search_page(session, matches, filters, offset, limit, bound)
    if counted <= bound:
        return rows, Total(counted)
    return rows, Total(max(await _estimate(session, matches), counted), estimate=True)


async def _search_page(
    session: AsyncSession, matches: Select | CompoundSelect, filters: JobFilter, offset: int, limit: int, bound: int
) -> tuple[list[Job], int]:
    """The page of `matches` and how many there are, counting at most `bound` + 1."""
    counted = select(func.count()).select_from(matches.limit(bound + 1).subquery("capped")).scalar_subquery()
    if not limit:
        return [], (await session.execute(select(counted))).scalar_one()
    found = matches.subquery("matches")
    window = select(found).order_by(*_order(filters, found.c, ranked=True)).offset(offset).limit(limit).subquery("window")
    query = (
        select(Job, counted.label("total"))
        .options(*LIST_DEFERRED)
        .join(window, window.c.id == Job.id)
        .order_by(*_order(filters, window.c, ranked=True))
    )
    page_rows = (await session.execute(query)).all()
    if not page_rows and offset:  # a page past the last one: still say how many there are
        return [], (await session.execute(select(counted))).scalar_one()
    return [row[0] for row in page_rows], page_rows[0].total if page_rows else 0


async def _estimate(session: AsyncSession, query: Select | CompoundSelect) -> int:
    """PostgreSQL's estimate of the rows `query` returns (EXPLAIN: planned, not run)."""
    connection = await session.connection()
    compiled = query.compile(dialect=connection.dialect)
    params = tuple(compiled.params[name] for name in compiled.positiontup or ())
    plan = (await connection.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), params)).scalar_one()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


async def breakdowns(session: AsyncSession, user_id: int, job_ids: list[int]) -> list[Any]:
    """(id, score_breakdown) of the caller's jobs among `job_ids`."""
    query = select(Job.id, Job.score_breakdown).where(Job.user_id == user_id, Job.id.in_(job_ids))
    return list((await session.execute(query)).all())


async def get(session: AsyncSession, user_id: int, job_id: int, *, for_update: bool = False) -> Job | None:
    return await owned(session, Job, user_id, job_id, for_update=for_update)
