"""All SQL of matching: weights, feedback, the user's taxonomy extensions, recommendations, and
the jobs the worker scores (by id alone: it acts for their owner)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from api.db import page
from api.models import Application, Job, MatchFeedback, MatchWeights, User, UserSkill


async def weights(session: AsyncSession, user_id: int) -> MatchWeights | None:
    return await session.get(MatchWeights, user_id)


async def save_weights(session: AsyncSession, user_id: int, values: dict[str, float], reason: str) -> None:
    statement = insert(MatchWeights).values(user_id=user_id, reason=reason, **values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[MatchWeights.user_id],
            set_={**values, "reason": reason, "updated_at": func.now()},
        )
    )


async def skills(session: AsyncSession, user_id: int) -> list[UserSkill]:
    query = select(UserSkill).where(UserSkill.user_id == user_id).order_by(func.lower(UserSkill.name))
    return list((await session.execute(query)).scalars())


async def skills_by_ids(session: AsyncSession, user_id: int, ids: list[int]) -> list[UserSkill]:
    query = select(UserSkill).where(UserSkill.user_id == user_id, UserSkill.id.in_(ids))
    return list((await session.execute(query)).scalars())


async def skill_by_name(session: AsyncSession, user_id: int, name: str) -> UserSkill | None:
    query = select(UserSkill).where(UserSkill.user_id == user_id, func.lower(UserSkill.name) == name.lower())
    return (await session.execute(query.with_for_update())).scalar_one_or_none()


def _unapplied_open(user_id: int):
    applied = exists().where(Application.job_id == Job.id)
    return select(Job).options(defer(Job.parsed_requirements)).where(Job.user_id == user_id, Job.closed_at.is_(None), ~applied)


async def recommendations(session: AsyncSession, user_id: int, offset: int, limit: int) -> tuple[list[Job], int]:
    """Open jobs without an application, best score first (unscored last)."""
    return await page(session, _unapplied_open(user_id), offset, limit, Job.match_score.desc().nulls_last(), Job.id.desc())


async def add_feedback(session: AsyncSession, feedback: MatchFeedback) -> MatchFeedback:
    session.add(feedback)
    await session.flush()
    return feedback


async def lock_user_for_feedback(session: AsyncSession, user_id: int) -> User | None:
    """Serialises one user's feedback. NO KEY UPDATE, not UPDATE: rows inserted concurrently with
    a foreign key to the user (alerts of a scoring job that holds this job's row) take KEY SHARE,
    which UPDATE would block — a deadlock with our insert referencing the job."""
    return await session.get(User, user_id, with_for_update={"key_share": True})


async def job_to_score(session: AsyncSession, job_id: int) -> Job | None:
    query = select(Job).where(Job.id == job_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def jobs_to_rescore(session: AsyncSession, user_id: int) -> list[Job]:
    query = select(Job).where(Job.user_id == user_id).with_for_update()
    return list((await session.execute(query)).scalars())


async def unscored_job_ids(session: AsyncSession, created_before: datetime, limit: int) -> list[int]:
    query = select(Job.id).where(Job.scored_at.is_(None), Job.created_at < created_before).order_by(Job.id).limit(limit)
    return list((await session.execute(query)).scalars())
