"""Skill gaps: which missing skills matter most across your jobs and the market.

Pure and deterministic.  ``skill_gaps(profile_skills, job_skill_lists,
market_trends)``:

* frequency        – in how many of the given jobs (saved + recommended) the
                     skill appears (once per job)
* coverage_percent – frequency as a percent of those jobs
* trend_percent    – market change for the skill (``trends.trend_percent_map``)
                     or None when unknown (treated as 0 for ranking)
* rank_score       – frequency × (1 + trend/100), trend floored at -100
* next_step        – a concrete suggestion chosen by the skill's category

The report's ``coverage_percent`` is how much of the demand you already
cover: the frequency-weighted share of job skill mentions that are in your
profile.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from api.skill.taxonomy import Taxonomy, default_taxonomy

__all__ = ["NEXT_STEPS", "Gap", "GapReport", "next_step_for", "skill_gaps"]

NEXT_STEPS: dict[str, str] = {
    "language": "Build a small project in {skill} (a CLI tool or an API) and put it on your portfolio.",
    "frontend": "Rebuild one screen of an existing project with {skill} and deploy it.",
    "mobile": "Ship a tiny {skill} app (one screen, one API call) to a test device.",
    "backend": "Add a small service or feature using {skill} to one of your projects.",
    "database": "Model a sample dataset in {skill}, write a few real queries and add an index.",
    "cloud": "Deploy a small service on {skill}; an entry-level certification helps recruiters see it.",
    "devops": "Automate build or deployment of one of your projects with {skill}.",
    "data": "Build a small end-to-end data pipeline or report with {skill} on a public dataset.",
    "ml": "Train and evaluate a small model with {skill} on a public dataset and write up the results.",
    "testing": "Add {skill} tests to an existing project and wire them into CI.",
    "security": "Review one of your projects against {skill} practices and fix what you find.",
    "practice": "Study {skill} with a short course or book and apply it in a design write-up.",
    "tool": "Use {skill} in your next project and mention it in your workflow description.",
    "design": "Do a small {skill} exercise on a real product and add it to your portfolio.",
    "soft": "Collect a concrete example of {skill} from your work for your CV and interviews.",
    "management": "Take on a small {skill} responsibility at work and record the outcome.",
}
_DEFAULT_STEP = "Learn the basics of {skill} and use it in a small project."


def next_step_for(skill: str, category: str | None) -> str:
    return NEXT_STEPS.get(category or "", _DEFAULT_STEP).format(skill=skill)


@dataclass
class Gap:
    skill: str
    category: str | None
    frequency: int
    coverage_percent: float
    trend_percent: float | None
    rank_score: float
    next_step: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class GapReport:
    gaps: list[Gap] = field(default_factory=list)
    coverage_percent: float = 0.0  # share of job skill demand you already cover
    jobs_considered: int = 0
    skills_you_have: list[str] = field(default_factory=list)  # demanded skills you already have

    def to_dict(self) -> dict:
        return {
            "gaps": [g.to_dict() for g in self.gaps],
            "coverage_percent": self.coverage_percent,
            "jobs_considered": self.jobs_considered,
            "skills_you_have": list(self.skills_you_have),
        }


def skill_gaps(
    profile_skills: Iterable[str],
    job_skill_lists: Iterable[Iterable[str]],
    market_trends: Mapping[str, float | None] | None = None,
    taxonomy: Taxonomy | None = None,
    limit: int | None = None,
) -> GapReport:
    """Rank the skills you lack by how often your jobs ask for them and market momentum."""
    tx = taxonomy or default_taxonomy()
    have = set(tx.canonical_set(profile_skills))
    trend_by_key = {tx.canonical_key(k): v for k, v in (market_trends or {}).items()}
    freq: dict[str, int] = {}
    names: dict[str, str] = {}
    jobs = 0
    for skills in job_skill_lists:
        jobs += 1
        for key, name in tx.canonical_set(skills).items():
            names.setdefault(key, name)
            freq[key] = freq.get(key, 0) + 1

    demand = sum(freq.values())
    covered = sum(f for k, f in freq.items() if k in have)
    coverage = round(100.0 * covered / demand, 1) if demand else 0.0

    gaps: list[Gap] = []
    for key, f in freq.items():
        if key in have:
            continue
        trend = trend_by_key.get(key)
        t = max(-100.0, float(trend)) if trend is not None else 0.0
        rank = round(f * (1 + t / 100.0), 2)
        name = names[key]
        cat = tx.category(name)
        gaps.append(Gap(name, cat, f, round(100.0 * f / jobs, 1), trend, rank, next_step_for(name, cat)))
    gaps.sort(key=lambda g: (-g.rank_score, -g.frequency, g.skill.lower()))
    if limit is not None:
        gaps = gaps[:limit]
    yours = sorted((names[k] for k in freq if k in have), key=lambda n: (-freq[n.lower()], n.lower()))
    return GapReport(gaps, coverage, jobs, yours)
