"""All SQL of mock interviews, always filtered by owner."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import owned, page
from api.models import InterviewAnswer, InterviewSession


async def get(session: AsyncSession, user_id: int, session_id: int, *, for_update: bool = False) -> InterviewSession | None:
    return await owned(session, InterviewSession, user_id, session_id, for_update=for_update)


async def get_for_worker(session: AsyncSession, session_id: int) -> InterviewSession | None:
    query = select(InterviewSession).where(InterviewSession.id == session_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def answers_for(session: AsyncSession, user_id: int, session_ids: list[int]) -> list[InterviewAnswer]:
    query = (
        select(InterviewAnswer)
        .where(InterviewAnswer.user_id == user_id, InterviewAnswer.session_id.in_(session_ids))
        .order_by(InterviewAnswer.session_id, InterviewAnswer.number)
    )
    return list((await session.execute(query)).scalars())


async def answer_for_worker(session: AsyncSession, answer_id: int) -> InterviewAnswer | None:
    query = select(InterviewAnswer).where(InterviewAnswer.id == answer_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def list_page(session: AsyncSession, user_id: int, offset: int, limit: int) -> tuple[list[InterviewSession], int]:
    """Newest first."""
    return await page(
        session,
        select(InterviewSession).where(InterviewSession.user_id == user_id),
        offset,
        limit,
        InterviewSession.id.desc(),
    )


async def by_job_ids(session: AsyncSession, user_id: int, job_ids: list[int]) -> list[InterviewSession]:
    """Sessions practising for these jobs, newest first."""
    query = (
        select(InterviewSession)
        .where(InterviewSession.user_id == user_id, InterviewSession.job_id.in_(job_ids))
        .order_by(InterviewSession.id.desc())
    )
    return list((await session.execute(query)).scalars())


async def history(session: AsyncSession, user_id: int, limit: int) -> list[InterviewSession]:
    """Completed sessions with a score, oldest first (the last `limit` of them)."""
    query = (
        select(InterviewSession)
        .where(
            InterviewSession.user_id == user_id,
            InterviewSession.status == "completed",
            InterviewSession.overall_score.is_not(None),
        )
        .order_by(InterviewSession.ended_at.desc(), InterviewSession.id.desc())
        .limit(limit)
    )
    return list(reversed(list((await session.execute(query)).scalars())))
