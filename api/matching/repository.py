"""All SQL of matching: weights, feedback, the user's taxonomy extensions, recommendations, and
the jobs the worker scores (by id alone: it acts for their owner)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, Row, Text, bindparam, exists, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY, insert
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


# What scoring reads of a job (`api.matching.scoring.match_job`) and its stored parse.
RESCORE_COLUMNS = (
    Job.id,
    Job.title,
    Job.company,
    Job.location,
    Job.remote_option,
    Job.description,
    Job.requirements,
    Job.tech_stack,
    Job.parsed_requirements,
    Job.parsed_requirements_key,
)


async def jobs_to_rescore(session: AsyncSession, user_id: int) -> list[Row]:
    """Every job of the user, locked, with only the columns scoring reads."""
    query = select(*RESCORE_COLUMNS).where(Job.user_id == user_id).order_by(Job.id).with_for_update()
    return list((await session.execute(query)).all())


_STORE_SCORES = text(
    """
    UPDATE jobs SET match_score = v.score, score_breakdown = v.breakdown::jsonb, scored_at = :now, updated_at = :now,
        parsed_requirements = CASE WHEN v.key IS NULL THEN jobs.parsed_requirements ELSE v.parsed::jsonb END,
        parsed_requirements_key = coalesce(v.key, jobs.parsed_requirements_key)
    FROM unnest(:ids, :scores, :breakdowns, :parsed, :keys) AS v(id, score, breakdown, parsed, key)
    WHERE jobs.id = v.id AND jobs.user_id = :user_id
    """
).bindparams(
    bindparam("ids", type_=ARRAY(BigInteger)),
    bindparam("scores", type_=ARRAY(Integer)),
    bindparam("breakdowns", type_=ARRAY(Text)),
    bindparam("parsed", type_=ARRAY(Text)),
    bindparam("keys", type_=ARRAY(Text)),
)


async def store_scores(
    session: AsyncSession,
    user_id: int,
    now: datetime,
    scores: list[tuple[int, int, str, str | None, str | None]],
) -> None:
    """One statement for every (job id, total, breakdown JSON, new parse JSON or None, its key or None)."""
    if not scores:
        return
    ids, totals, breakdowns, parsed, keys = (list(column) for column in zip(*scores, strict=True))
    await session.execute(
        _STORE_SCORES,
        {"ids": ids, "scores": totals, "breakdowns": breakdowns, "parsed": parsed, "keys": keys, "now": now, "user_id": user_id},
    )


async def unscored_job_ids(session: AsyncSession, created_before: datetime, limit: int) -> list[int]:
    query = select(Job.id).where(Job.scored_at.is_(None), Job.created_at < created_before).order_by(Job.id).limit(limit)
    return list((await session.execute(query)).scalars())
