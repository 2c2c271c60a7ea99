from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.document.loaders import (
    DocumentByIdLoader,
    FeedbackByDocumentIdLoader,
    LatestVersionByDocumentIdLoader,
    VersionsByDocumentIdLoader,
)
from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection, NodeIdInput, encode_id
from api.vocabulary import DocumentKind, DocumentStatus, DocumentVersionSource, EmailKind, RewriteDecision, Tone

if TYPE_CHECKING:
    from api.application.types import Application
    from api.job.types import Job

expose(DocumentKind, DocumentStatus, Tone, EmailKind, DocumentVersionSource, RewriteDecision)


@strawberry.type
class DocumentVersion(Mapped):
    number: int
    text: str
    source: DocumentVersionSource
    model: str | None = strawberry.field(description="The model that wrote it; null for the offline engine and user edits")
    prompt: JSON | None = strawberry.field(description="What was asked: the messages sent, or the offline engine's facts")
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    created_at: datetime


@strawberry.type
class DocumentRating(Mapped):
    rating: int
    comment: str
    created_at: datetime


@strawberry.type
class TailoringRewrite:
    original: str
    suggested: str
    reason: str
    decision: RewriteDecision | None = strawberry.field(description="null until the user accepts or rejects it")


@strawberry.type
class TailoringSection:
    section: str
    suggested_rewrites: list[TailoringRewrite] = strawberry.field(name="rewrites")
    keywords_to_surface: list[str]


@strawberry.type(description="Résumé tailoring: per section, rewrites to accept or reject and keywords to surface.")
class Tailoring(Mapped):
    """Read from the tailoring data stored on the document (api.document.tailoring)."""

    summary: str
    sections: list[TailoringSection]
    missing_keywords: list[str]


@strawberry.type(name="Document")
class Document(OwnedNode, loader=DocumentByIdLoader):
    kind: DocumentKind
    tone: Tone | None
    title: str
    status: DocumentStatus
    error: str | None = strawberry.field(description="Why the last generation failed, readable")
    error_code: str | None
    offline: bool = strawberry.field(description="Written by the offline engine (no model configured)")
    created_at: datetime
    updated_at: datetime
    job_id: strawberry.Private[int | None]
    application_id: strawberry.Private[int | None]
    draft: strawberry.Private[str]
    data: strawberry.Private[dict[str, Any] | None]

    @strawberry.field(description="The latest version's text; while a version is being written, the text so far.")
    async def text(self, info: strawberry.Info) -> str:
        if self.status in (DocumentStatus.PENDING, DocumentStatus.STREAMING) and self.draft:
            return self.draft
        latest = await LatestVersionByDocumentIdLoader.of(info.context).load(self.id)
        return latest.text if latest else ""

    @strawberry.field(description="Every version, oldest first.")
    async def versions(self, info: strawberry.Info) -> list[DocumentVersion]:
        return [DocumentVersion.from_model(v) for v in await VersionsByDocumentIdLoader.of(info.context).load(self.id)]

    @strawberry.field
    async def latest_version(self, info: strawberry.Info) -> DocumentVersion | None:
        latest = await LatestVersionByDocumentIdLoader.of(info.context).load(self.id)
        return DocumentVersion.from_model(latest) if latest else None

    @strawberry.field(description="Ratings and comments, oldest first.")
    async def ratings(self, info: strawberry.Info) -> list[DocumentRating]:
        return [DocumentRating.from_model(f) for f in await FeedbackByDocumentIdLoader.of(info.context).load(self.id)]

    @strawberry.field(description="Résumé tailoring suggestions with the decisions so far; null for other kinds.")
    def tailoring(self) -> Tailoring | None:
        return Tailoring.from_result(self.data) if self.kind == DocumentKind.RESUME_TAILORING and self.data else None

    @strawberry.field(description="The job it was written for.")
    async def job(self, info: strawberry.Info) -> Annotated["Job", strawberry.lazy("api.job.types")] | None:
        if self.job_id is None:
            return None
        from api.job.loaders import JobByIdLoader
        from api.job.types import Job

        row = await JobByIdLoader.of(info.context).load(self.job_id)
        return Job.from_model(row) if row else None

    @strawberry.field(description="The application for that job, when there was one.")
    async def application(
        self, info: strawberry.Info
    ) -> Annotated["Application", strawberry.lazy("api.application.types")] | None:
        if self.application_id is None:
            return None
        from api.application.loaders import ApplicationByIdLoader
        from api.application.types import Application

        row = await ApplicationByIdLoader.of(info.context).load(self.application_id)
        return Application.from_model(row) if row else None

    @strawberry.field(description="GET this path with the Bearer token and ?format=md|pdf|docx to download the document.")
    def export_path(self) -> str:
        return f"/documents/{encode_id('Document', self.id)}/export"


@strawberry.type
class DocumentConnection(Connection[Document]):
    pass


@strawberry.type(description="Live text of a document: apply `text = text[:offset] + chunk` (offset 0 replaces).")
class DocumentStreamEvent:
    offset: int
    chunk: str
    status: DocumentStatus
    done: bool = strawberry.field(description="The last event: the document is completed or failed")
    error: str | None = None
    document: Document | None = strawberry.field(default=None, description="Set on the last event")


@strawberry.input
class CoverLetterGenerateInput:
    job_id: relay.GlobalID
    tone: Tone = Tone.PROFESSIONAL


@strawberry.input
class ResumeTailorInput:
    job_id: relay.GlobalID
    resume_upload_id: relay.GlobalID | None = strawberry.field(default=None, description="Default: the latest parsed résumé")


@strawberry.input
class EmailDraftInput:
    kind: EmailKind
    job_id: relay.GlobalID | None = None


@strawberry.input
class DocumentImproveInput(NodeIdInput):
    feedback: str


@strawberry.input
class DocumentUpdateInput(NodeIdInput):
    text: str


@strawberry.input
class DocumentRateInput(NodeIdInput):
    rating: int = strawberry.field(description="1–5")
    comment: str | None = None


@strawberry.input
class TailoringRewriteDecideInput(NodeIdInput):
    section_index: int
    rewrite_index: int
    decision: RewriteDecision | None = strawberry.field(description="null: undecided again")


@strawberry.type
class DocumentPayload:
    document: Document | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class DocumentRatePayload:
    rating: DocumentRating | None = None
    document: Document | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
