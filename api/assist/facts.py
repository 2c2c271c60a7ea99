"""ProfileFacts / JobFacts (api.ai.facts) from database rows.

The job's skills come from the taxonomy and requirement parsing (must / nice-to-have), the
profile's years and recent roles from the latest parsed résumé when there is one.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.ai.facts import JobFacts, ProfileFacts, ResumeSection
from api.matching.requirements import split_requirements
from api.models import Job, ResumeUpload, User
from api.skill.taxonomy import canonical

_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦>]+|\d+[.)])\s+")
SECTION_TITLES = {
    "summary": "Summary", "skills": "Skills", "experience": "Experience", "projects": "Projects",
    "education": "Education", "certifications": "Certifications", "awards": "Awards",
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
    )


def placeholder_job() -> JobFacts:
    """For documents not about a particular job (an email draft without one)."""
    return JobFacts(company="[Company]", title="[Role]")


async def latest_parsed_resume(session: AsyncSession, user_id: int, upload_id: int | None = None) -> ResumeUpload | None:
    query = select(ResumeUpload).where(ResumeUpload.user_id == user_id, ResumeUpload.status == "completed")
    if upload_id is not None:
        query = query.where(ResumeUpload.id == upload_id)
    return (await session.execute(query.order_by(ResumeUpload.id.desc()).limit(1))).scalar_one_or_none()


def profile_facts(user: User, resume: ResumeUpload | None = None) -> ProfileFacts:
    parsed = (resume.parsed or {}) if resume is not None else {}
    roles = [e["title"] for e in parsed.get("experience", []) if e.get("title")][:3]
    return ProfileFacts(
        name=parsed.get("name") or "",
        skills=tuple(user.skills),
        experience_level=user.experience_level,
        years=parsed.get("total_years") or None,
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
