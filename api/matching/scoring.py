"""Explainable scoring of a user's jobs: the user's profile, weights and taxonomy extensions
fed to the pure `api.matching.score.score_job`. Used by the worker (new jobs, re-scores,
discovered jobs) and by feedback (a job's parts when it has no stored breakdown yet)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from api.matching import parsed, repository
from api.matching.requirements import Requirements
from api.matching.score import MatchJob, MatchProfile, ScoreBreakdown, Weights, score_job
from api.models import Job, MatchWeights, User
from api.notification import service as notifications
from api.skill.taxonomy import Taxonomy, default_taxonomy
from api.user.languages import speaks_for_work


def match_job(job: Any) -> MatchJob:
    """The facts scoring reads of a job (an ORM row, or a row of `repository.jobs_to_rescore` to parse)."""
    return MatchJob(
        title=job.title,
        company=job.company,
        location=job.location or None,
        remote=job.remote_option,
        description=job.description or "",
        requirements=job.requirements or "",
        tech_stack=list(job.tech_stack or []),
    )


@dataclass(frozen=True)
class Scorer:
    profile: MatchProfile
    weights: Weights
    taxonomy: Taxonomy

    def _requirements(self, job: MatchJob, stored: Any) -> tuple[Requirements, int, str | None]:
        """The job's parsed requirements, its word count and, when they were parsed now, their cache
        key: the parse stored on the row while its key still matches (see `api.matching.parsed`), else
        a fresh one."""
        key = parsed.cache_key(job.title, job.description, job.requirements, job.tech_stack, self.taxonomy)
        hit = parsed.cached(stored.parsed_requirements, stored.parsed_requirements_key, key)
        if hit is None:
            return self._parse(job), parsed.word_count(job.description, job.requirements), key
        return *hit, None

    def _parse(self, job: MatchJob) -> Requirements:
        return parsed.parse(job.title, job.description, job.requirements, job.tech_stack, self.taxonomy)

    def _score(self, facts: MatchJob, req: Requirements, words: int) -> ScoreBreakdown:
        return score_job(self.profile, facts, self.weights, self.taxonomy, requirements=req, words=words)

    def _scored(self, job: Any) -> tuple[ScoreBreakdown, Requirements, int, str | None]:
        facts = match_job(job)
        req, words, key = self._requirements(facts, job)
        return self._score(facts, req, words), req, words, key

    def score(self, job: Job) -> ScoreBreakdown:
        return self._scored(job)[0]

    def key_prefix(self) -> str:
        return parsed.key_prefix(self.taxonomy)

    def rescored(self, row: Any, key_prefix: str) -> tuple[int, int, str, str | None, str | None]:
        """What `repository.store_scores` writes for a row of `repository.jobs_to_rescore` (read with
        `key_prefix`): its id, total, breakdown (JSON) and, when the stored parse was stale, the new
        one (JSON) and its key. A current parse is scored as stored, without the text."""
        if row.fresh:  # no text: scoring reads the parse and its word count instead
            facts = MatchJob(title=row.title, location=row.location or None, remote=row.remote_option)
            breakdown = self._score(facts, parsed.requirements_from_dict(row.parse), row.parse["words"])
            return row.id, breakdown.total, breakdown.to_json(), None, None
        facts = match_job(row)
        req, words = self._parse(facts), parsed.word_count(facts.description, facts.requirements)
        breakdown = self._score(facts, req, words)
        new_parse = json.dumps(parsed.requirements_to_dict(req, words))
        return row.id, breakdown.total, breakdown.to_json(), new_parse, key_prefix + row.digest

    def score_and_cache(self, job: Job) -> ScoreBreakdown:
        """Score the job, keeping its parse on the row when it is new (the cache; written on flush)."""
        breakdown, req, words, new_key = self._scored(job)
        if new_key is not None:
            job.parsed_requirements, job.parsed_requirements_key = parsed.requirements_to_dict(req, words), new_key
        return breakdown

    async def apply(self, session: AsyncSession, job: Job, now: datetime | None = None) -> ScoreBreakdown:
        """Score the job and store the total (the board and alerts read it) and the breakdown in
        its `job_scores` row, and the parse on the job when it is new."""
        breakdown = self.score_and_cache(job)
        stored, when = breakdown.to_dict(), now or datetime.now(UTC)
        await repository.store_score(session, job, breakdown.total, stored, when)
        for name, value in (("match_score", breakdown.total), ("score_breakdown", stored), ("scored_at", when)):
            set_committed_value(job, name, value)  # the row as it now reads
        return breakdown


def match_profile(user: User) -> MatchProfile:
    """The profile as scoring sees it. Years per skill and total years when the person gave them; the
    languages spoken at a working level (B2 and above: "fluent German" is not met by A2 German), or
    None when the profile lists no languages at all (the breakdown then says they were not scored)."""
    languages = list(user.languages or [])
    return MatchProfile(
        skills=list(user.skills),
        preferred_locations=list(user.preferred_locations),
        experience_level=user.experience_level,
        years=user.years_experience,
        skill_years={str(e["skill"]): float(e["years"]) for e in user.skill_years or []},
        languages=[str(e["language"]) for e in languages if speaks_for_work(e["level"])] if languages else None,
    )


def weights_of(row: MatchWeights | None) -> Weights:
    if row is None:
        return Weights()
    return Weights(skills=row.skills, location=row.location, experience=row.experience)


async def taxonomy_for(session: AsyncSession, user_id: int) -> Taxonomy:
    extra = await repository.skills(session, user_id)
    if not extra:
        return default_taxonomy()
    return default_taxonomy().with_extra(
        [{"name": s.name, "aliases": list(s.aliases), **({"category": s.category} if s.category else {})} for s in extra]
    )


async def scorer_for(session: AsyncSession, user: User) -> Scorer:
    return Scorer(
        profile=match_profile(user),
        weights=weights_of(await repository.weights(session, user.id)),
        taxonomy=await taxonomy_for(session, user.id),
    )


async def alert_strong_match(session: AsyncSession, job: Job, threshold: int, note: str = "") -> notifications.Created | None:
    """One alert per job scoring at least `threshold` (a re-delivered job finds it raised)."""
    if job.match_score is None or job.match_score < threshold:
        return None
    return await notifications.create(
        session,
        user_id=job.user_id,
        kind="job_match",
        title=f"Strong match: {job.title} at {job.company}",
        body=f"Scored {job.match_score}/100 against your profile.{note}",
        job_id=job.id,
        dedupe_key=f"job_match:{job.id}",
    )
