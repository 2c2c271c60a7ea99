from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from api.graphql.context import Context
from api.graphql.errors import FieldError
from api.graphql.relay import Connection
from api.models import InterviewAnswer as InterviewAnswerModel
from api.models import InterviewSession as InterviewSessionModel

if TYPE_CHECKING:
    from api.job.types import Job


@strawberry.enum
class InterviewKind(Enum):
    GENERAL = "general"
    BEHAVIORAL = "behavioral"
    TECHNICAL = "technical"
    JOB_SPECIFIC = "job_specific"


@strawberry.enum
class InterviewStatus(Enum):
    ACTIVE = "active"
    COMPLETED = "completed"


@strawberry.type
class InterviewQuestion:
    id: str
    text: str
    kind: str = strawberry.field(description="behavioral, technical or general")
    skill: str | None
    difficulty: int = strawberry.field(description="1 fundamentals, 2 intermediate, 3 advanced")
    expected_concepts: list[str]
    reason: str = strawberry.field(
        description="planned, follow_up_fundamentals (after a weak answer) or harder (after a strong one)"
    )
    generated: bool = strawberry.field(
        description="Written by the model for this session rather than taken from the bank"
    )

    @classmethod
    def from_json(cls, q: dict[str, Any]) -> "InterviewQuestion":
        return cls(
            id=q["id"],
            text=q["text"],
            kind=q["kind"],
            skill=q.get("skill"),
            difficulty=int(q.get("difficulty", 2)),
            expected_concepts=[c.split("|")[0] for c in q.get("expected_concepts", [])],
            reason=q.get("reason", "planned"),
            generated=str(q["id"]).startswith("gen-"),
        )


@strawberry.type(
    description="Rule-based feedback: structure (STAR for behavioral), concept coverage, specificity, length."
)
class AnswerFeedback:
    score: int = strawberry.field(description="0–10, computed by our rules")
    structure_notes: list[str]
    strengths: list[str]
    improvements: list[str]
    stronger_answer_outline: list[str]
    covered_concepts: list[str]
    missing_concepts: list[str]
    star_components: list[str]

    @classmethod
    def from_json(cls, f: dict[str, Any]) -> "AnswerFeedback":
        return cls(
            **{
                k: f.get(k, [])
                for k in (
                    "structure_notes",
                    "strengths",
                    "improvements",
                    "stronger_answer_outline",
                    "covered_concepts",
                    "missing_concepts",
                    "star_components",
                )
            },
            score=int(f["score"]),
        )


@strawberry.type(description="The model's coaching on an answer (never a score).")
class ModelNotes:
    strengths: list[str]
    improvements: list[str]
    stronger_answer_outline: list[str]
    model: str
    error: str | None


@strawberry.type
class InterviewAnswer:
    number: int
    question: InterviewQuestion
    answer: str
    score: int
    feedback: AnswerFeedback
    model_notes: ModelNotes | None = strawberry.field(description="Set later by the worker when a model is configured")
    created_at: datetime

    @classmethod
    def from_model(cls, m: InterviewAnswerModel) -> "InterviewAnswer":
        notes = m.model_notes
        return cls(
            number=m.number,
            question=InterviewQuestion.from_json(m.question),
            answer=m.answer,
            score=m.score,
            feedback=AnswerFeedback.from_json(m.feedback),
            created_at=m.created_at,
            model_notes=ModelNotes(
                strengths=notes.get("strengths", []),
                improvements=notes.get("improvements", []),
                stronger_answer_outline=notes.get("stronger_answer_outline", []),
                model=notes.get("model", ""),
                error=notes.get("error"),
            )
            if notes
            else None,
        )


@strawberry.type
class SkillScore:
    skill: str
    score: float


@strawberry.type
class InterviewSummary:
    overall_score: float
    answered: int
    strengths: list[str]
    improvement_areas: list[str]
    skill_scores: list[SkillScore]

    @classmethod
    def from_json(cls, s: dict[str, Any]) -> "InterviewSummary":
        return cls(
            overall_score=float(s["overall_score"]),
            answered=int(s["answered"]),
            strengths=list(s["strengths"]),
            improvement_areas=list(s["improvement_areas"]),
            skill_scores=[SkillScore(skill=k, score=float(v)) for k, v in (s.get("skill_scores") or {}).items()],
        )


@strawberry.type(name="InterviewSession")
class InterviewSession(relay.Node):
    id: relay.NodeID[int]
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
    started_at: datetime
    ended_at: datetime | None
    job_id: strawberry.Private[int | None]

    @strawberry.field(description="Answers so far, in order.")
    async def answers(self, info: strawberry.Info) -> list[InterviewAnswer]:
        from api.interview.loaders import AnswersBySessionIdLoader

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
    def from_model(cls, m: InterviewSessionModel) -> "InterviewSession":
        return cls(
            id=m.id,
            kind=InterviewKind(m.kind),
            status=InterviewStatus(m.status),
            offline=m.offline,
            question_count=int(m.plan.get("num_questions", 0)),
            current_question=InterviewQuestion.from_json(m.current_question) if m.current_question else None,
            overall_score=m.overall_score,
            summary=InterviewSummary.from_json(m.summary) if m.summary else None,
            model_notice=m.model_notice,
            generated_question_count=len(m.generated_questions or []),
            started_at=m.started_at,
            ended_at=m.ended_at,
            job_id=m.job_id,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.interview.loaders import InterviewSessionByIdLoader

        context: Context = info.context
        rows = await InterviewSessionByIdLoader.of(context).load_many(
            [int(i) if str(i).isdigit() else -1 for i in node_ids]
        )
        return [cls.from_model(r) if r else None for r in rows]


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
    answer: InterviewAnswer | None = strawberry.field(
        default=None, description="The answer with its feedback and score"
    )
    session: InterviewSession | None = strawberry.field(default=None, description="With the next question")
    errors: list[FieldError] = strawberry.field(default_factory=list)
