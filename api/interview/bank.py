"""The shipped question bank, extended per session by questions a model generated."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any

from api.ai.schemas import GeneratedQuestion
from api.interview.engine import BANK_PATH, InterviewPlan, QuestionBank
from api.wording import clip

TEXT_LIMIT = 600


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    with open(BANK_PATH, encoding="utf-8") as f:
        return json.load(f)


def stored_questions(session_id: int, generated: list[GeneratedQuestion], plan: InterviewPlan) -> list[dict[str, Any]]:
    """Generated questions as stored on the session (ids unique per session)."""
    bank = QuestionBank.load()
    out = []
    for i, q in enumerate(generated):
        skill = (bank.normalize_skill(q.skill) or q.skill.strip().lower()) if q.skill and q.kind == "technical" else None
        out.append(
            {
                "id": f"gen-{session_id}-{i + 1}",
                "text": clip(q.text, TEXT_LIMIT),
                "kind": q.kind,
                "skill": skill,
                "difficulty": plan.start_difficulty,
                "expected_concepts": [clip(c, 80) for c in q.expected_concepts if c.strip()][:8],
            }
        )
    return out


def bank_for(generated: list[dict[str, Any]]) -> QuestionBank:
    """The shipped bank, with generated behavioral/general questions asked first and generated
    technical ones added to their skill's pool."""
    if not generated:
        return QuestionBank.load()
    data = copy.deepcopy(_raw())
    for q in reversed(generated):
        if q["kind"] == "behavioral":
            data["behavioral"].insert(0, {"id": q["id"], "text": q["text"], "competency": "generated"})
        elif q["kind"] == "general":
            data["general"].insert(
                0, {"id": q["id"], "text": q["text"], "topic": "generated", "expected_concepts": q["expected_concepts"]}
            )
        elif q.get("skill"):
            data["technical"].setdefault(q["skill"], []).append(
                {
                    "id": q["id"],
                    "text": q["text"],
                    "difficulty": q["difficulty"],
                    "expected_concepts": q["expected_concepts"],
                }
            )
    return QuestionBank(data)


def plan_with_generated(plan: InterviewPlan, generated: list[dict[str, Any]]) -> InterviewPlan:
    """Skills of generated technical questions join the plan (after its own)."""
    extra = [q["skill"] for q in generated if q["kind"] == "technical" and q.get("skill") and q["skill"] not in plan.skills]
    return plan.model_copy(update={"skills": [*plan.skills, *dict.fromkeys(extra)]}) if extra else plan
