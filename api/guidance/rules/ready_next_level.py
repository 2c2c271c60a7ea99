"""Ready for the next level: readiness for the target role (`facts.readiness`, the journey's
prediction) is at least `readiness_percent`. Lists up to `max_jobs` open jobs (scored, no application
yet): titles naming more of the role's words first (so "Senior Platform Engineer" before "Platform
Engineer" before "Data Analyst" for that role), then the highest score. A rise since the skill
snapshot before the newest is mentioned ("up from 74%"). Once per role and threshold
(`ready_next_level:<role>:<threshold>`).
"""

from __future__ import annotations

import re
from datetime import timedelta

from api.guidance.conditions import ReadyNextLevel
from api.guidance.facts import Draft, Evidence, UserFacts
from api.guidance.rules._common import by_score, job_actions, job_evidence, jobs_summary, number, plural, rounded
from api.guidance.rules._links import open_page

KEY = "ready_next_level"
VALID_DAYS = 30
_WORDS = re.compile(r"[a-z0-9+#]+")
_FILLER = {"a", "an", "and", "at", "for", "in", "of", "the", "to", "with"}


def evaluate(facts: UserFacts, conditions: ReadyNextLevel) -> list[Draft]:
    readiness = facts.readiness
    if readiness is None or readiness.percent < conditions.readiness_percent:
        return []
    role = readiness.role.strip()
    words = _words(role)
    candidates = [job for job in facts.jobs if not job.applied and job.score is not None]
    jobs = sorted(candidates, key=lambda job: (-len(words & _words(job.title)), *by_score(job)))[: conditions.max_jobs]
    shown = rounded(readiness.percent)
    before = rounded(readiness.previous_percent) if readiness.previous_percent is not None else None
    rise = before is not None and before < shown
    evidence = [
        Evidence(
            "Readiness",
            f"{shown}% of the key skills for {role} (threshold {number(conditions.readiness_percent)}%)"
            + (f", up from {before}%" if rise else ""),
        )
    ]
    if readiness.missing:
        evidence.append(Evidence("Still to learn", ", ".join(readiness.missing)))
    evidence.extend(job_evidence(jobs))
    if jobs:
        jobs_note = f"{plural(len(jobs), 'job')} to look at now: {jobs_summary(jobs)}."
        actions = job_actions(jobs)
    else:
        jobs_note = f"Save a few {role} postings to see how you match."
        actions = (open_page(f"Discover {role} jobs", "/discover"),)
    if rise:
        jobs_note = f"That is up from {before}% before your newest skill snapshot. {jobs_note}"
    return [
        Draft(
            rule_key=KEY,
            dedupe_key=f"{KEY}:{' '.join(role.lower().split())}:{number(conditions.readiness_percent)}",
            values={"role": role, "readiness": shown, "jobs_note": jobs_note},
            evidence=tuple(evidence),
            actions=actions,
            valid_until=facts.now + timedelta(days=VALID_DAYS),
        )
    ]


def _words(text: str) -> set[str]:
    return set(_WORDS.findall(text.lower())) - _FILLER
