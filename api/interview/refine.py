"""Model refinement of answer feedback. The model may phrase strengths, improvements and a
stronger outline; the score and the concept coverage stay ours (they are given to it as FACTS,
and this schema has no field for a score, so a reply carrying one is rejected)."""

from __future__ import annotations

from api.ai.prompts import DataBlock, Prompt, system_prompt
from api.ai.schemas import StrictModel
from api.interview.engine import AnswerFeedback, Question

REFINE_TASK = (
    "Coach the candidate on their answer (ANSWER block) to an interview question (QUESTION block). The application has "
    "already scored the answer and checked which expected concepts it covers: they are in FACTS; do not re-score. Give "
    "up to three specific strengths, up to three concrete improvements, and a stronger answer as an outline of three "
    "to six short steps, each grounded in what the candidate actually said."
)


class RefinedFeedback(StrictModel):
    strengths: list[str]
    improvements: list[str]
    stronger_answer_outline: list[str]


def refine_prompt(question: Question, answer: str, feedback: AnswerFeedback) -> Prompt:
    facts = {
        "question_kind": question.kind,
        "skill": question.skill,
        "expected_concepts": question.concept_names(),
        "covered_concepts": feedback.covered_concepts,
        "missing_concepts": feedback.missing_concepts,
        "star_components_found": feedback.star_components,
        "score_out_of_10": feedback.score,
    }
    return Prompt(system_prompt(REFINE_TASK), (DataBlock("QUESTION", question.text), DataBlock("ANSWER", answer)), facts)
