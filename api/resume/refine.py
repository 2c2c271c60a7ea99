"""With a model configured: the model refines the rule-based extraction into the same schema.

The model may fill in what layout heuristics miss — the name, experience entries (title,
company, dates), education and certifications — from the résumé text, which it only sees as a
data block. What we compute stays ours: skills come from the taxonomy (with their evidence
lines), and total years and the experience level are recomputed by api.resume.extract from the
refined entries. A failed or invalid reply leaves the rule-based result unchanged.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import field_validator

from api.ai.prompts import DataBlock, Prompt, system_prompt
from api.ai.schemas import StrictModel
from api.resume.extract import EducationEntry, ExperienceEntry, ParsedResume, experience_level, total_years

REFINE_TASK = (
    "Extract the structured facts of the résumé in the RESUME block: the candidate's name, every work experience entry "
    "(job title, company, start and end as YYYY-MM, current when it has no end), education (degree, institution, year) "
    "and certifications. FACTS holds what the application already found by rules; correct and complete it from the "
    "résumé text only. Leave a field null when the résumé does not say it; never guess."
)
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
TEXT_LIMIT = 12_000


class RefinedExperience(StrictModel):
    title: str | None
    company: str | None
    start: str | None
    end: str | None
    current: bool

    @field_validator("start", "end")
    @classmethod
    def _month(cls, value: str | None) -> str | None:
        if value is not None and not _MONTH.match(value):
            raise ValueError("dates are YYYY-MM")
        return value


class RefinedEducation(StrictModel):
    degree: str
    institution: str | None
    year: int | None


class ResumeRefinement(StrictModel):
    name: str | None
    experience: list[RefinedExperience]
    education: list[RefinedEducation]
    certifications: list[str]


def refine_prompt(parsed: ParsedResume) -> Prompt:
    facts = {
        "name_found": parsed.name,
        "experience_found": [e.model_dump(exclude={"raw"}) for e in parsed.experience],
        "education_found": [e.model_dump(exclude={"raw"}) for e in parsed.education],
        "certifications_found": parsed.certifications,
    }
    return Prompt(system_prompt(REFINE_TASK), (DataBlock("RESUME", parsed.text, max_chars=TEXT_LIMIT),), facts)


def merge(parsed: ParsedResume, refined: ResumeRefinement, today: date | None = None) -> ParsedResume:
    """The refined fields where the model gave any; years and level recomputed by our rules."""
    experience = [
        ExperienceEntry(
            title=_clip(e.title),
            company=_clip(e.company),
            start=e.start,
            end=None if e.current else e.end,
            current=e.current,
            raw="(refined by the model)",
        )
        for e in refined.experience[:40]
    ] or parsed.experience
    education = [
        EducationEntry(degree=e.degree[:200], institution=_clip(e.institution), year=e.year, raw="(refined by the model)")
        for e in refined.education[:20]
    ] or parsed.education
    years = total_years(experience, today)
    return parsed.model_copy(
        update={
            "name": _clip(refined.name) or parsed.name,
            "experience": experience,
            "education": education,
            "certifications": [c.strip()[:200] for c in refined.certifications[:40] if c.strip()] or parsed.certifications,
            "total_years": years,
            "experience_level": experience_level(years, [e.title for e in experience]),
        }
    )


def _clip(value: str | None, limit: int = 200) -> str | None:
    value = (value or "").strip()
    return value[:limit] or None
