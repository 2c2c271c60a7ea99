"""Mock interviews: plan and first question at start, rule-based feedback and the adapted next
question per answer, the summary at the end (api.interview.engine). With a model configured the
worker extends the session's questions and refines the wording of feedback; scores stay ours."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api import limits, queue
from api.ai import client as model_clients
from api.ai.facts import job_facts, profile_facts
from api.errors import AppError, ErrorCode, InvalidTransition, NotFound, Validator, found
from api.interview import engine, repository
from api.interview.bank import bank_for, plan_with_generated
from api.job import repository as job_repository
from api.models import InterviewAnswer, InterviewSession
from api.resume import repository as resume_repository
from api.user import repository as user_repository
from api.vocabulary import InterviewKind

MAX_QUESTIONS = 10
MAX_ANSWER_CHARS = engine.DEFAULT_MAX_ANSWER_CHARS
_ANSWER_CODES = {"EMPTY_ANSWER": ErrorCode.REQUIRED, "ANSWER_TOO_LONG": ErrorCode.TOO_LONG}


async def start(session: AsyncSession, user_id: int, kind: str, job_id: int | None, question_count: int) -> InterviewSession:
    check = Validator()
    check.one_of("kind", kind, InterviewKind, "Kind")
    if not 1 <= question_count <= MAX_QUESTIONS:
        check.add("question_count", f"Between 1 and {MAX_QUESTIONS} questions", ErrorCode.OUT_OF_RANGE)
    if kind == InterviewKind.JOB_SPECIFIC and job_id is None:
        check.add("job_id", "A job-specific interview needs a job", ErrorCode.REQUIRED)
    check.check()
    job = await job_repository.get(session, user_id, job_id) if job_id is not None else None
    if job_id is not None and job is None:
        raise NotFound("Job not found", "job_id")
    await limits.within_rate("generation", user_id)
    user = await user_repository.get(session, user_id)
    assert user is not None
    profile = profile_facts(user, await resume_repository.latest_parsed(session, user_id))
    plan = engine.build_plan(kind, job=job_facts(job) if job else None, profile=profile, num_questions=question_count)
    first = engine.next_question(plan, [])
    row = InterviewSession(
        user_id=user_id,
        kind=kind,
        job_id=job.id if job else None,
        status="active",
        offline=not model_clients.configured(),
        plan=plan.model_dump(mode="json"),
        current_question=first.model_dump(mode="json") if first else None,
    )
    session.add(row)
    await session.flush()
    if model_clients.configured():
        queue.enqueue("interview_questions_generate", row.id, key=f"interview:{row.id}:questions")
    return row


async def _session(session: AsyncSession, user_id: int, session_id: int) -> InterviewSession:
    row = found(await repository.get(session, user_id, session_id, for_update=True), "Interview session not found", "session_id")
    return row


def history_of(answers: list[InterviewAnswer]) -> list[engine.AnsweredQuestion]:
    return [
        engine.AnsweredQuestion(
            question=engine.Question.model_validate(a.question),
            answer=a.answer,
            feedback=engine.AnswerFeedback.model_validate(a.feedback),
        )
        for a in answers
    ]


async def answer(session: AsyncSession, user_id: int, session_id: int, text: str) -> tuple[InterviewSession, InterviewAnswer]:
    """Rule-based feedback and score for the waiting question, then the next question adapted to the answers."""
    row = await _session(session, user_id, session_id)
    if row.status != "active":
        raise InvalidTransition("This interview has ended", "session_id")
    if row.current_question is None:
        raise InvalidTransition("Every question has been answered; end the interview for the summary", "session_id")
    question = engine.Question.model_validate(row.current_question)
    try:
        feedback = engine.evaluate_answer(question, text, max_chars=MAX_ANSWER_CHARS)
    except engine.AnswerValidationError as error:
        raise AppError(error.message, "answer", _ANSWER_CODES.get(error.code, ErrorCode.INVALID)) from None
    answers = await repository.answers_for(session, user_id, [row.id])
    record = InterviewAnswer(
        user_id=user_id,
        session_id=row.id,
        number=len(answers) + 1,
        question=row.current_question,
        answer=text.strip(),
        feedback=feedback.model_dump(mode="json"),
        score=feedback.score,
    )
    session.add(record)
    plan = plan_with_generated(engine.InterviewPlan.model_validate(row.plan), row.generated_questions)
    history = [
        *history_of(answers),
        engine.AnsweredQuestion(question=question, answer=record.answer, feedback=feedback),
    ]
    following = engine.next_question(plan, history, bank=bank_for(row.generated_questions))
    row.current_question = following.model_dump(mode="json") if following else None
    await session.flush()
    if model_clients.configured():
        queue.enqueue("interview_answer_refine", record.id, key=f"interview-answer:{record.id}")
    return row, record


async def end(session: AsyncSession, user_id: int, session_id: int) -> InterviewSession:
    """Overall score, strengths and improvement areas. Ending twice returns the same summary."""
    row = await _session(session, user_id, session_id)
    if row.status == "completed":
        return row
    answers = await repository.answers_for(session, user_id, [row.id])
    summary = engine.summarize(history_of(answers))
    row.summary = summary.model_dump(mode="json")
    row.overall_score = summary.overall_score if answers else None
    row.status, row.current_question, row.ended_at = "completed", None, datetime.now(UTC)
    await session.flush()
    return row
