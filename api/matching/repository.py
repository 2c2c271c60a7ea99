"""All SQL of matching: weights, feedback, the user's taxonomy extensions, recommendations, and
the jobs the worker scores (by id alone: it acts for their owner)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Integer, Row, Text, bindparam, exists, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from api.db import page
from api.models import Application, Job, JobScore, MatchFeedback, MatchWeights, User, UserSkill


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
    """The job, locked, after its owner's scores are (`lock_scores`: the order a re-score takes too)."""
    owner = (await session.execute(select(Job.user_id).where(Job.id == job_id))).scalar_one_or_none()
    if owner is None:
        return None
    await lock_scores(session, owner)
    query = select(Job).where(Job.id == job_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


_INT4 = 2**31


async def lock_scores(session: AsyncSession, user_id: int) -> None:
    """Serialises writing one user's scores (a re-score and a single job's score) until the
    transaction ends: a lock per user, not one per job row (locking every job would write to
    every row of `jobs`)."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext("cc:scores"), user_id % _INT4)))


# md5 of a job's parse inputs (`j`), as `api.matching.parsed.inputs_digest` computes it in Python.
INPUTS_DIGEST = """md5(
    octet_length(coalesce(j.title, '')) || ':' || coalesce(j.title, '')
    || octet_length(coalesce(j.description, '')) || ':' || coalesce(j.description, '')
    || octet_length(coalesce(j.requirements, '')) || ':' || coalesce(j.requirements, '')
    || coalesce((SELECT string_agg(octet_length(coalesce(t, '')) || ':' || coalesce(t, ''), '' ORDER BY n)
                 FROM unnest(j.tech_stack) WITH ORDINALITY AS u(t, n)), ''))"""

# What re-scoring reads of each job: the columns scoring reads besides the text, whether the stored
# parse is current (its key is `:prefix` and the digest, compared here), and then the parse; else the
# text to parse and the digest of its key. A job whose parse is current sends no text.
_RESCORE = text(
    f"""
    SELECT j.id, j.title, j.location, j.remote_option, f.fresh,
           CASE WHEN f.fresh THEN j.parsed_requirements END AS parse,
           CASE WHEN f.fresh THEN NULL ELSE j.company END AS company,
           CASE WHEN f.fresh THEN NULL ELSE j.description END AS description,
           CASE WHEN f.fresh THEN NULL ELSE j.requirements END AS requirements,
           CASE WHEN f.fresh THEN NULL ELSE j.tech_stack END AS tech_stack,
           CASE WHEN f.fresh THEN NULL ELSE h.digest END AS digest
    FROM jobs AS j
    CROSS JOIN LATERAL (SELECT {INPUTS_DIGEST} AS digest OFFSET 0) AS h
    CROSS JOIN LATERAL (
        SELECT coalesce(
            j.parsed_requirements_key = :prefix || h.digest AND jsonb_typeof(j.parsed_requirements -> 'words') = 'number', false
        ) AS fresh
    ) AS f
    WHERE j.user_id = :user_id
    ORDER BY j.id
    """
).columns(parse=JSONB)


async def jobs_to_rescore(session: AsyncSession, user_id: int, key_prefix: str) -> list[Row]:
    """Every job of the user as re-scoring reads it (`_RESCORE`; call `lock_scores` first). `key_prefix`
    is `api.matching.parsed.key_prefix` of the user's taxonomy."""
    return list((await session.execute(_RESCORE, {"user_id": user_id, "prefix": key_prefix})).all())


# One statement for all of a user's scores: a narrow row per job, inserted or replaced when it
# changed. A score and breakdown a re-score left as they were stay untouched, `scored_at` too (when
# the score last changed: a profile edit that moves a few scores writes only those, and the morning
# briefing's "new matches" are the ones that moved).
_STORE_SCORES = text(
    """
    INSERT INTO job_scores (job_id, user_id, score, breakdown, scored_at)
    SELECT v.id, :user_id, v.score, v.breakdown::jsonb, :now
    FROM unnest(:ids, :scores, :breakdowns) AS v(id, score, breakdown)
    ON CONFLICT (job_id) DO UPDATE SET score = excluded.score, breakdown = excluded.breakdown, scored_at = excluded.scored_at
    WHERE (job_scores.score, job_scores.breakdown) IS DISTINCT FROM (excluded.score, excluded.breakdown)
    """
).bindparams(
    bindparam("ids", type_=ARRAY(BigInteger)),
    bindparam("scores", type_=ARRAY(Integer)),
    bindparam("breakdowns", type_=ARRAY(Text)),
)

# The parses that were stale (edited text, a new alias, a new parser), stored back on their jobs.
_STORE_PARSES = text(
    """
    UPDATE jobs SET parsed_requirements = v.parsed::jsonb, parsed_requirements_key = v.key
    FROM unnest(:ids, :parsed, :keys) AS v(id, parsed, key)
    WHERE jobs.id = v.id AND jobs.user_id = :user_id
    """
).bindparams(
    bindparam("ids", type_=ARRAY(BigInteger)),
    bindparam("parsed", type_=ARRAY(Text)),
    bindparam("keys", type_=ARRAY(Text)),
)


async def store_scores(
    session: AsyncSession,
    user_id: int,
    now: datetime,
    scores: list[tuple[int, int, str, str | None, str | None]],
) -> None:
    """Every (job id, total, breakdown JSON, new parse JSON or None, its key or None) of the user's
    jobs: the scores in one statement, the new parses (if any) in another."""
    if not scores:
        return
    ids, totals, breakdowns, parsed, keys = (list(column) for column in zip(*scores, strict=True))
    await session.execute(_STORE_SCORES, {"ids": ids, "scores": totals, "breakdowns": breakdowns, "now": now, "user_id": user_id})
    stale = [i for i, key in enumerate(keys) if key is not None]
    if stale:
        params = {"ids": [ids[i] for i in stale], "parsed": [parsed[i] for i in stale], "keys": [keys[i] for i in stale]}
        await session.execute(_STORE_PARSES, {**params, "user_id": user_id})


async def store_score(session: AsyncSession, job: Job, score: int, breakdown: dict[str, Any], now: datetime) -> None:
    """One job's score (inserted or replaced)."""
    values = {"score": score, "breakdown": breakdown, "scored_at": now}
    statement = insert(JobScore).values(job_id=job.id, user_id=job.user_id, **values)
    await session.execute(statement.on_conflict_do_update(index_elements=[JobScore.job_id], set_=values))


async def unscored_job_ids(session: AsyncSession, created_before: datetime, limit: int) -> list[int]:
    scored = exists().where(JobScore.job_id == Job.id)
    query = select(Job.id).where(~scored, Job.created_at < created_before).order_by(Job.id).limit(limit)
    return list((await session.execute(query)).scalars())
