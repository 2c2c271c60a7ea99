"""Matching rules: feedback adjusts the user's weights, users extend the taxonomy; both re-score."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.errors import ErrorCode, NotFound, Validator, found
from api.job import repository as job_repository
from api.matching import repository
from api.matching.score import Feedback, ScoreBreakdown, Weights, adapt_weights
from api.matching.scoring import scorer_for, weights_of
from api.models import MatchFeedback, UserSkill
from api.skill.taxonomy import CATEGORIES
from api.vocabulary import FeedbackTarget

MAX_ALIASES = 20


@dataclass(frozen=True)
class WeightsView:
    weights: Weights
    reason: str
    customised: bool


async def current_weights(session: AsyncSession, user_id: int) -> WeightsView:
    row = await repository.weights(session, user_id)
    if row is None:
        return WeightsView(Weights(), "The starting weights: skills 50%, location 30%, experience 20%.", False)
    return WeightsView(weights_of(row), row.reason, True)


async def give_feedback(session: AsyncSession, user_id: int, job_id: int, target: str, rating: int) -> WeightsView:
    """Record a thumbs up/down and nudge one weight (within bounds); jobs are re-scored after."""
    check = Validator()
    if rating not in (1, -1):
        check.add("rating", "Rating must be 1 (thumbs up) or -1 (thumbs down)", ErrorCode.OUT_OF_RANGE)
    check.one_of("target", target, FeedbackTarget, "Target")
    check.check()
    job = found(await job_repository.get(session, user_id, job_id), "Job not found", "job_id")
    user = await repository.lock_user_for_feedback(session, user_id)
    assert user is not None
    if job.score_breakdown is not None:
        breakdown = ScoreBreakdown.from_dict(job.score_breakdown)
    else:
        breakdown = (await scorer_for(session, user)).score(job)
    feedback = Feedback.from_breakdown(target, rating, breakdown)
    current = await current_weights(session, user_id)
    new, reason = adapt_weights(current.weights, [feedback])
    await repository.save_weights(session, user_id, new.to_dict(), reason)
    await repository.add_feedback(
        session,
        MatchFeedback(
            user_id=user_id,
            job_id=job_id,
            target=target,
            rating=rating,
            parts=dict(feedback.parts),
            location_reason=feedback.location_reason,
            reason=reason,
        ),
    )
    if new != current.weights:
        queue.enqueue("jobs_rescore_for_user", user_id)
    return WeightsView(new, reason, True)


def _clean_aliases(check: Validator, aliases: list[str] | None, name: str) -> list[str]:
    seen: dict[str, str] = {}
    for alias in aliases or []:
        alias = " ".join((alias or "").split())
        if not alias or alias.lower() == name.lower():
            continue
        if len(alias) > 80:
            check.add("aliases", "Each alias must be at most 80 characters", ErrorCode.TOO_LONG)
            continue
        seen.setdefault(alias.lower(), alias)
    if len(seen) > MAX_ALIASES:
        check.add("aliases", f"At most {MAX_ALIASES} aliases", ErrorCode.TOO_LONG)
    return list(seen.values())


async def add_skill(session: AsyncSession, user_id: int, name: str, aliases: list[str] | None, category: str | None) -> UserSkill:
    """Add a skill to the user's taxonomy, or extend one they added before (aliases merge)."""
    check = Validator()
    name = " ".join((check.text("name", name, max_len=80, required=True, label="Name") or "").split())
    clean = _clean_aliases(check, aliases, name)
    category = (category or "").strip().lower() or None
    if category is not None and category not in CATEGORIES:
        check.add("category", f"Category must be one of: {', '.join(CATEGORIES)}")
    check.check()
    skill = await repository.skill_by_name(session, user_id, name)
    if skill is None:
        skill = UserSkill(user_id=user_id, name=name, aliases=clean, category=category)
        session.add(skill)
    else:
        merged = {a.lower(): a for a in [*skill.aliases, *clean]}
        skill.aliases = list(merged.values())[:MAX_ALIASES]
        skill.category = category or skill.category
    await session.flush()
    queue.enqueue("jobs_rescore_for_user", user_id)
    return skill


async def remove_skill(session: AsyncSession, user_id: int, skill_id: int) -> None:
    found = await repository.skills_by_ids(session, user_id, [skill_id])
    if not found:
        raise NotFound("Skill not found", "id")
    await session.delete(found[0])
    await session.flush()
    queue.enqueue("jobs_rescore_for_user", user_id)
