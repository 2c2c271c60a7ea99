"""Output schemas shared by the model path (structured output) and the offline engine.

Every model forbids unknown fields: a model reply with extra keys (e.g. a
"score" injected by a hostile job description) is rejected, not ignored.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.vocabulary import EmailKind, Tone

QuestionKind = Literal["behavioral", "technical", "general"]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CoverLetter(StrictModel):
    tone: Tone
    subject: str = Field(min_length=1)
    greeting: str = Field(min_length=1)
    paragraphs: list[str] = Field(min_length=1)
    closing: str = Field(min_length=1)
    signature: str

    def to_text(self) -> str:
        parts = [self.greeting, *self.paragraphs, self.closing]
        if self.signature:
            parts.append(self.signature)
        return "\n\n".join(p.strip() for p in parts if p.strip())


class Rewrite(StrictModel):
    original: str
    suggested: str = Field(min_length=1)
    reason: str


class SectionTailoring(StrictModel):
    section: str = Field(min_length=1)
    suggested_rewrites: list[Rewrite]
    keywords_to_surface: list[str]


class ResumeTailoring(StrictModel):
    summary: str = Field(min_length=1)
    sections: list[SectionTailoring]
    missing_keywords: list[str]


class EmailDraft(StrictModel):
    kind: EmailKind
    subject: str = Field(min_length=1)
    body: str = Field(min_length=1)


class GeneratedQuestion(StrictModel):
    text: str = Field(min_length=1)
    kind: QuestionKind
    skill: str | None
    expected_concepts: list[str]


class InterviewQuestionSet(StrictModel):
    questions: list[GeneratedQuestion] = Field(min_length=1)


class InsightWording(StrictModel):
    """The model's rewording of an insight: only its title and message (facts and actions stay ours)."""

    title: str = Field(min_length=1, max_length=300)
    message: str = Field(min_length=1, max_length=2000)
