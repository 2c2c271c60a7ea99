"""Plain input records for the AI features, and how they are read from rows (pure: no database
access, no GraphQL).

Callers fetch the rows (the user, the job, the latest parsed résumé) and build these records;
the prompt builders and the offline engine only ever see the records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from api.matching.requirements import split_requirements
from api.skill.taxonomy import canonical

if TYPE_CHECKING:
    from api.models import Job, ResumeUpload, User


@dataclass(frozen=True)
class ProfileFacts:
    """What we know about the user (from their profile)."""

    name: str = ""
    skills: tuple[str, ...] | list[str] = ()
    experience_level: str = ""  # an api.vocabulary.ExperienceLevel, or ""
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
    # named without a cue (intro, responsibilities, stack lines): below the must-haves, above the nice-to-haves
    mentioned: tuple[str, ...] | list[str] = ()

    def all_skills(self) -> list[str]:
        """Skills of the job, most important first (must-haves, the stack, requirement lines, skills
        merely mentioned, nice-to-haves), de-duplicated (case-insensitive)."""
        seen: set[str] = set()
        out: list[str] = []
        for group in (self.must_have, self.tech_stack, self.requirements, self.mentioned, self.nice_to_have):
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


_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦>]+|\d+[.)])\s+")
SECTION_TITLES = {
    "summary": "Summary",
    "skills": "Skills",
    "experience": "Experience",
    "projects": "Projects",
    "education": "Education",
    "certifications": "Certifications",
    "awards": "Awards",
}


def job_facts(job: Job) -> JobFacts:
    parsed = split_requirements(job.description, job.requirements, job.tech_stack, job.title)
    lines = [_BULLET.sub("", line).strip() for line in (job.requirements or "").splitlines()]
    return JobFacts(
        company=job.company,
        title=job.title,
        location=job.location or "",
        description=job.description or "",
        requirements=tuple(line for line in lines if line),
        tech_stack=tuple(canonical(s) for s in job.tech_stack),
        must_have=tuple(parsed.must_have),
        nice_to_have=tuple(parsed.nice_to_have),
        mentioned=tuple(parsed.mentioned),
    )


def placeholder_job() -> JobFacts:
    """For documents not about a particular job (an email draft without one)."""
    return JobFacts(company="[Company]", title="[Role]")


def profile_facts(user: User, resume: ResumeUpload | None = None) -> ProfileFacts:
    parsed = (resume.parsed or {}) if resume is not None else {}
    roles = [e["title"] for e in parsed.get("experience", []) if e.get("title")][:3]
    return ProfileFacts(
        name=parsed.get("name") or "",
        skills=tuple(user.skills),
        experience_level=user.experience_level,
        years=user.years_experience if user.years_experience is not None else (parsed.get("total_years") or None),
        recent_roles=tuple(roles),
        locations=tuple(user.preferred_locations),
    )


def resume_sections(user: User, resume: ResumeUpload | None) -> list[ResumeSection]:
    """The résumé's sections for tailoring; without a résumé, what the profile says."""
    sections = ((resume.parsed or {}).get("sections") or {}) if resume is not None else {}
    out = [
        ResumeSection(SECTION_TITLES.get(key, key.capitalize()), tuple(lines))
        for key, lines in sections.items()
        if key != "header" and lines
    ]
    if not out:
        out = [ResumeSection("Skills", (", ".join(user.skills),))] if user.skills else []
    return out
