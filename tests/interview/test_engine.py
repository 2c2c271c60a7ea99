from __future__ import annotations

import pytest

from api.ai.facts import JobFacts, ProfileFacts
from api.interview.engine import (
    AnsweredQuestion,
    AnswerFeedback,
    AnswerValidationError,
    Question,
    QuestionBank,
    answer_hint,
    build_plan,
    engine_note,
    evaluate_answer,
    next_question,
    summarize,
)

BANK = QuestionBank.load()
REQUIRED_SKILLS = [
    "python",
    "javascript",
    "typescript",
    "react",
    "sql",
    "postgresql",
    "docker",
    "kubernetes",
    "aws",
    "java",
    "go",
    "system design",
    "git",
    "testing",
    "rest/graphql",
]

STAR_ANSWER = (
    "In my previous role at Acme, our team had a disagreement about migrating the billing service from MySQL to PostgreSQL. "
    "My goal was to get a decision within one week without delaying the release. I wrote a short design doc comparing both "
    "options, I set up a benchmark on production-sized data and I organized a 45-minute review with the two senior engineers. "
    "As a result we chose PostgreSQL, the migration shipped two weeks later, and query latency dropped by 35%. "
    "I learned that data ends arguments faster than opinions."
)
VAGUE_ANSWER = "I talked to them and we sorted things out."
GIL_ANSWER = (
    "The GIL, the global interpreter lock, lets only one thread execute Python bytecode at a time, so CPU-bound code does not "
    "get faster with threads. For CPU-bound work I use multiprocessing, and for I/O-bound work asyncio or threads are fine because "
    "the GIL is released while waiting. For example, in my last project we moved image resizing to a process pool and got 4x "
    "throughput; the trade-off is the pickling overhead between processes."
)


def fb(score: int) -> AnswerFeedback:
    return AnswerFeedback(score=score, structure_notes=[], strengths=[], improvements=[], stronger_answer_outline=[])


def answered(q: Question, score: int) -> AnsweredQuestion:
    return AnsweredQuestion(question=q, answer="...", feedback=fb(score))


class TestQuestionBank:
    def test_has_behavioral_and_technical_questions_for_the_common_skills(self):
        # then
        assert len(BANK.behavioral) >= 8
        assert set(REQUIRED_SKILLS) <= set(BANK.skills)
        for skill in REQUIRED_SKILLS:
            qs = BANK.technical[skill]
            assert {q.difficulty for q in qs} == {1, 2, 3}
            assert all(len(q.expected_concepts) >= 3 for q in qs)
        ids = [q.id for q in BANK.all_questions()]
        assert len(ids) == len(set(ids))

    @pytest.mark.parametrize(
        "name,key",
        [
            ("Postgres", "postgresql"),
            ("Node.js", "javascript"),
            ("K8s", "kubernetes"),
            ("GraphQL", "rest/graphql"),
            ("golang", "go"),
            ("React.js", "react"),
            ("COBOL", None),
        ],
    )
    def test_normalize_skill(self, name: str, key: str | None):
        # when / then
        assert BANK.normalize_skill(name) == key


class TestBuildPlan:
    def test_job_specific_plan_puts_skill_gaps_first(self):
        # given a job needing Python, PostgreSQL, Docker and a user who only knows Python
        job = JobFacts(company="Acme", title="Backend Engineer", must_have=["Python", "PostgreSQL"], tech_stack=["Docker"])
        profile = ProfileFacts(skills=["Python"])
        # when
        plan = build_plan("job_specific", job=job, profile=profile, num_questions=6)
        # then
        assert plan.skills == ["postgresql", "docker", "python"]
        assert plan.skill_gaps == ["postgresql", "docker"]
        assert plan.slots[0] == "general" and plan.slots.count("behavioral") >= 1

    def test_job_specific_without_job_is_an_error(self):
        # when / then
        with pytest.raises(ValueError, match="needs a job"):
            build_plan("job_specific")

    def test_unknown_kind(self):
        # when / then
        with pytest.raises(ValueError, match="unknown interview kind"):
            build_plan("telepathic")

    def test_behavioral_plan_only_asks_behavioral_questions(self):
        # given
        plan = build_plan("behavioral", num_questions=4)
        history: list[AnsweredQuestion] = []
        # when
        while (q := next_question(plan, history)) is not None:
            history.append(answered(q, 6))
        # then
        assert [h.question.kind for h in history] == ["behavioral"] * 4
        assert len({h.question.id for h in history}) == 4


class TestNextQuestion:
    PLAN = build_plan("technical", profile=ProfileFacts(skills=["Python", "Docker"]), num_questions=5)

    def test_first_question_is_medium_difficulty_on_the_first_skill(self):
        # when
        q = next_question(self.PLAN, [])
        # then
        assert (q.skill, q.difficulty, q.reason) == ("python", 2, "planned")

    def test_weak_answer_leads_to_fundamentals_follow_up(self):
        # given a weak answer to the python question
        first = next_question(self.PLAN, [])
        # when
        q = next_question(self.PLAN, [answered(first, 3)])
        # then
        assert (q.skill, q.difficulty, q.reason, q.follow_up_of) == ("python", 1, "follow_up_fundamentals", first.id)
        assert q.text.startswith("Let's go back to the fundamentals of python.")

    def test_strong_answer_leads_to_harder_question(self):
        # given a strong answer
        first = next_question(self.PLAN, [])
        # when
        q = next_question(self.PLAN, [answered(first, 9)])
        # then
        assert (q.skill, q.difficulty, q.reason) == ("python", 3, "harder")

    def test_average_answer_moves_to_the_next_skill(self):
        # given
        first = next_question(self.PLAN, [])
        # when
        q = next_question(self.PLAN, [answered(first, 6)])
        # then
        assert (q.skill, q.reason) == ("docker", "planned")

    def test_session_ends_after_num_questions_without_repeats(self):
        # given
        history: list[AnsweredQuestion] = []
        # when
        while (q := next_question(self.PLAN, history)) is not None:
            history.append(answered(q, 2))
        # then
        assert len(history) == 5
        assert len({h.question.id for h in history}) == 5

    def test_job_specific_session_opens_with_the_company_and_asks_the_gaps_first(self):
        # given a job needing Kubernetes and Go besides what the candidate knows
        job = JobFacts(
            company="Acme Robotics",
            title="Senior Backend Engineer",
            tech_stack=["Python", "Kubernetes"],
            must_have=["Python", "PostgreSQL"],
            nice_to_have=["Go"],
        )
        plan = build_plan(
            "job_specific", job=job, profile=ProfileFacts(skills=["Python", "PostgreSQL", "Docker"]), num_questions=5
        )

        def session() -> list[Question]:
            history: list[AnsweredQuestion] = []
            while (q := next_question(plan, history)) is not None:
                history.append(answered(q, 6))
            return [h.question for h in history]

        # when
        questions = session()
        # then
        assert len(questions) == 5 and "Acme Robotics" in questions[0].text
        technical = [q for q in questions if q.kind == "technical"]
        assert [q.skill for q in technical][:2] == ["kubernetes", "go"]
        assert all(q.expected_concepts for q in technical)
        assert session() == questions


class TestEvaluateAnswer:
    BEHAVIORAL = BANK.behavioral[0]
    GIL = next(q for q in BANK.technical["python"] if q.difficulty == 3)

    def test_star_answer_with_metrics_beats_vague_one_liner(self):
        # when
        strong = evaluate_answer(self.BEHAVIORAL, STAR_ANSWER)
        weak = evaluate_answer(self.BEHAVIORAL, VAGUE_ANSWER)
        # then
        assert strong.star_components == ["situation", "task", "action", "result"]
        assert strong.score >= 8
        assert weak.score <= 3
        assert strong.score - weak.score >= 5
        assert any("STAR" in s for s in strong.strengths)
        assert any("outcome" in i for i in weak.improvements)
        assert any("far too short" in n for n in weak.structure_notes)
        assert weak.stronger_answer_outline[0].startswith("Situation")

    def test_technical_answer_covers_expected_concepts(self):
        # when
        f = evaluate_answer(self.GIL, GIL_ANSWER)
        # then
        assert f.covered_concepts == ["gil", "thread", "multiprocessing", "asyncio", "cpu-bound"]
        assert f.missing_concepts == []
        assert f.score >= 8

    def test_technical_answer_missing_concepts_is_told_what_to_add(self):
        # when
        f = evaluate_answer(self.GIL, "Threads in Python are limited, so I use multiprocessing.")
        # then
        assert f.covered_concepts == ["thread", "multiprocessing"]
        assert f.missing_concepts == ["gil", "asyncio", "cpu-bound"]
        assert "Also cover: gil, asyncio, cpu-bound." in f.improvements
        assert f.score < evaluate_answer(self.GIL, GIL_ANSWER).score
        assert any(o == "Explain gil." for o in f.stronger_answer_outline)

    def test_empty_answer_is_rejected(self):
        # when / then
        with pytest.raises(AnswerValidationError) as exc:
            evaluate_answer(self.GIL, "   \n ")
        assert exc.value.code == "EMPTY_ANSWER"

    def test_overlong_answer_is_rejected(self):
        # when / then
        with pytest.raises(AnswerValidationError) as exc:
            evaluate_answer(self.GIL, "word " * 1001)
        assert exc.value.code == "ANSWER_TOO_LONG"
        assert "5,000" in exc.value.message

    def test_length_cap_is_configurable(self):
        # when / then
        with pytest.raises(AnswerValidationError):
            evaluate_answer(self.GIL, GIL_ANSWER, max_chars=100)

    def test_same_answer_same_feedback(self):
        # when / then
        assert evaluate_answer(self.BEHAVIORAL, STAR_ANSWER) == evaluate_answer(self.BEHAVIORAL, STAR_ANSWER)


class TestSummarize:
    def test_summary_averages_and_names_strengths_and_gaps(self):
        # given
        beh = BANK.behavioral[0]
        gil = next(q for q in BANK.technical["python"] if q.difficulty == 3)
        docker = BANK.technical["docker"][0]
        answers = [
            AnsweredQuestion(question=q, answer=a, feedback=evaluate_answer(q, a))
            for q, a in [(beh, STAR_ANSWER), (gil, GIL_ANSWER), (docker, "Not sure, something about boxes.")]
        ]
        # when
        s = summarize(answers)
        # then
        scores = [a.feedback.score for a in answers]
        assert s.overall_score == round(sum(scores) / 3, 1)
        assert s.answered == 3
        assert s.skill_scores["python"] >= 8 and s.skill_scores["docker"] <= 2
        assert any("python" in x for x in s.strengths)
        assert any("fundamentals of docker" in x for x in s.improvement_areas)

    def test_empty_session(self):
        # given
        s = summarize([])
        # when / then
        assert s.overall_score == 0 and s.answered == 0 and s.improvement_areas


class TestWording:
    def test_a_one_word_answer_says_1_word(self):
        # given
        question = BANK.by_id("gen-intro")
        # when
        feedback = evaluate_answer(question, "Hello")
        # then
        assert any(n.startswith("Length: 1 word,") for n in feedback.structure_notes)
        assert not any("(s)" in n for n in feedback.structure_notes)

    def test_missing_concepts_are_whole_words(self):
        # given the scaling question, answered without load balancing
        question = BANK.by_id("tech-system-design-1")
        # when
        feedback = evaluate_answer(question, "Vertical means a bigger machine, horizontal means more machines.")
        # then: "load balancing", never the stem "load balanc"
        assert "load balancing" in feedback.missing_concepts
        assert "Also cover: load balancing, stateless." in feedback.improvements
        assert "Explain load balancing." in feedback.stronger_answer_outline

    def test_no_concept_label_in_the_bank_is_a_cut_word(self):
        # the label is the first alternative; the matching stems ("load balanc") come after it
        stems = {"load balanc", "concurren", "paginat", "scal", "static typ", "virtualiz", "determinis", "layer cach"}
        for question in BANK.all_questions():
            for label in question.concept_names():
                assert label not in stems, label
                assert label[-1].isalnum() or label.endswith(("+", "#", ")")), label


class TestAnswerHint:
    def test_tell_me_about_yourself_gets_no_technical_hint(self):
        question = BANK.by_id("gen-intro")
        assert question.kind == "general"
        hint = answer_hint(question.kind)
        assert "trade-off" not in hint and "STAR" not in hint

    def test_each_kind_has_its_own_hint(self):
        assert "STAR" in answer_hint("behavioral") and "trade-off" in answer_hint("technical")


class TestEngineNote:
    def test_offline_never_mentions_the_model_writing(self):
        note = engine_note(offline=True, configured=False, generated=0, notice=None)
        assert note.startswith("Offline engine") and "written by the model" not in note

    def test_a_model_removed_since_the_start_is_the_offline_engine(self):
        assert engine_note(offline=False, configured=False, generated=0, notice=None).startswith("Offline engine")

    def test_a_failed_model_is_the_offline_engine(self):
        note = engine_note(offline=False, configured=True, generated=0, notice="Questions from the model are unavailable")
        assert note.startswith("Offline engine: the model is unavailable")

    def test_generated_questions_are_counted_with_a_plural(self):
        assert engine_note(offline=False, configured=True, generated=1, notice=None).startswith("1 question written by the model")
        assert engine_note(offline=False, configured=True, generated=3, notice=None).startswith(
            "3 questions written by the model"
        )
