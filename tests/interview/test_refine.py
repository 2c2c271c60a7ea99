from __future__ import annotations

import json
import re

from api.interview.engine import QuestionBank, evaluate_answer
from api.interview.refine import refine_prompt


def facts_of(prompt_text: str) -> dict:
    return json.loads(re.search(r"^<<<FACTS\n(.*?)\n>>>$", prompt_text, flags=re.S | re.M).group(1))


class TestRefinePrompt:
    def test_computed_score_is_passed_as_a_fact(self):
        # given our rule-based feedback on an answer
        question = QuestionBank.load().technical["git"][0]
        answer = "git merge keeps history with a merge commit."
        feedback = evaluate_answer(question, answer)
        # when
        prompt = refine_prompt(question, answer, feedback)
        facts = facts_of(prompt.messages()[1]["content"])
        # then the model gets our score and coverage as facts and is told not to re-score
        assert facts["score_out_of_10"] == feedback.score
        assert facts["missing_concepts"] == feedback.missing_concepts
        assert "Never compute, change, invent or output your own scores" in prompt.system
