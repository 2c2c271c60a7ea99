from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.interview import service
from api.interview.types import (
    InterviewAnswer,
    InterviewAnswerInput,
    InterviewAnswerPayload,
    InterviewEndInput,
    InterviewSession,
    InterviewSessionPayload,
    InterviewStartInput,
)


@strawberry.type
class InterviewMutation:
    @mutation(description="Start a mock interview; the session comes back with its first question.")
    async def interview_start(self, session: AsyncSession, user_id: int, input: InterviewStartInput) -> InterviewSessionPayload:
        job_id = decode_id(input.job_id, "Job", "job_id") if input.job_id else None
        row = await service.start(session, user_id, input.kind, job_id, input.question_count)
        return InterviewSessionPayload(session=InterviewSession.from_model(row))

    @mutation(description="Answer the waiting question: feedback, a 0–10 score and the next question.")
    async def interview_answer(self, session: AsyncSession, user_id: int, input: InterviewAnswerInput) -> InterviewAnswerPayload:
        session_id = decode_id(input.session_id, "InterviewSession", "session_id")
        row, answer = await service.answer(session, user_id, session_id, input.answer)
        return InterviewAnswerPayload(answer=InterviewAnswer.from_model(answer), session=InterviewSession.from_model(row))

    @mutation(description="End the interview: overall score, strengths and improvement areas.")
    async def interview_end(self, session: AsyncSession, user_id: int, input: InterviewEndInput) -> InterviewSessionPayload:
        session_id = decode_id(input.session_id, "InterviewSession", "session_id")
        return InterviewSessionPayload(session=InterviewSession.from_model(await service.end(session, user_id, session_id)))
