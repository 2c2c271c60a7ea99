"""All SQL of the job domain, always filtered by owner."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    REAL,
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from api.db import OWNER, DriverPage, DriverRow, counted_page, owned, page
from api.models import Job, JobScore


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


def _text_predicates(filters: JobFilter, text: str, *, typo: bool) -> list[ColumnElement]:
    """What a job must match, one predicate per index: full text on the weighted search vector
    (stems, phrases, -exclusions; the alias OR'ed in), or (`typo`) a trigram word-similarity match
    of the title or, for a title that is none, the company ("Kubernetis" still finds the job)."""
    if not typo:
        return [Job.search_vector.op("@@")(_text_query(text, filters.text_alias))]
    title_typo = Job.title.op("%>")(text)
    return [title_typo, and_(Job.company.op("%>")(text), ~title_typo)]  # two disjoint sets


def _matches(user_id: int, filters: JobFilter, text: str, *, typo: bool = False) -> Select | CompoundSelect:
    """The matching jobs as narrow rows (`_columns`): one SELECT per GIN index (ix_jobs_search_vector;
    ix_jobs_title_trgm and ix_jobs_company_trgm UNIONed: one OR over both lets the planner read every
    row instead)."""
    conditions = _conditions(user_id, filters)
    if typo:
        no_rank = cast(literal(0.0), REAL)
        predicates = _text_predicates(filters, text, typo=True)
        return union_all(*(select(*_columns(filters, text, no_rank)).where(*conditions, p) for p in predicates))
    (predicate,) = _text_predicates(filters, text, typo=False)
    rank = func.ts_rank(Job.search_vector, _text_query(text, filters.text_alias))
    return select(*_columns(filters, text, rank)).where(*conditions, predicate)


def _order(filters: JobFilter, columns: Any, *, ranked: bool = False) -> tuple[Any, ...]:
    """The page order over `columns` (the Job model, or the columns of `matches`); RELEVANCE ranks
    only a text search's matches (`ranked`), else it is SCORE (the score read from job_scores,
    unscored last) or NEWEST (the (user_id, created_at, id) index)."""
    if filters.order == "NEWEST":
        return (columns.created_at.desc(), columns.id.desc())
    if filters.order == "RELEVANCE" and ranked:
        return (columns.rank.desc(), columns.similarity.desc(), columns.match_score.desc().nulls_last(), columns.id.desc())
    return (columns.match_score.desc().nulls_last(), columns.id.desc())


# What the plain list (no text) reads for each job: the Job type's fields, as columns.
LISTED_COLUMNS = (
    *("id", "company", "title", "location", "description", "requirements", "salary_min", "salary_max", "salary_currency"),
    *("job_type", "remote_option", "tech_stack", "source_url", "posting_id", "origin", "closed_at", "is_repost"),
    *("created_at", "updated_at"),
)


@cache
def _listed(order: str, min_score: bool, origin: bool) -> DriverPage:
    """The plain list's statement for one shape of filter (built and compiled once): the page's
    columns (`LISTED_COLUMNS`, the score and when it was scored) and the count."""
    conditions: list[ColumnElement] = [Job.user_id == OWNER]
    if min_score:
        conditions.append(Job.match_score >= bindparam("min_score", type_=Integer))
    if origin:
        conditions.append(Job.origin == bindparam("origin", type_=String))
    columns = [getattr(Job, name) for name in LISTED_COLUMNS]
    listed = select(*columns, Job.match_score.label("match_score"), Job.scored_at.label("scored_at")).where(*conditions)
    return DriverPage(listed, *_order(JobFilter(order=order), Job))


async def listed_page(user_id: int, filters: JobFilter, offset: int, limit: int) -> tuple[list[DriverRow], Total]:
    """One page of the person's jobs without a text search, and how many there are: the jobs
    dashboard's read, straight from the driver (`api.db.driver_rows`), one statement. Each row is
    a dict of `LISTED_COLUMNS`, `match_score` and `scored_at` (`Job.from_model` takes it)."""
    order = "NEWEST" if filters.order == "NEWEST" else "SCORE"  # RELEVANCE without text is SCORE
    statement = _listed(order, filters.min_score is not None, filters.origin is not None)
    params = {"user_id": user_id, "min_score": filters.min_score, "origin": filters.origin}
    rows, total = await statement.read(params, offset, limit)
    return rows, Total(total)


async def list_page(session: AsyncSession, user_id: int, filters: JobFilter, offset: int, limit: int) -> tuple[list[Job], Total]:
    """One page of the person's jobs in `filters.order` and how many match (`Total`).

    With text: full text first; only when that finds none of the person's jobs, the typo match.
    A search counts its matches over at most max(COUNT_CAP, the page's end) + 1 rows, so a common
    word never reads all of them; past that the total is the planner's estimate (flagged), and
    there is a next page. The page and its count come from one statement (`_Search`)."""
    text = (filters.text or "").strip()
    if not text:
        listed = select(Job).options(*LIST_DEFERRED).where(*_conditions(user_id, filters))
        rows, total = await page(session, listed, offset, limit, *_order(filters, Job))
        return rows, Total(total)
    bound = max(COUNT_CAP, offset + limit)
    search = _Search(user_id, filters, text, offset, limit, bound)
    rows, counted = await search.page(session)
    if not counted:
        search = _Search(user_id, filters, text, offset, limit, bound, typo=True)
        rows, counted = await search.page(session)
    if counted <= bound:
        return rows, Total(counted)
    return rows, Total(max(await _estimate(session, search.matches), counted), estimate=True)


@dataclass
class _Search:
    """One search's statement: the page of its matches and how many there are (counted up to
    `bound` + 1), choosing the page's plan by that count, not by the planner's estimate of it:

    - at most `bound` matches: they are read on their GIN index and only they are ordered (a sort
      of at most `bound` rows);
    - more (SCORE or NEWEST): the page is read walking the order's own index (job_scores'
      (user_id, score, job_id), jobs' (user_id, created_at, id)) and checking each job against the
      text, which stops after about `end` × jobs / matches rows; the unscored matches, last in
      SCORE order, are read only when the scored ones do not fill the page;
    - RELEVANCE ranks every match (the rank of each is what orders them).

    Each path is gated on the count with a condition PostgreSQL evaluates once (a One-Time
    Filter), so only one of them runs."""

    user_id: int
    filters: JobFilter
    text: str
    offset: int
    limit: int
    bound: int
    typo: bool = False

    @property
    def matches(self) -> Select | CompoundSelect:
        return _matches(self.user_id, self.filters, self.text, typo=self.typo)

    def _counted(self) -> ColumnElement:
        capped = self.matches.limit(self.bound + 1).subquery("capped")
        total = select(func.count().label("n")).select_from(capped).cte("total")
        return select(total.c.n).scalar_subquery()

    def _many(self, counted: ColumnElement) -> list[Select]:
        """The page's first `end` rows when the matches are more than `bound` (SCORE, NEWEST)."""
        end = self.offset + self.limit
        filters, predicates = self.filters, _text_predicates(self.filters, self.text, typo=self.typo)
        matching = [Job.user_id == self.user_id, or_(*predicates) if len(predicates) > 1 else predicates[0]]
        if filters.origin is not None:
            matching.append(Job.origin == filters.origin)
        many = counted > self.bound
        if filters.order == "NEWEST":
            if filters.min_score is not None:
                matching.append(Job.match_score >= filters.min_score)
            newest = select(Job.id, Job.match_score.label("match_score"), Job.created_at).where(*matching)
            return [_gated(newest.order_by(Job.created_at.desc(), Job.id.desc()).limit(end), many)]
        score_floor = [JobScore.score >= filters.min_score] if filters.min_score is not None else []
        walk = (
            select(JobScore.job_id.label("id"), JobScore.score.label("match_score"), Job.created_at)
            .join(Job, Job.id == JobScore.job_id)
            .where(JobScore.user_id == self.user_id, *score_floor, *matching)
            .order_by(JobScore.score.desc(), JobScore.job_id.desc())
            .limit(end)
        )
        scored = _gated(walk, many).cte("scored")
        first = select(scored.c.id, scored.c.match_score, scored.c.created_at)
        if filters.min_score is not None:  # the unscored ones are below any minimum
            return [first]
        short = select(func.count()).select_from(scored).scalar_subquery() < end
        unscored_job = ~select(JobScore.job_id).where(JobScore.job_id == Job.id).exists()
        unscored = (
            select(Job.id, cast(null(), Integer).label("match_score"), Job.created_at)
            .where(*matching, unscored_job)
            .order_by(Job.id.desc())
            .limit(end)
        )
        return [first, _gated(unscored, many, short)]

    async def page(self, session: AsyncSession) -> tuple[list[Job], int]:
        counted = self._counted()
        filters = self.filters
        combined: Select | CompoundSelect = self.matches  # RELEVANCE ranks every match
        if filters.order != "RELEVANCE":
            few = combined.subquery("few")
            fewer = select(few.c.id, few.c.match_score, few.c.created_at).where(counted <= self.bound)
            combined = union_all(fewer, *self._many(counted))
        found = combined.subquery("matches")
        order = _order(filters, found.c, ranked=True)
        window = select(found).order_by(*order).offset(self.offset).limit(self.limit).subquery("window")
        query = (
            select(Job)
            .options(*LIST_DEFERRED)
            .join(window, window.c.id == Job.id)
            .order_by(*_order(filters, window.c, ranked=True))
        )
        return await counted_page(session, query, counted, self.offset, self.limit)


def _gated(query: Select, *gates: ColumnElement) -> Select:
    """`query`'s rows only when `gates` hold: conditions without columns, which PostgreSQL checks
    once before running `query` at all. Outside its LIMIT, so the check sits above any parallel
    plan of it (inside, the workers would start before it)."""
    rows = query.subquery()
    return select(rows.c.id, rows.c.match_score, rows.c.created_at).where(*gates)


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
