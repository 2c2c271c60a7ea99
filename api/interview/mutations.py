from __future__ import annotations

import strawberry

from api.db import unit_of_work
from api.graphql.errors import run_mutation
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
    @strawberry.mutation(description="Start a mock interview; the session comes back with its first question.")
    async def interview_start(self, info: strawberry.Info, input: InterviewStartInput) -> InterviewSessionPayload:
        user_id = info.context.require_user()

        async def build() -> InterviewSessionPayload:
            job_id = decode_id(input.job_id, "Job", "jobId") if input.job_id else None
            async with unit_of_work() as session:
                row = await service.start(session, user_id, input.kind.value, job_id, input.question_count)
                return InterviewSessionPayload(session=InterviewSession.from_model(row))

        return await run_mutation(build, lambda errors: InterviewSessionPayload(errors=errors))

    @strawberry.mutation(description="Answer the waiting question: feedback, a 0–10 score and the next question.")
    async def interview_answer(self, info: strawberry.Info, input: InterviewAnswerInput) -> InterviewAnswerPayload:
        user_id = info.context.require_user()

        async def build() -> InterviewAnswerPayload:
            session_id = decode_id(input.session_id, "InterviewSession", "sessionId")
            async with unit_of_work() as session:
                row, answer = await service.answer(session, user_id, session_id, input.answer)
                return InterviewAnswerPayload(
                    answer=InterviewAnswer.from_model(answer), session=InterviewSession.from_model(row)
                )

        return await run_mutation(build, lambda errors: InterviewAnswerPayload(errors=errors))

    @strawberry.mutation(description="End the interview: overall score, strengths and improvement areas.")
    async def interview_end(self, info: strawberry.Info, input: InterviewEndInput) -> InterviewSessionPayload:
        user_id = info.context.require_user()

        async def build() -> InterviewSessionPayload:
            session_id = decode_id(input.session_id, "InterviewSession", "sessionId")
            async with unit_of_work() as session:
                row = await service.end(session, user_id, session_id)
                return InterviewSessionPayload(session=InterviewSession.from_model(row))

        return await run_mutation(build, lambda errors: InterviewSessionPayload(errors=errors))
