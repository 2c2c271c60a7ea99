"""Mock interviews over GraphQL: rule-based feedback and scores; a model only adds questions and words."""

from __future__ import annotations

from api.interview import engine
from tests.support.documents import ACME_JOB
from tests.support.graphql import signed_up
from tests.support.jobs import PROFILE_UPDATE, create_job
from tests.support.waiting import eventually

QUESTION = "id text kind skill difficulty expectedConcepts reason generated hint"
SESSION = f"""
  id kind status offline engineNote questionCount overallScore modelNotice generatedQuestionCount currentQuestion {{ {QUESTION} }}
  summary {{ overallScore answered strengths improvementAreas skillScores {{ skill score }} }}
  answers {{ number score answer question {{ id }} }}
"""
START = f"""
mutation Start($input: InterviewStartInput!) {{
  interviewStart(input: $input) {{ session {{ {SESSION} }} errors {{ field message code }} }}
}}
"""
ANSWER = f"""
mutation Answer($input: InterviewAnswerInput!) {{
  interviewAnswer(input: $input) {{
    answer {{ number score question {{ {QUESTION} }}
      feedback {{ score structureNotes strengths improvements strongerAnswerOutline coveredConcepts missingConcepts starComponents }} }}
    session {{ {SESSION} }}
    errors {{ field message code }}
  }}
}}
"""
END = f"""
mutation End($input: InterviewEndInput!) {{
  interviewEnd(input: $input) {{ session {{ {SESSION} }} errors {{ field message code }} }}
}}
"""
SESSION_QUERY = (
    f"query S($id: ID!) {{ node(id: $id) {{ ... on InterviewSession {{ {SESSION} answers {{ modelNotes {{ strengths "
    "improvements strongerAnswerOutline model error } } } } }"
)
HISTORY = "query { viewer { interviewHistory { id overallScore endedAt } } }"

STAR_ANSWER = (
    "At my previous company our team had a release deadline in 2 weeks and the payment service kept failing. "
    "My task was to find the cause before launch. I analyzed the logs, then I wrote a load test and fixed a connection leak "
    "in the PostgreSQL pool. As a result we shipped on time and errors dropped by 90%, and I learned to test early."
)


async def start(user, kind: str = "GENERAL", count: int = 3, **extra) -> dict:
    payload = (await user.gql(START, {"input": {"kind": kind, "questionCount": count, **extra}}))["interviewStart"]
    assert payload["errors"] == [], payload
    return payload["session"]


async def answer(user, session_id: str, text: str) -> dict:
    return (await user.gql(ANSWER, {"input": {"sessionId": session_id, "answer": text}}))["interviewAnswer"]


class TestInterviewWording:
    async def test_offline_general_session_says_so_and_gives_no_technical_hint(self, client, offline):
        # given
        user = await signed_up(client)
        # when
        session = await start(user, "GENERAL")
        answered = await answer(user, session["id"], "Hello")
        # then the engine is named as it is, the first question gets a general hint, the answer is kept
        assert session["engineNote"].startswith("Offline engine") and "model" not in session["engineNote"].split(":")[0]
        assert "written by the model" not in session["engineNote"]
        first = session["currentQuestion"]
        assert first["kind"] == "general" and "trade-off" not in first["hint"] and "STAR" not in first["hint"]
        assert answered["session"]["answers"][0]["answer"] == "Hello"
        assert "Length: 1 word, far too short; aim for about 120-300 words." in answered["answer"]["feedback"]["structureNotes"]


class TestInterviewStart:
    async def test_a_session_starts_with_its_first_question(self, client, offline):
        # given
        user = await signed_up(client)
        # when
        session = await start(user, "BEHAVIORAL")
        # then
        assert session["status"] == "ACTIVE" and session["offline"] is True and session["questionCount"] == 3
        assert session["currentQuestion"]["kind"] == "behavioral" and session["answers"] == []

    async def test_a_job_specific_session_asks_about_the_jobs_requirements(self, client, offline):
        # given: a profile without the job's skills
        user = await signed_up(client)
        await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Java"]}})
        job_id = await create_job(user, **ACME_JOB)
        session = await start(user, "JOB_SPECIFIC", count=3, jobId=job_id)
        # when: answering the opening (motivation) question
        first = session["currentQuestion"]
        second = (await answer(user, session["id"], "I like robots and Python, and Acme ships real fleets."))["session"][
            "currentQuestion"
        ]
        # then
        assert first["text"] == "Why are you interested in the Senior Backend Engineer role at Acme Robotics?"
        assert second["kind"] == "technical" and second["skill"] in ("python", "postgresql", "kubernetes")

    async def test_job_specific_without_a_job_is_refused(self, client, offline):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(START, {"input": {"kind": "JOB_SPECIFIC"}}))["interviewStart"]
        # then
        assert payload == {
            "session": None,
            "errors": [{"field": "jobId", "message": "A job-specific interview needs a job", "code": "REQUIRED"}],
        }

    async def test_an_unknown_job_is_not_found(self, client, offline):
        # given
        user, other = await signed_up(client), await signed_up(client)
        others_job = await create_job(other, **ACME_JOB)
        # when
        payload = (await user.gql(START, {"input": {"kind": "JOB_SPECIFIC", "jobId": others_job}}))["interviewStart"]
        # then
        assert payload["errors"] == [{"field": "jobId", "message": "Job not found", "code": "NOT_FOUND"}]
        assert (await user.gql("query { interviewSessions { totalCount } }"))["interviewSessions"]["totalCount"] == 0

    async def test_question_count_is_capped(self, client, offline):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(START, {"input": {"kind": "GENERAL", "questionCount": 50}}))["interviewStart"]
        # then
        assert payload["errors"] == [{"field": "questionCount", "message": "Between 1 and 10 questions", "code": "OUT_OF_RANGE"}]


class TestInterviewAnswer:
    async def test_feedback_score_and_the_next_question(self, client, offline):
        # given
        user = await signed_up(client)
        session = await start(user, "BEHAVIORAL")
        asked = session["currentQuestion"]
        # when
        payload = await answer(user, session["id"], STAR_ANSWER)
        # then: the score is our rules' score for that question and answer
        assert payload["errors"] == []
        feedback = payload["answer"]["feedback"]
        expected = engine.evaluate_answer(engine.QuestionBank.load().by_id(asked["id"]), STAR_ANSWER)
        assert feedback["score"] == payload["answer"]["score"] == expected.score >= 7
        assert set(feedback["starComponents"]) == {"situation", "task", "action", "result"}
        assert feedback["strongerAnswerOutline"] and feedback["structureNotes"][0].startswith("STAR structure")
        assert payload["session"]["currentQuestion"]["id"] != asked["id"]
        assert [a["number"] for a in payload["session"]["answers"]] == [1]

    async def test_a_weak_technical_answer_is_followed_by_fundamentals(self, client, offline):
        # given
        user = await signed_up(client)
        await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Python"], "experienceLevel": "LEAD"}})
        session = await start(user, "TECHNICAL")
        # when
        payload = await answer(user, session["id"], "Not sure.")
        # then
        assert payload["answer"]["score"] <= 2
        nxt = payload["session"]["currentQuestion"]
        assert nxt["reason"] == "follow_up_fundamentals" and nxt["skill"] == payload["answer"]["question"]["skill"]

    async def test_an_empty_answer_is_refused_and_nothing_is_written(self, client, offline):
        # given
        user = await signed_up(client)
        session = await start(user)
        # when
        payload = await answer(user, session["id"], "   ")
        # then
        assert payload["answer"] is None and payload["errors"][0]["field"] == "answer"
        assert payload["errors"][0]["code"] == "REQUIRED" and "empty" in payload["errors"][0]["message"]
        node = (await user.gql(SESSION_QUERY, {"id": session["id"]}))["node"]
        assert node["answers"] == [] and node["currentQuestion"]["id"] == session["currentQuestion"]["id"]

    async def test_an_over_long_answer_is_refused(self, client, offline):
        # given
        user = await signed_up(client)
        session = await start(user)
        # when
        payload = await answer(user, session["id"], "word " * 1200)
        # then
        assert payload["errors"][0]["code"] == "TOO_LONG" and "the limit is 5,000" in payload["errors"][0]["message"]

    async def test_another_users_session_is_not_found(self, client, offline):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        session = await start(owner)
        # when
        payload = await answer(other, session["id"], STAR_ANSWER)
        # then
        assert payload["errors"] == [{"field": "sessionId", "message": "Interview session not found", "code": "NOT_FOUND"}]


class TestInterviewEnd:
    async def test_three_questions_then_a_summary_and_the_history(self, client, offline):
        # given
        user = await signed_up(client)
        session = await start(user, "BEHAVIORAL", count=3)
        for _ in range(3):
            payload = await answer(user, session["id"], STAR_ANSWER)
        assert payload["session"]["currentQuestion"] is None
        # when
        ended = (await user.gql(END, {"input": {"sessionId": session["id"]}}))["interviewEnd"]["session"]
        # then
        assert ended["status"] == "COMPLETED" and ended["summary"]["answered"] == 3
        assert ended["overallScore"] == ended["summary"]["overallScore"] >= 7
        assert "Consistent STAR structure in behavioral answers." in ended["summary"]["strengths"]
        history = (await user.gql(HISTORY))["viewer"]["interviewHistory"]
        assert [(h["id"], h["overallScore"]) for h in history] == [(session["id"], ended["overallScore"])]

    async def test_answering_after_the_end_is_an_invalid_transition(self, client, offline):
        # given
        user = await signed_up(client)
        session = await start(user)
        await user.gql(END, {"input": {"sessionId": session["id"]}})
        # when
        payload = await answer(user, session["id"], STAR_ANSWER)
        # then
        assert payload["errors"] == [{"field": "sessionId", "message": "This interview has ended", "code": "INVALID_TRANSITION"}]

    async def test_a_session_ended_without_answers_stays_out_of_the_history(self, client, offline):
        # given
        user = await signed_up(client)
        session = await start(user)
        # when
        ended = (await user.gql(END, {"input": {"sessionId": session["id"]}}))["interviewEnd"]["session"]
        # then
        assert ended["overallScore"] is None and ended["summary"]["answered"] == 0
        assert (await user.gql(HISTORY))["viewer"]["interviewHistory"] == []


class TestWithAModel:
    async def test_generated_questions_extend_the_bank(self, client, worker, model):
        # given
        user = await signed_up(client)
        session = await start(user, "BEHAVIORAL", count=3)
        assert session["offline"] is False and not session["currentQuestion"]["generated"]

        async def generated():
            return (await user.gql(SESSION_QUERY, {"id": session["id"]}))["node"]["generatedQuestionCount"]

        assert await eventually(generated) == 3
        # when
        payload = await answer(user, session["id"], STAR_ANSWER)
        # then: the model's behavioral question comes next
        nxt = payload["session"]["currentQuestion"]
        assert nxt["generated"] is True and nxt["text"] == "Tell me about a time you untangled a flaky deploy pipeline."

    async def test_feedback_is_refined_but_the_score_is_ours(self, client, worker, model):
        # given
        user = await signed_up(client)
        session = await start(user, "BEHAVIORAL", count=2)
        # when
        payload = await answer(user, session["id"], STAR_ANSWER)

        async def refined():
            node = (await user.gql(SESSION_QUERY, {"id": session["id"]}))["node"]
            return node["answers"][0]["modelNotes"]

        notes = await eventually(refined)
        # then
        assert notes == {
            "strengths": ["You named the tool you used."],
            "improvements": ["Say what the outcome was."],
            "strongerAnswerOutline": ["Context", "Your action", "Measured result"],
            "model": "fake-model",
            "error": None,
        }
        node = (await user.gql(SESSION_QUERY, {"id": session["id"]}))["node"]
        assert node["answers"][0]["score"] == payload["answer"]["score"]
        sent = next(
            r for r in model.chat_requests if r.get("response_format", {}).get("json_schema", {}).get("name") == "RefinedFeedback"
        )
        assert f'"score_out_of_10": {payload["answer"]["score"]}' in sent["messages"][1]["content"]

    async def test_a_failing_model_leaves_the_session_usable(self, client, worker, model):
        # given: the model is down
        model.fail_next(500, times=20)
        user = await signed_up(client)
        session = await start(user, "BEHAVIORAL", count=2)

        async def notice():
            return (await user.gql(SESSION_QUERY, {"id": session["id"]}))["node"]["modelNotice"]

        # when
        message = await eventually(notice, timeout=20)
        payload = await answer(user, session["id"], STAR_ANSWER)
        # then
        assert "Questions from the model are unavailable" in message and "HTTP 500" in message
        assert payload["errors"] == [] and payload["session"]["currentQuestion"]["generated"] is False
