"""Résumé uploads: accept the file, parse it in the worker, apply the suggestions the user accepts."""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api import limits, queue
from api.ai.facts import profile_facts
from api.errors import InvalidTransition, found
from api.models import ResumeUpload, User
from api.resume import repository
from api.resume.extract import ParsedResume, suggest_profile_changes
from api.skill.taxonomy import default_taxonomy
from api.user import repository as user_repository
from api.user import service as user_service

log = logging.getLogger(__name__)

MAX_PENDING_UPLOADS = 3  # parsing is expensive: a per-user cap on work in flight
FILENAME_LIMIT = 255


def clean_filename(name: str | None) -> str:
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    return (name or "resume")[:FILENAME_LIMIT]


@lru_cache(maxsize=1)
def taxonomy_vocabulary() -> dict[str, str]:
    """alias → canonical name for the résumé parser, from the project taxonomy. Forms the taxonomy
    only trusts in context (case-exact, context-required, never-extracted) are left out."""
    vocabulary: dict[str, str] = {}
    for entry in default_taxonomy().entries:
        unsafe = {f.lower() for f in (*entry.case_exact, *entry.context_required, *entry.no_extract)}
        for form in entry.forms:
            if form.lower() not in unsafe:
                vocabulary.setdefault(form.lower(), entry.name)
    return vocabulary


async def create_upload(session: AsyncSession, user_id: int, filename: str | None, content: bytes) -> ResumeUpload:
    """A pending upload the worker parses. At most a few pending per user (counted under the
    user's lock) and a rate per window (api.limits)."""
    await limits.within_cap(
        session,
        "resume_upload",
        user_id,
        lambda: repository.pending_count(session, user_id),
        MAX_PENDING_UPLOADS,
        f"{MAX_PENDING_UPLOADS} résumés are still being parsed; wait until they are done.",
        "file",
    )
    await limits.within_rate("upload", user_id, "file")
    upload = ResumeUpload(user_id=user_id, filename=clean_filename(filename), size=len(content), content=content)
    session.add(upload)
    await session.flush()
    queue.enqueue("resume_parse", upload.id, key=f"resume:{upload.id}")
    return upload


def complete(upload: ResumeUpload, user: User, parsed: ParsedResume) -> None:
    """Store the parse (without the raw text: the sections keep the lines) and the suggestions."""
    upload.parsed = parsed.model_dump(mode="json", exclude={"text"})
    suggested = suggest_profile_changes(
        parsed,
        profile_facts(user),  # its years: the total the person gave
        languages={str(e["language"]): str(e["level"]) for e in user.languages},
        skill_years={str(e["skill"]): float(e["years"]) for e in user.skill_years},
    )
    upload.suggestions = [
        {"id": f"s{i + 1}", "kind": s.kind, "value": s.value, "reason": s.reason, "data": s.data, "accepted": False}
        for i, s in enumerate(suggested)
    ]
    upload.status, upload.error, upload.error_code = "completed", None, None
    upload.content = None
    upload.finished_at = datetime.now(UTC)


def fail(upload: ResumeUpload, code: str, message: str) -> None:
    upload.status, upload.error_code, upload.error = "failed", code[:30], message
    upload.content = None
    upload.finished_at = datetime.now(UTC)


async def accept_suggestion(session: AsyncSession, user_id: int, upload_id: int, suggestion_id: str) -> tuple[ResumeUpload, User]:
    """Apply one suggestion to the profile through the profile service (so jobs are re-scored);
    an accepted skill also lands in a new skill snapshot of the career journey."""
    upload = found(await repository.get(session, user_id, upload_id, for_update=True), "Résumé upload not found", "upload_id")
    if upload.status != "completed":
        raise InvalidTransition("The résumé has not been parsed yet", "upload_id")
    suggestions: list[dict[str, Any]] = [dict(s) for s in upload.suggestions]
    suggestion = found(next((s for s in suggestions if s["id"] == suggestion_id), None), "Suggestion not found", "suggestion_id")
    user = await user_repository.get(session, user_id, for_update=True)
    assert user is not None
    if suggestion["accepted"]:
        return upload, user
    user = await user_service.update_profile(session, user_id, _changes(user, suggestion))
    suggestion["accepted"] = True
    upload.suggestions = suggestions  # a new list, so the JSONB change is saved
    if suggestion["kind"] == "skill_add":
        await _snapshot_skills(session, user_id)
    await session.flush()
    return upload, user


def _changes(user: User, suggestion: dict[str, Any]) -> user_service.ProfileChanges:
    """The profile change a suggestion makes: one item added (or its level / years replaced)."""
    kind, value, data = suggestion["kind"], suggestion["value"], suggestion.get("data") or {}
    if kind == "skill_add":
        return user_service.ProfileChanges(skills=[*user.skills, value])
    if kind == "level":
        return user_service.ProfileChanges(experience_level=value)
    if kind == "language":
        others = [e for e in user.languages if str(e["language"]).lower() != str(data["language"]).lower()]
        return user_service.ProfileChanges(
            languages=[
                *(user_service.SpokenLanguage(e["language"], e["level"]) for e in others),
                user_service.SpokenLanguage(data["language"], data["level"]),
            ]
        )
    if kind == "skill_years":
        others = [e for e in user.skill_years if str(e["skill"]).lower() != str(data["skill"]).lower()]
        return user_service.ProfileChanges(
            skill_years=[
                *(user_service.SkillYears(e["skill"], e["years"]) for e in others),
                user_service.SkillYears(data["skill"], data["years"]),
            ]
        )
    if kind == "years_experience":
        return user_service.ProfileChanges(years_experience=float(data["years"]))
    return user_service.ProfileChanges(preferred_locations=[*user.preferred_locations, value])


async def _snapshot_skills(session: AsyncSession, user_id: int) -> None:
    """Today's skill snapshot, pre-filled from the last one and the profile (now with the skill)."""
    from api.journey import service as journey

    await journey.take_snapshot(session, user_id, None)
