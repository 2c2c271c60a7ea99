from __future__ import annotations

from tests.support.graphql import signed_up
from tests.support.jobs import create_application, create_job

MOVE = """
mutation Move($input: ApplicationStatusUpdateInput!) {
  applicationStatusUpdate(input: $input) {
    application { id status appliedAt interviewAt offerAt decidedAt history { fromStatus toStatus } }
    errors { field message code }
  }
}
"""
NOTES = """
mutation Notes($input: ApplicationUpdateInput!) {
  applicationUpdate(input: $input) { application { notes } errors { field message code } }
}
"""
BOARD = """
query Board($status: [ApplicationStatus!]) {
  applications(first: 100, status: $status) { totalCount edges { node { status job { title } } } }
}
"""


async def move(session, application_id, status):
    return (await session.gql(MOVE, {"input": {"id": application_id, "status": status}}))["applicationStatusUpdate"]


class TestApplicationCreate:
    async def test_starts_interested_with_its_allowed_moves(self, client):
        # given
        user = await signed_up(client)
        job_id = await create_job(user, title="Platform Engineer")
        # when
        payload = await create_application(user, job_id, notes="Referral from Ana")
        # then
        application = payload["application"]
        assert payload["errors"] == []
        assert application["status"] == "INTERESTED" and application["notes"] == "Referral from Ana"
        assert application["allowedTransitions"] == ["APPLIED", "DECLINED"]
        assert application["job"]["title"] == "Platform Engineer"
        assert application["appliedAt"] is None

    async def test_created_as_applied_stamps_the_applied_date(self, client):
        # given
        user = await signed_up(client)
        job_id = await create_job(user)
        # when
        application = (await create_application(user, job_id, status="APPLIED"))["application"]
        # then
        assert application["status"] == "APPLIED" and application["appliedAt"] is not None

    async def test_second_application_for_a_job_is_a_conflict(self, client):
        # given
        user = await signed_up(client)
        job_id = await create_job(user)
        await create_application(user, job_id)
        # when
        payload = await create_application(user, job_id)
        # then
        assert payload["errors"] == [{"field": "jobId", "message": "This job already has an application", "code": "DUPLICATE"}]

    async def test_another_users_job_is_not_found(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        job_id = await create_job(owner)
        # when
        payload = await create_application(other, job_id)
        # then
        assert payload["application"] is None
        assert payload["errors"] == [{"field": "jobId", "message": "Job not found", "code": "NOT_FOUND"}]

    async def test_overlong_notes_are_refused(self, client):
        # given
        user = await signed_up(client)
        job_id = await create_job(user)
        # when
        payload = await create_application(user, job_id, notes="n" * 10_001)
        # then
        assert payload["errors"][0]["code"] == "TOO_LONG"
        assert (await user.gql(BOARD))["applications"]["totalCount"] == 0


class TestApplicationStatusUpdate:
    async def test_moves_through_the_pipeline_stamping_dates_and_history(self, client):
        # given
        user = await signed_up(client)
        application_id = (await create_application(user, await create_job(user)))["application"]["id"]
        # when
        for status in ("APPLIED", "INTERVIEW", "OFFER"):
            last = await move(user, application_id, status)
        accepted = await move(user, application_id, "ACCEPTED")
        # then
        moved = accepted["application"]
        assert last["errors"] == [] and accepted["errors"] == []
        assert all(moved[f] is not None for f in ("appliedAt", "interviewAt", "offerAt", "decidedAt"))
        assert [(h["fromStatus"], h["toStatus"]) for h in moved["history"]] == [
            (None, "INTERESTED"),
            ("INTERESTED", "APPLIED"),
            ("APPLIED", "INTERVIEW"),
            ("INTERVIEW", "OFFER"),
            ("OFFER", "ACCEPTED"),
        ]

    async def test_invalid_transition_is_refused_with_a_clear_message(self, client):
        # given
        user = await signed_up(client)
        application_id = (await create_application(user, await create_job(user)))["application"]["id"]
        # when
        payload = await move(user, application_id, "OFFER")
        # then
        assert payload["application"] is None
        assert payload["errors"] == [
            {
                "field": "status",
                "message": "Cannot move an application from interested to offer; from interested it can move to applied, declined",
                "code": "INVALID_TRANSITION",
            }
        ]

    async def test_final_status_cannot_move(self, client):
        # given
        user = await signed_up(client)
        application_id = (await create_application(user, await create_job(user), status="APPLIED"))["application"]["id"]
        await move(user, application_id, "REJECTED")
        # when
        payload = await move(user, application_id, "INTERVIEW")
        # then
        assert "it can move to nothing (it is final)" in payload["errors"][0]["message"]

    async def test_another_users_application_is_not_found(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        application_id = (await create_application(owner, await create_job(owner)))["application"]["id"]
        # when
        moved = await move(other, application_id, "APPLIED")
        noted = (await other.gql(NOTES, {"input": {"id": application_id, "notes": "mine"}}))["applicationUpdate"]
        # then
        expected = [{"field": "id", "message": "Application not found", "code": "NOT_FOUND"}]
        assert moved["errors"] == expected and noted["errors"] == expected


class TestApplicationsQuery:
    async def test_filters_by_status(self, client):
        # given
        user = await signed_up(client)
        await create_application(user, await create_job(user, title="A"))
        await create_application(user, await create_job(user, title="B"), status="APPLIED")
        # when
        applied = (await user.gql(BOARD, {"status": ["APPLIED"]}))["applications"]
        # then
        assert applied["totalCount"] == 1
        assert applied["edges"][0]["node"] == {"status": "APPLIED", "job": {"title": "B"}}

    async def test_notes_are_editable(self, client):
        # given
        user = await signed_up(client)
        application_id = (await create_application(user, await create_job(user)))["application"]["id"]
        # when
        payload = (await user.gql(NOTES, {"input": {"id": application_id, "notes": "Call back Tuesday"}}))["applicationUpdate"]
        # then
        assert payload == {"application": {"notes": "Call back Tuesday"}, "errors": []}
