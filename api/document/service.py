"""Documents: create pending ones for the worker, versions for user edits, ratings, tailoring decisions."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api import limits, queue
from api.ai import client as model_clients
from api.ai import service as budget
from api.application import repository as applications
from api.document import repository
from api.document.tailoring import render_tailoring
from api.errors import AppError, ErrorCode, InvalidTransition, NotFound, Validator, found
from api.job import repository as job_repository
from api.models import Document, DocumentFeedback, DocumentVersion, Job, ResumeUpload
from api.resume import repository as resume_repository
from api.vocabulary import DocumentStatus, EmailKind, Tone, values

TEXT_LIMIT = 50_000
FEEDBACK_LIMIT = 2_000
COMMENT_LIMIT = 2_000
EMAIL_LABELS = {
    "follow_up": "Follow-up",
    "thank_you": "Thank-you",
    "networking": "Networking request",
    "offer_negotiation": "Offer negotiation",
}
BUSY = (DocumentStatus.PENDING, DocumentStatus.STREAMING)


def _about(job: Job | None) -> str:
    return f": {job.title} at {job.company}" if job is not None else ""


async def _job(session: AsyncSession, user_id: int, job_id: int) -> Job:
    job = found(await job_repository.get(session, user_id, job_id), "Job not found", "job_id")
    return job


async def _model_budget(session: AsyncSession, user_id: int) -> None:
    """With a model configured, refuse at once when the budget is spent (the worker checks again)."""
    if model_clients.configured():
        await budget.check(session, user_id)


async def _create(session: AsyncSession, user_id: int, job: Job | None, kind: str, title: str, **fields: Any) -> Document:
    await limits.within_rate("generation", user_id)
    application = await applications.for_job(session, user_id, job.id) if job is not None else None
    document = Document(
        user_id=user_id,
        job_id=job.id if job else None,
        application_id=application.id if application else None,
        kind=kind,
        title=title[:300],
        status="pending",
        offline=not model_clients.configured(),
        **fields,
    )
    session.add(document)
    await session.flush()
    _enqueue(document, 1)
    return document


def _enqueue(document: Document, number: int, feedback: str | None = None) -> None:
    queue.enqueue("document_generate", document.id, number, feedback, key=f"document:{document.id}:{number}")


async def create_cover_letter(session: AsyncSession, user_id: int, job_id: int, tone: str) -> Document:
    if tone not in values(Tone):
        raise AppError(f"Tone must be one of: {', '.join(values(Tone))}", "tone")
    job = await _job(session, user_id, job_id)
    await _model_budget(session, user_id)
    return await _create(session, user_id, job, "cover_letter", f"Cover letter{_about(job)}", tone=tone)


async def create_tailoring(session: AsyncSession, user_id: int, job_id: int, resume_upload_id: int | None) -> Document:
    job = await _job(session, user_id, job_id)
    upload: ResumeUpload | None = None
    if resume_upload_id is not None:
        upload = found(
            await resume_repository.get(session, user_id, resume_upload_id),
            "Résumé upload not found",
            "resume_upload_id",
        )
        if upload.status != "completed":
            raise InvalidTransition("That résumé has not been parsed successfully", "resume_upload_id")
    await _model_budget(session, user_id)
    return await _create(
        session,
        user_id,
        job,
        "resume_tailoring",
        f"Résumé tailoring{_about(job)}",
        resume_upload_id=upload.id if upload else None,
    )


async def create_email(session: AsyncSession, user_id: int, job_id: int | None, kind: str) -> Document:
    if kind not in values(EmailKind):
        raise AppError(f"Kind must be one of: {', '.join(values(EmailKind))}", "kind")
    job = await _job(session, user_id, job_id) if job_id is not None else None
    await _model_budget(session, user_id)
    return await _create(session, user_id, job, f"email_{kind}", f"{EMAIL_LABELS[kind]} email{_about(job)}")


def _required_text(field: str, value: str, max_len: int) -> str:
    check = Validator()
    text = check.text(field, value, max_len=max_len, required=True, label=field.capitalize()) or ""
    check.check()
    return text


async def _document(session: AsyncSession, user_id: int, document_id: int) -> Document:
    document = found(await repository.get(session, user_id, document_id, for_update=True), "Document not found", "id")
    return document


async def _editable(session: AsyncSession, user_id: int, document_id: int) -> Document:
    """The document, locked, unless the worker is still writing it."""
    document = await _document(session, user_id, document_id)
    if document.status in BUSY:
        raise InvalidTransition("The document is still being written; wait until it is finished", "id")
    return document


async def improve(session: AsyncSession, user_id: int, document_id: int, feedback: str) -> Document:
    feedback = _required_text("feedback", feedback, FEEDBACK_LIMIT)
    document = await _editable(session, user_id, document_id)
    if document.kind == "resume_tailoring":
        raise AppError(
            "Accept or reject the tailoring suggestions one by one, or tailor again for a fresh set",
            "id",
            ErrorCode.INVALID,
        )
    latest = await repository.latest_version(session, document.id)
    if latest is None:
        raise InvalidTransition("There is no text to improve yet; generate the document again", "id")
    await _model_budget(session, user_id)
    await limits.within_rate("generation", user_id)
    document.status, document.error, document.error_code, document.draft = "pending", None, None, ""
    document.offline = not model_clients.configured()
    await session.flush()
    _enqueue(document, latest.number + 1, feedback)
    return document


async def _add_version(session: AsyncSession, document: Document, text: str, source: str, **fields: Any) -> DocumentVersion:
    latest = await repository.latest_version(session, document.id)
    version = DocumentVersion(
        user_id=document.user_id,
        document_id=document.id,
        number=(latest.number if latest else 0) + 1,
        text=text,
        source=source,
        **fields,
    )
    session.add(version)
    await session.flush()
    return version


async def edit(session: AsyncSession, user_id: int, document_id: int, text: str) -> Document:
    text = _required_text("text", text, TEXT_LIMIT)
    document = await _editable(session, user_id, document_id)
    await _add_version(session, document, text, "edited")
    document.status, document.error, document.error_code = "completed", None, None
    await session.flush()
    return document


async def rate(
    session: AsyncSession, user_id: int, document_id: int, rating: int, comment: str | None
) -> tuple[DocumentFeedback, Document]:
    check = Validator()
    if not 1 <= rating <= 5:
        check.add("rating", "Rating must be between 1 and 5", ErrorCode.OUT_OF_RANGE)
    comment = check.text("comment", comment, max_len=COMMENT_LIMIT, label="Comment") or ""
    check.check()
    document = await _document(session, user_id, document_id)
    feedback = DocumentFeedback(user_id=user_id, document_id=document.id, rating=rating, comment=comment)
    session.add(feedback)
    await session.flush()
    return feedback, document


async def decide_rewrite(
    session: AsyncSession, user_id: int, document_id: int, section_index: int, rewrite_index: int, decision: str | None
) -> Document:
    """Accept or reject one suggested rewrite of a tailoring (None: undecided again); the document's
    text becomes a new "edited" version showing the decisions."""
    document = await _editable(session, user_id, document_id)
    if document.kind != "resume_tailoring" or not document.data:
        raise AppError("Only résumé tailoring suggestions can be accepted or rejected", "id")
    data = {**document.data, "sections": [dict(s) for s in document.data.get("sections", [])]}
    if not 0 <= section_index < len(data["sections"]):
        raise NotFound("Section not found", "section_index")
    section = data["sections"][section_index]
    rewrites = [dict(r) for r in section.get("suggested_rewrites", [])]
    if not 0 <= rewrite_index < len(rewrites):
        raise NotFound("Suggested rewrite not found", "rewrite_index")
    if rewrites[rewrite_index].get("decision") == decision:
        return document
    rewrites[rewrite_index]["decision"] = decision
    section["suggested_rewrites"] = rewrites
    document.data = data
    await _add_version(session, document, render_tailoring(document.title, data), "edited")
    await session.flush()
    return document
