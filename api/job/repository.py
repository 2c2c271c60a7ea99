"""All SQL of the job domain, always filtered by owner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, or_, select
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


def text_condition(text: str, alias: str | None = None) -> ColumnElement:
    """Full-text match on the weighted search vector (stems, phrases, -exclusions; `alias` OR'ed
    in), OR'ed with trigram word similarity on title/company so a typo ("Kubernetis") still finds
    the job. Both sides are served by GIN indexes."""
    typo = or_(literal(text).op("<%")(Job.title), literal(text).op("<%")(Job.company))
    return or_(Job.search_vector.op("@@")(_text_query(text, alias)), typo)


# What a list never shows: decoding these JSONB columns for every row cost more than the rest of
# the row. `Job.score_breakdown` loads them by id when a query asks (`breakdowns`).
LIST_DEFERRED = (defer(Job.score_breakdown), defer(Job.parsed_requirements))


def _filtered(user_id: int, filters: JobFilter) -> Select:
    query = select(Job).options(*LIST_DEFERRED).where(Job.user_id == user_id)
    if filters.text and filters.text.strip():
        query = query.where(text_condition(filters.text.strip(), filters.text_alias))
    if filters.min_score is not None:
        query = query.where(Job.match_score >= filters.min_score)
    if filters.origin is not None:
        query = query.where(Job.origin == filters.origin)
    return query


async def list_page(session: AsyncSession, user_id: int, filters: JobFilter, offset: int, limit: int) -> tuple[list[Job], int]:
    text = (filters.text or "").strip()
    order: tuple[Any, ...]
    if filters.order == "NEWEST":
        order = (Job.created_at.desc(), Job.id.desc())
    elif filters.order == "RELEVANCE" and text:
        rank = func.ts_rank(Job.search_vector, _text_query(text, filters.text_alias))
        order = (rank.desc(), _typo_similarity(text).desc(), Job.match_score.desc().nulls_last(), Job.id.desc())
    else:
        order = (Job.match_score.desc().nulls_last(), Job.id.desc())
    return await page(session, _filtered(user_id, filters), offset, limit, *order)


async def breakdowns(session: AsyncSession, user_id: int, job_ids: list[int]) -> list[Any]:
    """(id, score_breakdown) of the caller's jobs among `job_ids`."""
    query = select(Job.id, Job.score_breakdown).where(Job.user_id == user_id, Job.id.in_(job_ids))
    return list((await session.execute(query)).all())


async def get(session: AsyncSession, user_id: int, job_id: int, *, for_update: bool = False) -> Job | None:
    return await owned(session, Job, user_id, job_id, for_update=for_update)
