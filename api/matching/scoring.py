"""Explainable scoring of a user's jobs: the user's profile, weights and taxonomy extensions
fed to the pure `api.matching.score.score_job`. Used by the worker (new jobs, re-scores,
discovered jobs) and by feedback (a job's parts when it has no stored breakdown yet)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.matching import parsed, repository
from api.matching.score import (
    JobFacts,
    ProfileFacts,
    ScoreBreakdown,
    Weights,
    score_job,
)
from api.models import Job, User
from api.skill.taxonomy import Taxonomy, default_taxonomy


@dataclass(frozen=True)
class Scorer:
    profile: ProfileFacts
    weights: Weights
    taxonomy: Taxonomy

    def score(self, job: Job) -> ScoreBreakdown:
        return self._score(job)[0]

    def _score(self, job: Job) -> tuple[ScoreBreakdown, dict]:
        """The breakdown and the parsed-requirements cache entry to store with it. The parse
        stored with the job's breakdown is reused while its fingerprint (text, taxonomy, parser)
        still matches, so unchanged postings are parsed once, not on every re-score."""
        facts = JobFacts(
            title=job.title, company=job.company, location=job.location or None, remote=job.remote_option,
            description=job.description or "", requirements=job.requirements or "", tech_stack=list(job.tech_stack or []),
        )
        fp = parsed.fingerprint(facts.title, facts.description, facts.requirements, facts.tech_stack, self.taxonomy)
        req = parsed.cached(job.score_breakdown, fp)
        if req is None:
            req = parsed.parse(facts.title, facts.description, facts.requirements, facts.tech_stack, self.taxonomy)
        return score_job(self.profile, facts, self.weights, self.taxonomy, requirements=req), parsed.entry(req, fp)

    def apply(self, job: Job, now: datetime | None = None) -> ScoreBreakdown:
        """Score the job and store the total (the board and alerts read it) and the breakdown,
        with the parsed requirements cached beside it (see `api.matching.parsed`)."""
        breakdown, cache = self._score(job)
        job.match_score = breakdown.total
        job.score_breakdown = {**breakdown.to_dict(), parsed.CACHE_KEY: cache}
        job.scored_at = now or datetime.now(UTC)
        return breakdown


def profile_facts(user: User) -> ProfileFacts:
    return ProfileFacts(
        skills=list(user.skills), preferred_locations=list(user.preferred_locations),
        experience_level=user.experience_level,
    )


def weights_of(row) -> Weights:
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
        profile=profile_facts(user),
        weights=weights_of(await repository.weights(session, user.id)),
        taxonomy=await taxonomy_for(session, user.id),
    )
