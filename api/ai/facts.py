"""Plain input records for the AI features (no DB, no GraphQL).

The integrator builds these from DB rows; the prompt builders and the offline
engine only ever see these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EXPERIENCE_LEVELS = ("junior", "mid", "senior", "lead")


@dataclass(frozen=True)
class ProfileFacts:
    """What we know about the user (from their profile)."""

    name: str = ""
    skills: tuple[str, ...] | list[str] = ()
    experience_level: str = ""  # junior | mid | senior | lead | ""
    years: float | None = None
    recent_roles: tuple[str, ...] | list[str] = ()
    locations: tuple[str, ...] | list[str] = ()


@dataclass(frozen=True)
class JobFacts:
    """What we know about a job posting. `description` is untrusted text."""

    company: str
    title: str
    location: str = ""
    description: str = ""
    requirements: tuple[str, ...] | list[str] = ()
    tech_stack: tuple[str, ...] | list[str] = ()
    must_have: tuple[str, ...] | list[str] = ()
    nice_to_have: tuple[str, ...] | list[str] = ()

    def all_skills(self) -> list[str]:
        """Skills of the job, most important first, de-duplicated (case-insensitive)."""
        seen: set[str] = set()
        out: list[str] = []
        for group in (self.must_have, self.tech_stack, self.requirements, self.nice_to_have):
            for skill in group:
                s = str(skill).strip()
                if group is self.requirements and (len(s.split()) > 3 or any(ch.isdigit() for ch in s)):
                    continue  # a requirement sentence ("5+ years of backend work"), not a skill name
                if s and s.lower() not in seen:
                    seen.add(s.lower())
                    out.append(s)
        return out


@dataclass(frozen=True)
class ResumeSection:
    """One section of the user's resume, used for tailoring."""

    name: str  # e.g. "Summary", "Experience", "Skills"
    lines: tuple[str, ...] | list[str] = field(default_factory=tuple)


def skill_gaps(profile: ProfileFacts, job: JobFacts) -> list[str]:
    """Job skills the profile does not list (case-insensitive), job order kept."""
    have = {s.strip().lower() for s in profile.skills}
    return [s for s in job.all_skills() if s.lower() not in have]


def matching_skills(profile: ProfileFacts, job: JobFacts) -> list[str]:
    """Job skills the profile lists, job order kept."""
    have = {s.strip().lower() for s in profile.skills}
    return [s for s in job.all_skills() if s.lower() in have]
