"""Worker jobs of mock interviews (only with a model configured): generated questions that extend
the session's bank, and model-refined wording of answer feedback. A failure never breaks the
session — it keeps using the shipped bank and our rule-based feedback — and is shown as a notice."""

from __future__ import annotations

import logging

from api.ai import client as model_clients
from api.ai.client import ModelError
from api.ai.facts import job_facts, profile_facts
from api.ai.prompts import interview_questions_prompt
from api.ai.schemas import GeneratedQuestion, InterviewQuestionSet
from api.ai.service import BudgetDenied, metered_structured
from api.db import unit_of_work
from api.interview import engine, repository
from api.interview.bank import stored_questions
from api.interview.refine import RefinedFeedback, refine_prompt
from api.job import repository as job_repository
from api.resume import repository as resume_repository
from api.user import repository as user_repository

log = logging.getLogger(__name__)


async def interview_questions_generate(ctx: dict, session_id: int) -> str:
    client = model_clients.model_client()
    async with unit_of_work() as session:
        row = await repository.get_for_worker(session, session_id)
        if client is None or row is None or row.status != "active" or row.generated_questions:
            return "skipped"
        user = await user_repository.get(session, row.user_id)
        job = await job_repository.get(session, row.user_id, row.job_id) if row.job_id else None
        assert user is not None
        plan = engine.InterviewPlan.model_validate(row.plan)
        prompt = interview_questions_prompt(
            row.kind.replace("_", "-"),
            job_facts(job) if job else None,
            profile_facts(user, await resume_repository.latest_parsed(session, user.id)),
            plan.num_questions,
            skill_gaps=plan.skill_gaps,
        )
        user_id = row.user_id
    notice = None
    generated: list[GeneratedQuestion] = []
    try:
        result, _ = await metered_structured(
            user_id, "interview_questions", client, prompt, InterviewQuestionSet, max_tokens=1500
        )
        generated = result.questions[: plan.num_questions]
    except (ModelError, BudgetDenied) as error:
        notice = f"Questions from the model are unavailable ({error.message}); using the question bank."
    except Exception:
        log.exception("generating questions for interview %s failed", session_id)
        notice = "Questions from the model are unavailable because of an internal error; using the question bank."
    async with unit_of_work() as session:
        row = await repository.get_for_worker(session, session_id)
        if row is None or row.generated_questions:
            return "skipped"
        if notice:
            row.model_notice = notice
            return "failed"
        row.generated_questions = stored_questions(row.id, generated, plan)
        return "completed"


async def interview_answer_refine(ctx: dict, answer_id: int) -> str:
    client = model_clients.model_client()
    async with unit_of_work() as session:
        answer = await repository.answer_for_worker(session, answer_id)
        if client is None or answer is None or answer.model_notes is not None:
            return "skipped"
        question = engine.Question.model_validate(answer.question)
        feedback = engine.AnswerFeedback.model_validate(answer.feedback)
        prompt = refine_prompt(question, answer.answer, feedback)
        user_id = answer.user_id
    error: str | None = None
    refined = RefinedFeedback(strengths=[], improvements=[], stronger_answer_outline=[])
    try:
        refined, _ = await metered_structured(user_id, "interview_feedback", client, prompt, RefinedFeedback, max_tokens=800)
    except (ModelError, BudgetDenied) as failure:
        error = failure.message
    except Exception:
        log.exception("refining feedback of interview answer %s failed", answer_id)
        error = "The model's feedback is unavailable because of an internal error."
    notes = {
        "strengths": refined.strengths[:5],
        "improvements": refined.improvements[:5],
        "stronger_answer_outline": refined.stronger_answer_outline[:8],
        "model": client.model,
        "error": error,
    }
    async with unit_of_work() as session:
        answer = await repository.answer_for_worker(session, answer_id)
        if answer is None or answer.model_notes is not None:
            return "skipped"
        answer.model_notes = notes
        return "completed" if notes["error"] is None else "failed"
