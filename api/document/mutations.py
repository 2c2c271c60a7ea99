from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.document import service
from api.document.types import (
    CoverLetterGenerateInput,
    Document,
    DocumentImproveInput,
    DocumentPayload,
    DocumentRateInput,
    DocumentRatePayload,
    DocumentRating,
    DocumentUpdateInput,
    EmailDraftInput,
    ResumeTailorInput,
    TailoringRewriteDecideInput,
)
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.models import Document as DocumentRow


def _payload(document: DocumentRow) -> DocumentPayload:
    return DocumentPayload(document=Document.from_model(document))


@strawberry.type
class DocumentMutation:
    @mutation(description="Write a cover letter for a job in the worker; returns the pending document at once.")
    async def cover_letter_generate(
        self, session: AsyncSession, user_id: int, input: CoverLetterGenerateInput
    ) -> DocumentPayload:
        job_id = decode_id(input.job_id, "Job", "job_id")
        return _payload(await service.create_cover_letter(session, user_id, job_id, input.tone))

    @mutation(description="Suggest per-section résumé rewrites and keywords for a job (accept or reject each).")
    async def resume_tailor(self, session: AsyncSession, user_id: int, input: ResumeTailorInput) -> DocumentPayload:
        job_id = decode_id(input.job_id, "Job", "job_id")
        upload_id = decode_id(input.resume_upload_id, "ResumeUpload", "resume_upload_id") if input.resume_upload_id else None
        return _payload(await service.create_tailoring(session, user_id, job_id, upload_id))

    @mutation(description="Draft an email (follow-up, thank-you, networking, offer negotiation), about a job if given.")
    async def email_draft(self, session: AsyncSession, user_id: int, input: EmailDraftInput) -> DocumentPayload:
        job_id = decode_id(input.job_id, "Job", "job_id") if input.job_id else None
        return _payload(await service.create_email(session, user_id, job_id, input.kind))

    @mutation(description="Write a new version following the user's feedback (in the worker).")
    async def document_improve(self, session: AsyncSession, user_id: int, input: DocumentImproveInput) -> DocumentPayload:
        return _payload(await service.improve(session, user_id, decode_id(input.id, "Document"), input.feedback))

    @mutation(description="Save the user's edit as a new version.")
    async def document_update(self, session: AsyncSession, user_id: int, input: DocumentUpdateInput) -> DocumentPayload:
        return _payload(await service.edit(session, user_id, decode_id(input.id, "Document"), input.text))

    @mutation(description="Rate a document 1–5 with an optional comment (kept as feedback).")
    async def document_rate(self, session: AsyncSession, user_id: int, input: DocumentRateInput) -> DocumentRatePayload:
        rating, document = await service.rate(session, user_id, decode_id(input.id, "Document"), input.rating, input.comment)
        return DocumentRatePayload(rating=DocumentRating.from_model(rating), document=Document.from_model(document))

    @mutation(description="Accept or reject one suggested rewrite of a résumé tailoring.")
    async def tailoring_rewrite_decide(
        self, session: AsyncSession, user_id: int, input: TailoringRewriteDecideInput
    ) -> DocumentPayload:
        document = await service.decide_rewrite(
            session, user_id, decode_id(input.id, "Document"), input.section_index, input.rewrite_index, input.decision
        )
        return _payload(document)
