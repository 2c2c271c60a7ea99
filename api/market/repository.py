"""SQL of market intelligence. Market queries aggregate ALL postings (no personal data leaves them:
counts per day and skill set); skill gaps read the caller's own saved jobs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import String

from api.models import Application, Job, Posting

_PRESENCE = text(
    """
    SELECT (p.posted_at AT TIME ZONE 'UTC')::date AS day,
           ARRAY(SELECT DISTINCT s FROM unnest(p.skills) AS s WHERE lower(s) = ANY(:keys) ORDER BY s) AS present,
           count(*) AS postings
    FROM postings AS p
    WHERE p.posted_at >= :since AND p.posted_at < :until
    GROUP BY 1, 2
    """
).bindparams(bindparam("keys", type_=ARRAY(String)))


async def skill_presence_by_day(
    session: AsyncSession, keys: list[str], since: datetime, until: datetime
) -> list[tuple[date, list[str], int]]:
    """Postings per day, grouped by which of the wanted skills (lower-case keys) they mention:
    small enough to expand into the rows the pure trend functions take, exact for any window."""
    result = await session.execute(_PRESENCE, {"keys": keys, "since": since, "until": until})
    return [(r.day, list(r.present), r.postings) for r in result]


_TOP_SKILLS = text(
    """
    SELECT s AS skill, count(*) AS n
    FROM postings AS p, unnest(p.skills) AS s
    WHERE p.posted_at >= :since
    GROUP BY s ORDER BY n DESC, s LIMIT :limit
    """
)


async def top_skills(session: AsyncSession, since: datetime, limit: int) -> list[str]:
    """The skills most postings mention since a date (weekly/period counts via unnest)."""
    return [r.skill for r in await session.execute(_TOP_SKILLS, {"since": since, "limit": limit})]


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def salary_rows(session: AsyncSession, role_keyword: str, since: datetime) -> list[tuple]:
    query = select(
        Posting.posted_at,
        Posting.title,
        Posting.salary_min,
        Posting.salary_max,
        Posting.salary_currency,
        Posting.salary_period,
    ).where(
        Posting.title.ilike(f"%{_escape_like(role_keyword)}%", escape="\\"),
        Posting.posted_at >= since,
        (Posting.salary_min.is_not(None)) | (Posting.salary_max.is_not(None)),
    )
    return [tuple(r) for r in await session.execute(query)]


async def saved_job_skills(session: AsyncSession, user_id: int) -> list[tuple[int, list[str]]]:
    """Open jobs the user keeps: added by hand or imported, or on their board (an application)."""
    has_application = select(Application.id).where(Application.job_id == Job.id).exists()
    query = select(Job.id, Job.tech_stack).where(
        Job.user_id == user_id, Job.closed_at.is_(None), (Job.origin != "discovered") | has_application
    )
    return [(r[0], list(r[1])) for r in await session.execute(query)]
