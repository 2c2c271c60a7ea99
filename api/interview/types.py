from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from api.ai import client as model_clients
from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped, from_result
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection
from api.interview.engine import answer_hint, engine_note
from api.interview.loaders import AnswersBySessionIdLoader, InterviewSessionByIdLoader
from api.models import InterviewAnswer as InterviewAnswerRow
from api.models import InterviewSession as InterviewSessionRow
from api.vocabulary import InterviewKind, InterviewStatus

if TYPE_CHECKING:
    from api.job.types import Job

expose(InterviewKind, InterviewStatus)


@strawberry.type
class InterviewQuestion(Mapped):
    """Read from a question as the session stores it (api.interview.engine.Question)."""

    id: str
    text: str
    kind: str = strawberry.field(description="behavioral, technical or general")
    skill: str | None
    difficulty: int = strawberry.field(description="1 fundamentals, 2 intermediate, 3 advanced")
    expected_concepts: list[str]
    reason: str = strawberry.field(
        description="planned, follow_up_fundamentals (after a weak answer) or harder (after a strong one)"
    )
    generated: bool = strawberry.field(description="Written by the model for this session rather than taken from the bank")
    hint: str = strawberry.field(description="How to answer this kind of question (no technical advice for a general one)")

    @classmethod
    def from_result(cls, question: Any, **overrides: Any) -> InterviewQuestion:  # type: ignore[override]
        # concepts are stored with their synonyms ("merge|merging"); generated ids start with "gen-"
        return from_result(
            cls,
            question,
            expected_concepts=[c.split("|")[0] for c in question["expected_concepts"]],
            generated=question["id"].startswith("gen-"),
            hint=answer_hint(question["kind"]),
            **overrides,
        )


@strawberry.type(description="Rule-based feedback: structure (STAR for behavioral), concept coverage, specificity, length.")
class AnswerFeedback:
    score: int = strawberry.field(description="0–10, computed by our rules")
    structure_notes: list[str]
    strengths: list[str]
    improvements: list[str]
    stronger_answer_outline: list[str]
    covered_concepts: list[str]
    missing_concepts: list[str]
    star_components: list[str]


@strawberry.type(description="The model's coaching on an answer (never a score).")
class ModelNotes:
    strengths: list[str]
    improvements: list[str]
    stronger_answer_outline: list[str]
    model: str
    error: str | None


@strawberry.type
class InterviewAnswer(Mapped):
    number: int
    question: InterviewQuestion
    answer: str
    score: int
    feedback: AnswerFeedback
    model_notes: ModelNotes | None = strawberry.field(description="Set later by the worker when a model is configured")
    created_at: datetime

    @classmethod
    def from_model(cls, row: InterviewAnswerRow) -> InterviewAnswer:  # type: ignore[override]
        return from_result(cls, row, question=InterviewQuestion.from_result(row.question))


@strawberry.type
class SkillScore:
    skill: str
    score: float


@strawberry.type
class InterviewSummary:
    """Read from api.interview.engine.SessionSummary as stored, whose skill scores are a mapping."""

    overall_score: float
    answered: int
    strengths: list[str]
    improvement_areas: list[str]
    skill_scores: list[SkillScore]


@strawberry.type(name="InterviewSession")
class InterviewSession(OwnedNode, loader=InterviewSessionByIdLoader):
    kind: InterviewKind
    status: InterviewStatus
    offline: bool = strawberry.field(description="Started without a model: questions from the bank only")
    question_count: int
    current_question: InterviewQuestion | None = strawberry.field(
        description="The question waiting for an answer; null when all are answered"
    )
    overall_score: float | None = strawberry.field(description="0–10 once ended with at least one answer")
    summary: InterviewSummary | None
    model_notice: str | None = strawberry.field(description="Why generated questions are unavailable, if they are")
    generated_question_count: int = strawberry.field(description="Questions the model added to this session's bank")
    engine_note: str = strawberry.field(
        default="", description="Which engine wrote the questions and the feedback, in words (offline engine or the model)"
    )
    started_at: datetime
    ended_at: datetime | None
    job_id: strawberry.Private[int | None]

    @strawberry.field(description="Answers so far, in order.")
    async def answers(self, info: strawberry.Info) -> list[InterviewAnswer]:
        return [InterviewAnswer.from_model(a) for a in await AnswersBySessionIdLoader.of(info.context).load(self.id)]

    @strawberry.field
    async def job(self, info: strawberry.Info) -> Annotated["Job", strawberry.lazy("api.job.types")] | None:
        if self.job_id is None:
            return None
        from api.job.loaders import JobByIdLoader
        from api.job.types import Job

        row = await JobByIdLoader.of(info.context).load(self.job_id)
        return Job.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: InterviewSessionRow) -> InterviewSession:  # type: ignore[override]
        summary = row.summary
        return from_result(
            cls,
            row,
            question_count=int(row.plan.get("num_questions", 0)),
            current_question=InterviewQuestion.from_result(row.current_question) if row.current_question else None,
            summary=from_result(
                InterviewSummary,
                summary,
                skill_scores=[SkillScore(skill=k, score=v) for k, v in (summary.get("skill_scores") or {}).items()],
            )
            if summary
            else None,
            generated_question_count=len(row.generated_questions or []),
            engine_note=engine_note(
                offline=row.offline,
                configured=model_clients.configured(),
                generated=len(row.generated_questions or []),
                notice=row.model_notice,
            ),
        )


@strawberry.type
class InterviewSessionConnection(Connection[InterviewSession]):
    pass


@strawberry.input
class InterviewStartInput:
    kind: InterviewKind
    job_id: relay.GlobalID | None = strawberry.field(default=None, description="Required for JOB_SPECIFIC")
    question_count: int = strawberry.field(default=5, description="1–10")


@strawberry.input
class InterviewAnswerInput:
    session_id: relay.GlobalID
    answer: str


@strawberry.input
class InterviewEndInput:
    session_id: relay.GlobalID


@strawberry.type
class InterviewSessionPayload:
    session: InterviewSession | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class InterviewAnswerPayload:
    answer: InterviewAnswer | None = strawberry.field(default=None, description="The answer with its feedback and score")
    session: InterviewSession | None = strawberry.field(default=None, description="With the next question")
    errors: list[FieldError] = strawberry.field(default_factory=list)
