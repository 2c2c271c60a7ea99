"""The seed match score: tech-stack overlap 50%, location 30%, experience level 20%, capped at 100.

Skills compare through the taxonomy, so case and aliases (k8s / Kubernetes) do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.skill.taxonomy import canonical_key

LEVELS = ("junior", "mid", "senior", "lead")
_LEVEL_WORDS = [
    ("lead", re.compile(r"\b(lead|principal|staff|head|director|architect|manager)\b", re.I)),
    ("senior", re.compile(r"\b(senior|sr\.?)\b", re.I)),
    ("junior", re.compile(r"\b(junior|jr\.?|intern|internship|graduate|entry[- ]level|trainee)\b", re.I)),
]


@dataclass(frozen=True)
class SeedProfile:
    skills: list[str]
    preferred_locations: list[str]
    experience_level: str


@dataclass(frozen=True)
class SeedJob:
    title: str
    location: str
    remote_option: str | None
    tech_stack: list[str]


def level_from_title(title: str) -> str:
    for level, pattern in _LEVEL_WORDS:
        if pattern.search(title or ""):
            return level
    return "mid"


def tech_part(profile: SeedProfile, job: SeedJob) -> float:
    wanted = {canonical_key(s) for s in job.tech_stack if s.strip()}
    if not wanted:
        return 0.0
    have = {canonical_key(s) for s in profile.skills}
    return 50.0 * len(wanted & have) / len(wanted)


def location_part(profile: SeedProfile, job: SeedJob) -> float:
    if job.remote_option == "remote" or re.search(r"\bremote\b", job.location or "", re.I):
        return 30.0
    where = (job.location or "").casefold()
    for place in profile.preferred_locations:
        place = place.strip().casefold()
        if place and where and (place in where or where in place):
            return 30.0
    return 0.0


def experience_part(profile: SeedProfile, job: SeedJob) -> float:
    distance = abs(LEVELS.index(level_from_title(job.title)) - LEVELS.index(profile.experience_level))
    return {0: 20.0, 1: 10.0}.get(distance, 0.0)


def seed_score(profile: SeedProfile, job: SeedJob) -> int:
    total = tech_part(profile, job) + location_part(profile, job) + experience_part(profile, job)
    return min(100, round(total))
