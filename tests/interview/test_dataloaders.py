from __future__ import annotations

from tests.support.graphql import signed_up
from tests.support.jobs import create_job
from tests.support.statements import counting_statements

START = """
mutation Start($input: InterviewStartInput!) { interviewStart(input: $input) { session { id } errors { field message code } } }
"""
ANSWER = """
mutation Answer($input: InterviewAnswerInput!) { interviewAnswer(input: $input) { answer { score } errors { field message code } } }
"""
SESSIONS = """
query Sessions($first: Int!) {
  interviewSessions(first: $first) { edges { node { id answers { number score question { id } } job { title } } } }
}
"""


class TestInterviewSessionsStatementCount:
    async def test_statement_count_does_not_grow_with_the_page(self, client, offline):
        # given: 6 sessions with two answers each
        user = await signed_up(client)
        for _ in range(6):
            session_id = (await user.gql(START, {"input": {"kind": "BEHAVIORAL", "questionCount": 2}}))["interviewStart"][
                "session"
            ]["id"]
            for _ in range(2):
                await user.gql(
                    ANSWER,
                    {"input": {"sessionId": session_id, "answer": "I led the migration and we cut costs by 20%."}},
                )
        counts = {}
        # when
        for n in (2, 6):
            async with counting_statements() as statements:
                data = await user.gql(SESSIONS, {"first": n})
            counts[n] = len(statements)
            assert [len(e["node"]["answers"]) for e in data["interviewSessions"]["edges"]] == [2] * n
        # then
        assert counts[2] == counts[6], counts


JOBS = """
query Jobs($first: Int!) {
  jobs(first: $first) { edges { node { title interviewSessions { id kind job { title } } } } }
}
"""


class TestJobInterviewSessionsStatementCount:
    async def test_statement_count_does_not_grow_with_the_jobs(self, client, offline):
        # given: 6 jobs with one mock interview practising for each
        user = await signed_up(client)
        for i in range(6):
            job_id = await create_job(user, company="Acme", title=f"Engineer {i}")
            started = await user.gql(START, {"input": {"kind": "JOB_SPECIFIC", "jobId": job_id, "questionCount": 1}})
            assert started["interviewStart"]["errors"] == []
        counts = {}
        # when
        for n in (2, 6):
            async with counting_statements() as statements:
                data = await user.gql(JOBS, {"first": n})
            counts[n] = len(statements)
            # then each job lists its own session
            for edge in data["jobs"]["edges"]:
                assert [s["job"]["title"] for s in edge["node"]["interviewSessions"]] == [edge["node"]["title"]]
        # then
        assert counts[2] == counts[6], counts
