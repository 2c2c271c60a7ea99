from __future__ import annotations

import strawberry

from api.db import unit_of_work
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
from api.graphql.errors import run_mutation
from api.graphql.relay import decode_id


def _failed(errors: list) -> DocumentPayload:
    return DocumentPayload(errors=errors)


@strawberry.type
class DocumentMutation:
    @strawberry.mutation(
        description="Write a cover letter for a job in the worker; returns the pending document at once."
    )
    async def cover_letter_generate(self, info: strawberry.Info, input: CoverLetterGenerateInput) -> DocumentPayload:
        user_id = info.context.require_user()

        async def build() -> DocumentPayload:
            job_id = decode_id(input.job_id, "Job", "jobId")
            async with unit_of_work() as session:
                document = await service.create_cover_letter(session, user_id, job_id, input.tone.value)
                return DocumentPayload(document=Document.from_model(document))

        return await run_mutation(build, _failed)

    @strawberry.mutation(
        description="Suggest per-section résumé rewrites and keywords for a job (accept or reject each)."
    )
    async def resume_tailor(self, info: strawberry.Info, input: ResumeTailorInput) -> DocumentPayload:
        user_id = info.context.require_user()

        async def build() -> DocumentPayload:
            job_id = decode_id(input.job_id, "Job", "jobId")
            upload_id = (
                decode_id(input.resume_upload_id, "ResumeUpload", "resumeUploadId") if input.resume_upload_id else None
            )
            async with unit_of_work() as session:
                document = await service.create_tailoring(session, user_id, job_id, upload_id)
                return DocumentPayload(document=Document.from_model(document))

        return await run_mutation(build, _failed)

    @strawberry.mutation(
        description="Draft an email (follow-up, thank-you, networking, offer negotiation), about a job if given."
    )
    async def email_draft(self, info: strawberry.Info, input: EmailDraftInput) -> DocumentPayload:
        user_id = info.context.require_user()

        async def build() -> DocumentPayload:
            job_id = decode_id(input.job_id, "Job", "jobId") if input.job_id else None
            async with unit_of_work() as session:
                document = await service.create_email(session, user_id, job_id, input.kind.value)
                return DocumentPayload(document=Document.from_model(document))

        return await run_mutation(build, _failed)

    @strawberry.mutation(description="Write a new version following the user's feedback (in the worker).")
    async def document_improve(self, info: strawberry.Info, input: DocumentImproveInput) -> DocumentPayload:
        user_id = info.context.require_user()

        async def build() -> DocumentPayload:
            document_id = decode_id(input.id, "Document")
            async with unit_of_work() as session:
                document = await service.improve(session, user_id, document_id, input.feedback)
                return DocumentPayload(document=Document.from_model(document))

        return await run_mutation(build, _failed)

    @strawberry.mutation(description="Save the user's edit as a new version.")
    async def document_update(self, info: strawberry.Info, input: DocumentUpdateInput) -> DocumentPayload:
        user_id = info.context.require_user()

        async def build() -> DocumentPayload:
            document_id = decode_id(input.id, "Document")
            async with unit_of_work() as session:
                document = await service.edit(session, user_id, document_id, input.text)
                return DocumentPayload(document=Document.from_model(document))

        return await run_mutation(build, _failed)

    @strawberry.mutation(description="Rate a document 1–5 with an optional comment (kept as feedback).")
    async def document_rate(self, info: strawberry.Info, input: DocumentRateInput) -> DocumentRatePayload:
        user_id = info.context.require_user()

        async def build() -> DocumentRatePayload:
            document_id = decode_id(input.id, "Document")
            async with unit_of_work() as session:
                rating, document = await service.rate(session, user_id, document_id, input.rating, input.comment)
                return DocumentRatePayload(
                    rating=DocumentRating.from_model(rating), document=Document.from_model(document)
                )

        return await run_mutation(build, lambda errors: DocumentRatePayload(errors=errors))

    @strawberry.mutation(description="Accept or reject one suggested rewrite of a résumé tailoring.")
    async def tailoring_rewrite_decide(
        self, info: strawberry.Info, input: TailoringRewriteDecideInput
    ) -> DocumentPayload:
        user_id = info.context.require_user()

        async def build() -> DocumentPayload:
            document_id = decode_id(input.id, "Document")
            decision = input.decision.value if input.decision else None
            async with unit_of_work() as session:
                document = await service.decide_rewrite(
                    session, user_id, document_id, input.section_index, input.rewrite_index, decision
                )
                return DocumentPayload(document=Document.from_model(document))

        return await run_mutation(build, _failed)
