"""Import a JSON Resume (https://jsonresume.org/schema) into the profile and the journey.

basics.location → preferred locations; skills (names and keywords) → profile skills; languages →
spoken languages (fluency mapped to a level by api.user.languages); work → the current role and
company (the entry without an end date, else the latest) and a "new role" milestone per position;
education → a milestone per degree. Everything is checked first; then it is written in the caller's
one unit of work through the profile and journey services (same rules as editing by hand).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import AppError, ErrorCode
from api.journey import service as journey_service
from api.user import service as user_service
from api.user.languages import known_language, level_of
from api.vocabulary import MilestoneKind

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class ResumeRefused(AppError):
    def __init__(self, message: str):
        super().__init__(message, "file", ErrorCode.INVALID)


@dataclass
class Resume:
    skills: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    languages: list[user_service.SpokenLanguage] = field(default_factory=list)
    current_role: str | None = None
    current_company: str | None = None
    role_started_on: date | None = None
    milestones: list[dict[str, Any]] = field(default_factory=list)


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    match = DATE_RE.match(str(value).strip())
    try:
        if not match:
            raise ValueError
        return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        raise ResumeRefused(f"{where}: {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)") from None


def _list(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ResumeRefused(f"{key} must be a list of objects")
    return value


def parse(data: Any) -> Resume:
    if not isinstance(data, dict) or not any(k in data for k in ("basics", "work", "education", "skills", "languages")):
        raise ResumeRefused("This is not a JSON Resume (it needs basics, work, education, skills or languages)")
    resume = Resume()
    basics = data.get("basics") or {}
    location = basics.get("location") if isinstance(basics, dict) else None
    if isinstance(location, dict) and location.get("city"):
        resume.locations.append(str(location["city"]).strip()[:120])
    for entry in _list(data, "skills"):
        for name in [entry.get("name"), *(entry.get("keywords") or [])]:
            if isinstance(name, str) and name.strip() and name.strip().lower() not in {s.lower() for s in resume.skills}:
                resume.skills.append(name.strip()[:80])
    for entry in _list(data, "languages"):
        name, level = known_language(str(entry.get("language") or "")), level_of(str(entry.get("fluency") or ""))
        if name and level and name not in {x.language for x in resume.languages}:
            resume.languages.append(user_service.SpokenLanguage(name, level.value))
    work = []
    for index, entry in enumerate(_list(data, "work"), start=1):
        start = _date(entry.get("startDate"), f"work {index} startDate")
        end = _date(entry.get("endDate"), f"work {index} endDate")
        position, company = str(entry.get("position") or "").strip(), str(entry.get("name") or "").strip()
        if position and start:
            work.append((end is None, start, position, company))
            title = f"{position} at {company}" if company else position
            resume.milestones.append(
                {
                    "kind": MilestoneKind.NEW_ROLE.value,
                    "title": title[:200],
                    "description": str(entry.get("summary") or "")[:5000],
                    "role": position[:200],
                    "achieved_on": start,
                }
            )
    for index, entry in enumerate(_list(data, "education"), start=1):
        end = _date(entry.get("endDate"), f"education {index} endDate")
        degree = " ".join(str(entry.get(k) or "").strip() for k in ("studyType", "area")).strip()
        school = str(entry.get("institution") or "").strip()
        if (degree or school) and end:
            title = f"{degree} — {school}" if degree and school else degree or school
            resume.milestones.append({"kind": MilestoneKind.OTHER.value, "title": title[:200], "achieved_on": end})
    if work:
        _, start, position, company = max(work)
        resume.current_role, resume.current_company, resume.role_started_on = position[:200], company[:200], start
    return resume


async def apply(session: AsyncSession, user_id: int, resume: Resume) -> dict[str, int]:
    user = await journey_service.get_user(session, user_id)
    skills = list(dict.fromkeys([*user.skills, *resume.skills]))
    locations = list(dict.fromkeys([*user.preferred_locations, *resume.locations]))
    changes = user_service.ProfileChanges(skills=skills, preferred_locations=locations)
    if resume.languages:
        changes.languages = resume.languages
    await user_service.update_profile(session, user_id, changes)
    if resume.current_role:
        fields: dict[str, Any] = {"current_role": resume.current_role, "current_company": resume.current_company}
        if resume.role_started_on and resume.role_started_on <= datetime.now(UTC).date():
            fields["role_started_on"] = resume.role_started_on
        await journey_service.update_journey(session, user_id, fields)
    for milestone in resume.milestones:
        await journey_service.add_milestone(session, user_id, milestone)
    return {"skills": len(resume.skills), "languages": len(resume.languages), "milestones": len(resume.milestones)}
