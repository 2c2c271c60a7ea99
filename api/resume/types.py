from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped, from_result
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection
from api.models import ResumeUpload as ResumeUploadRow
from api.resume.loaders import ResumeUploadByIdLoader
from api.user.types import UserRef
from api.vocabulary import ExperienceLevel, LanguageLevel, ResumeSuggestionKind, ResumeUploadStatus

expose(ResumeUploadStatus, ResumeSuggestionKind, ExperienceLevel, LanguageLevel)


@strawberry.type(
    description="A change to the profile suggested by the résumé; accepted one by one or all together, or dismissed."
)
class ResumeSuggestion:
    id: str
    kind: ResumeSuggestionKind
    value: str
    reason: str
    accepted: bool
    dismissed: bool = strawberry.field(default=False, description="Hidden by the person without changing the profile")


@strawberry.type
class ResumeSkill:
    name: str
    mentions: int
    evidence: list[str] = strawberry.field(description="Up to three résumé lines that mention it")


@strawberry.type
class ResumeExperience:
    title: str | None
    company: str | None
    start: str | None = strawberry.field(description="YYYY-MM")
    end: str | None = strawberry.field(description="YYYY-MM; null when current")
    current: bool


@strawberry.type
class ResumeEducation:
    degree: str
    institution: str | None
    year: int | None


@strawberry.type(description="A spoken language the résumé lists with its level.")
class ResumeLanguage:
    language: str
    level: LanguageLevel
    evidence: str = strawberry.field(description="The résumé line that says it")


@strawberry.type(description='Years the résumé gives for a skill ("5 years of Python").')
class ResumeSkillYears:
    skill: str
    years: float
    evidence: str = strawberry.field(description="The résumé line that says it")


@strawberry.type(description="What the parser read from the résumé.")
class ParsedResume(Mapped):
    """Read from api.resume.extract.ParsedResume as stored, whose contact details are nested."""

    name: str | None
    email: str | None
    phone: str | None
    location: str | None
    links: list[str]
    skills: list[ResumeSkill]
    experience: list[ResumeExperience]
    total_years: float
    education: list[ResumeEducation]
    certifications: list[str]
    experience_level: ExperienceLevel | None
    pages: int
    languages: list[ResumeLanguage] = strawberry.field(default_factory=list, description="Empty for résumés parsed before")
    skill_years: list[ResumeSkillYears] = strawberry.field(default_factory=list, description="Empty for résumés parsed before")

    @classmethod
    def from_result(cls, parsed: Any, **overrides: Any) -> ParsedResume:  # type: ignore[override]
        contact = parsed["contact"]
        return from_result(
            cls,
            parsed,
            email=contact["email"],
            phone=contact["phone"],
            location=contact["location"],
            links=contact["links"],
            **overrides,
        )


@strawberry.type(name="ResumeUpload")
class ResumeUpload(OwnedNode, loader=ResumeUploadByIdLoader):
    filename: str
    size: int = strawberry.field(description="Bytes")
    status: ResumeUploadStatus
    error: str | None = strawberry.field(description="Why parsing failed, readable")
    error_code: str | None = strawberry.field(
        description="NOT_PDF, CORRUPT, TOO_LARGE, TOO_MANY_PAGES, LIMIT_EXCEEDED, TIMEOUT, ENCRYPTED, EMPTY"
    )
    parsed: ParsedResume | None
    suggestions: list[ResumeSuggestion]
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def from_model(cls, row: ResumeUploadRow) -> ResumeUpload:  # type: ignore[override]
        return from_result(cls, row, parsed=ParsedResume.from_result(row.parsed) if row.parsed else None)


@strawberry.type
class ResumeUploadConnection(Connection[ResumeUpload]):
    pass


@strawberry.input
class ResumeSuggestionAcceptInput:
    upload_id: relay.GlobalID
    suggestion_id: str


@strawberry.type
class ResumeSuggestionAcceptPayload:
    upload: ResumeUpload | None = None
    user: UserRef | None = strawberry.field(default=None, description="The profile after the change")
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class ResumeSuggestionsInput:
    upload_id: relay.GlobalID
    suggestion_ids: list[str] | None = strawberry.field(default=None, description="Omit for every open suggestion")


@strawberry.type
class ResumeSuggestionsDismissPayload:
    upload: ResumeUpload | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
