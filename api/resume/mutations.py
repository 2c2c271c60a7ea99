from __future__ import annotations

import strawberry

from api.db import unit_of_work
from api.graphql.errors import run_mutation
from api.graphql.relay import decode_id
from api.resume import service
from api.resume.types import (
    ResumeSuggestionAcceptInput,
    ResumeSuggestionAcceptPayload,
    ResumeUpload,
)
from api.user.types import user_from_model


@strawberry.type
class ResumeMutation:
    @strawberry.mutation(description="Apply one suggestion of a parsed résumé to the profile (jobs are re-scored).")
    async def resume_suggestion_accept(
        self, info: strawberry.Info, input: ResumeSuggestionAcceptInput
    ) -> ResumeSuggestionAcceptPayload:
        user_id = info.context.require_user()

        async def build() -> ResumeSuggestionAcceptPayload:
            upload_id = decode_id(input.upload_id, "ResumeUpload", "uploadId")
            async with unit_of_work() as session:
                upload, user = await service.accept_suggestion(session, user_id, upload_id, input.suggestion_id)
                return ResumeSuggestionAcceptPayload(upload=ResumeUpload.from_model(upload), user=user_from_model(user))

        return await run_mutation(build, lambda errors: ResumeSuggestionAcceptPayload(errors=errors))
