from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.resume import service
from api.resume.types import (
    ResumeSuggestionAcceptInput,
    ResumeSuggestionAcceptPayload,
    ResumeSuggestionsDismissPayload,
    ResumeSuggestionsInput,
    ResumeUpload,
)
from api.user.types import user_from_model


@strawberry.type
class ResumeMutation:
    @mutation(description="Apply one suggestion of a parsed résumé to the profile (jobs are re-scored).")
    async def resume_suggestion_accept(
        self, session: AsyncSession, user_id: int, input: ResumeSuggestionAcceptInput
    ) -> ResumeSuggestionAcceptPayload:
        upload_id = decode_id(input.upload_id, "ResumeUpload", "upload_id")
        upload, user = await service.accept_suggestion(session, user_id, upload_id, input.suggestion_id)
        return ResumeSuggestionAcceptPayload(upload=ResumeUpload.from_model(upload), user=user_from_model(user))

    @mutation(description="Apply several suggestions (every open one when suggestionIds is omitted) together: all or none.")
    async def resume_suggestions_accept(
        self, session: AsyncSession, user_id: int, input: ResumeSuggestionsInput
    ) -> ResumeSuggestionAcceptPayload:
        upload_id = decode_id(input.upload_id, "ResumeUpload", "upload_id")
        upload, user = await service.accept_suggestions(session, user_id, upload_id, input.suggestion_ids)
        return ResumeSuggestionAcceptPayload(upload=ResumeUpload.from_model(upload), user=user_from_model(user))

    @mutation(description="Dismiss suggestions (every open one when suggestionIds is omitted); the profile is not changed.")
    async def resume_suggestions_dismiss(
        self, session: AsyncSession, user_id: int, input: ResumeSuggestionsInput
    ) -> ResumeSuggestionsDismissPayload:
        upload_id = decode_id(input.upload_id, "ResumeUpload", "upload_id")
        upload = await service.dismiss_suggestions(session, user_id, upload_id, input.suggestion_ids)
        return ResumeSuggestionsDismissPayload(upload=ResumeUpload.from_model(upload))
