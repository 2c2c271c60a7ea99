from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay

from api.graphql.context import Context
from api.graphql.errors import FieldError
from api.graphql.relay import Connection
from api.models import ResumeUpload as ResumeUploadModel
from api.user.types import ExperienceLevel, UserRef


@strawberry.enum
class ResumeUploadStatus(Enum):
    PENDING = "pending"
    COMPLETED = "completed"
    FAILED = "failed"


@strawberry.enum
class ResumeSuggestionKind(Enum):
    SKILL_ADD = "skill_add"
    LEVEL = "level"
    LOCATION = "location"


@strawberry.type(description="A change to the profile suggested by the résumé; accepted one at a time.")
class ResumeSuggestion:
    id: str
    kind: ResumeSuggestionKind
    value: str
    reason: str
    accepted: bool


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


@strawberry.type(description="What the parser read from the résumé.")
class ParsedResume:
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

    @classmethod
    def from_json(cls, p: dict[str, Any]) -> "ParsedResume":
        contact = p.get("contact") or {}
        return cls(
            name=p.get("name"),
            email=contact.get("email"),
            phone=contact.get("phone"),
            location=contact.get("location"),
            links=list(contact.get("links") or []),
            skills=[
                ResumeSkill(name=s["name"], mentions=s["mentions"], evidence=list(s["evidence"]))
                for s in p.get("skills", [])
            ],
            experience=[
                ResumeExperience(
                    title=e.get("title"),
                    company=e.get("company"),
                    start=e.get("start"),
                    end=e.get("end"),
                    current=bool(e.get("current")),
                )
                for e in p.get("experience", [])
            ],
            total_years=float(p.get("total_years") or 0),
            education=[
                ResumeEducation(degree=e["degree"], institution=e.get("institution"), year=e.get("year"))
                for e in p.get("education", [])
            ],
            certifications=list(p.get("certifications") or []),
            experience_level=ExperienceLevel(p["experience_level"]) if p.get("experience_level") else None,
            pages=int(p.get("pages") or 0),
        )


@strawberry.type(name="ResumeUpload")
class ResumeUpload(relay.Node):
    id: relay.NodeID[int]
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
    def from_model(cls, m: ResumeUploadModel) -> "ResumeUpload":
        return cls(
            id=m.id,
            filename=m.filename,
            size=m.size,
            status=ResumeUploadStatus(m.status),
            error=m.error,
            error_code=m.error_code,
            parsed=ParsedResume.from_json(m.parsed) if m.parsed else None,
            suggestions=[
                ResumeSuggestion(
                    id=s["id"],
                    kind=ResumeSuggestionKind(s["kind"]),
                    value=s["value"],
                    reason=s["reason"],
                    accepted=bool(s["accepted"]),
                )
                for s in m.suggestions or []
            ],
            created_at=m.created_at,
            finished_at=m.finished_at,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.resume.loaders import ResumeUploadByIdLoader

        context: Context = info.context
        rows = await ResumeUploadByIdLoader.of(context).load_many(
            [int(i) if str(i).isdigit() else -1 for i in node_ids]
        )
        return [cls.from_model(r) if r else None for r in rows]


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
