"""Application events feed the career memory, in the application's own unit of work."""

from __future__ import annotations

from tests.support.career import VIEWER_JOURNEY
from tests.support.graphql import signed_up
from tests.support.jobs import create_application, create_job

STATUS = """
mutation Status($input: ApplicationStatusUpdateInput!) {
  applicationStatusUpdate(input: $input) { application { id status } errors { field message code } }
}
"""


async def memory(user) -> dict:
    return (await user.gql(VIEWER_JOURNEY))["viewer"]


async def offer(user, title: str = "Senior Python Engineer", company: str = "Acme") -> str:
    job_id = await create_job(user, title=title, company=company)
    return (await create_application(user, job_id, status="OFFER"))["application"]["id"]


class TestOfferAccepted:
    async def test_records_a_role_change_a_new_role_and_the_current_role(self, client):
        # given
        user = await signed_up(client)
        application_id = await offer(user)
        # when
        payload = (await user.gql(STATUS, {"input": {"id": application_id, "status": "ACCEPTED"}}))["applicationStatusUpdate"]
        data = await memory(user)
        # then
        assert payload["errors"] == []
        decision = data["decisions"]["edges"][0]["node"]
        assert (decision["kind"], decision["choice"]) == (
            "ROLE_CHANGE",
            "Accepted the offer: Senior Python Engineer at Acme",
        )
        milestone = data["milestones"]["edges"][0]["node"]
        assert (milestone["kind"], milestone["role"]) == ("NEW_ROLE", "Senior Python Engineer")
        journey = data["journey"]
        assert (journey["currentRole"], journey["currentCompany"]) == ("Senior Python Engineer", "Acme")
        assert journey["roleStartedOn"] == milestone["achievedOn"]


class TestOfferDeclined:
    async def test_records_a_job_offer_decision_only(self, client):
        # given
        user = await signed_up(client)
        application_id = await offer(user, company="Globex")
        # when
        await user.gql(STATUS, {"input": {"id": application_id, "status": "DECLINED"}})
        data = await memory(user)
        # then
        assert [(e["node"]["kind"], e["node"]["choice"]) for e in data["decisions"]["edges"]] == [
            ("JOB_OFFER", "Declined the offer: Senior Python Engineer at Globex")
        ]
        assert data["milestones"]["totalCount"] == 0 and data["journey"] is None

    async def test_declining_before_an_offer_is_not_a_decision(self, client):
        # given
        user = await signed_up(client)
        job_id = await create_job(user)
        application_id = (await create_application(user, job_id, status="APPLIED"))["application"]["id"]
        # when
        await user.gql(STATUS, {"input": {"id": application_id, "status": "DECLINED"}})
        # then
        assert (await memory(user))["decisions"]["totalCount"] == 0
