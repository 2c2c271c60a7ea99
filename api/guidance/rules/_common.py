"""Small pure helpers the rules share: skill names (aliases through the taxonomy), windows of time,
rounding and wording of numbers, and how a job is shown as evidence and as a link."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from fractions import Fraction
from functools import lru_cache

from api import wording
from api.dates import aware, iso_week, local_date
from api.guidance.facts import Action, Evidence, JobFact, UserFacts
from api.guidance.rules._links import job_href, open_page
from api.skill.taxonomy import canonical, canonical_key, extract_skills

_WORD_EDGE = "a-zA-Z0-9+#"
_TOKEN = re.compile(r"[a-z0-9+#]+")


@lru_cache(maxsize=8192)
def skill_key(name: str) -> str:
    """The comparison key of a skill: its canonical name, lower case ("k8s" and "Kubernetes" agree)."""
    return canonical_key(name)


@lru_cache(maxsize=8192)
def skill_name(name: str) -> str:
    return canonical(name)


@lru_cache(maxsize=8192)
def _word(name: str) -> tuple[str, re.Pattern[str]] | None:
    """How a skill name is found in text: its first token (a quick filter) and a whole-word pattern,
    case-insensitive (one or two characters: exact case)."""
    word = name.strip()
    tokens = _TOKEN.findall(word.lower())
    if not tokens:
        return None
    flags = 0 if len(word) <= 2 else re.IGNORECASE
    return tokens[0], re.compile(rf"(?<![{_WORD_EDGE}]){re.escape(word)}(?![{_WORD_EDGE}])", flags)


def profile_keys(facts: UserFacts) -> set[str]:
    return {skill_key(s) for s in facts.skills if s.strip()}


def mentions(text: str, names: Iterable[str]) -> list[str]:
    """The names (as given) that the text mentions: as a whole word, case-insensitive, or through a
    taxonomy alias ("k8s" in the text mentions "Kubernetes"). Names of one or two characters ("Go",
    "R") must be written with their own case, so "go to the gym" does not mention Go (a sentence
    starting with "Go" still does)."""
    extracted = {skill_key(m.name) for m in extract_skills(text)} if text.strip() else set()
    tokens = set(_TOKEN.findall(text.lower()))
    found: list[str] = []
    for name in names:
        word = _word(name)
        if word is None:
            continue
        first, pattern = word
        if (first in tokens and pattern.search(text)) or (extracted and skill_key(name) in extracted):
            found.append(name)
    return found


def today(facts: UserFacts) -> date:
    """The person's local date at the run."""
    return local_date(facts.now, facts.timezone)


def week(facts: UserFacts) -> str:
    """The person's local ISO week at the run ("2025-W23"), for dedupe keys of recurring facts."""
    return iso_week(today(facts))


def within(moment: datetime, now: datetime, days: int) -> bool:
    """now - days < moment <= now."""
    moment = aware(moment)
    return now - timedelta(days=days) < moment <= now


def days_within(day: date, last: date, days: int) -> bool:
    """A calendar date among the `days` days ending with `last` (inclusive)."""
    return last - timedelta(days=days) < day <= last


def rounded(value: float | Fraction) -> int:
    """Half up, for the numbers shown to the person (thresholds compare the exact value)."""
    return math.floor(value + Fraction(1, 2)) if isinstance(value, Fraction) else math.floor(value + 0.5)


def number(value: float) -> str:
    """A threshold as written: 80 -> "80", 82.5 -> "82.5"."""
    return f"{value:g}"


plural = wording.plural  # one plural for every concept (api.wording)


def listing(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def job_label(job: JobFact) -> str:
    return f"{job.title} at {job.company}" if job.company else job.title


def job_score(job: JobFact) -> str:
    return f"{rounded(job.score)}% match" if job.score is not None else "not scored yet"


def by_score(job: JobFact) -> tuple[float, int]:
    """Highest score first (unscored last), then the oldest id: a stable order."""
    return (-(job.score if job.score is not None else -1.0), job.id)


def job_evidence(jobs: Sequence[JobFact]) -> tuple[Evidence, ...]:
    return tuple(Evidence(job_label(job), job_score(job)) for job in jobs)


def job_actions(jobs: Sequence[JobFact]) -> tuple[Action, ...]:
    return tuple(open_page(f"Open {job_label(job)}", job_href(job.id)) for job in jobs)


def jobs_summary(jobs: Sequence[JobFact]) -> str:
    """ "Platform Engineer at Acme (88%), SRE at Initech (81%)"."""
    return ", ".join(f"{job_label(job)} ({rounded(job.score)}%)" if job.score is not None else job_label(job) for job in jobs)
