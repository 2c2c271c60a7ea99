"""Interview appointments: create, change, remove, with validation and ownership; the application's
interviews and the viewer's upcoming ones, with constant statement counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.calendar import INTERVIEW_DELETE, UPCOMING, applied, create_interview, update_interview
from tests.support.graphql import signed_up
from tests.support.jobs import create_application, create_job
from tests.support.statements import counting_statements

APPLICATION_INTERVIEWS = """
query Board {
  applications(first: 100) { edges { node { id status interviews { id startsAt kind application { id } } } } }
}
"""


def starts(hours: float) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).replace(microsecond=0).isoformat()


class TestInterviewAppointmentCreate:
    async def test_schedules_an_interview_and_leaves_the_status_alone(self, client):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        # when
        payload = await create_interview(
            user,
            application_id,
            startsAt="2030-07-01T10:00:00+02:00",
            timezone="Europe/Berlin",
            durationMinutes=45,
            kind="TECHNICAL",
            location="Acme HQ, Berlin",
            link="https://meet.example.com/abc",
            notes="Bring the portfolio",
        )
        # then
        assert payload["errors"] == []
        interview = payload["interview"]
        assert interview["startsAt"] == "2030-07-01T08:00:00+00:00"
        assert (interview["timezone"], interview["durationMinutes"], interview["kind"]) == ("Europe/Berlin", 45, "TECHNICAL")
        assert (interview["location"], interview["link"], interview["notes"]) == (
            "Acme HQ, Berlin",
            "https://meet.example.com/abc",
            "Bring the portfolio",
        )
        assert interview["application"] == {"id": application_id, "status": "APPLIED"}

    async def test_defaults_to_an_hour_of_another_kind(self, client):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        # when
        interview = (await create_interview(user, application_id))["interview"]
        # then
        assert (interview["durationMinutes"], interview["kind"], interview["location"], interview["link"]) == (
            60,
            "OTHER",
            "",
            "",
        )

    async def test_every_bad_field_is_reported_and_nothing_is_written(self, client):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        # when
        payload = await create_interview(
            user,
            application_id,
            startsAt="2030-07-01T10:00:00",
            timezone="CEST",
            durationMinutes=4,
            link="javascript:alert(1)",
            location="x" * 301,
        )
        # then
        assert payload["interview"] is None
        assert {(e["field"], e["code"]) for e in payload["errors"]} == {
            ("startsAt", "INVALID"),
            ("timezone", "INVALID"),
            ("durationMinutes", "OUT_OF_RANGE"),
            ("link", "INVALID"),
            ("location", "TOO_LONG"),
        }
        assert (await user.gql(APPLICATION_INTERVIEWS))["applications"]["edges"][0]["node"]["interviews"] == []

    async def test_a_day_long_interview_is_the_longest(self, client):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        # when
        longest = await create_interview(user, application_id, durationMinutes=1440)
        too_long = await create_interview(user, application_id, durationMinutes=1441)
        # then
        assert longest["errors"] == []
        assert too_long["errors"] == [
            {"field": "durationMinutes", "message": "The duration must be 5 to 1440 minutes", "code": "OUT_OF_RANGE"}
        ]

    async def test_only_http_links(self, client):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        # when
        payload = await create_interview(user, application_id, link="ftp://files.example.com/brief")
        # then
        assert payload["errors"] == [{"field": "link", "message": "The link must be an http(s) address", "code": "INVALID"}]

    async def test_another_users_application_is_not_found(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        application_id = await applied(owner)
        # when
        payload = await create_interview(other, application_id)
        # then
        assert payload["errors"] == [{"field": "applicationId", "message": "Application not found", "code": "NOT_FOUND"}]
        assert (await owner.gql(APPLICATION_INTERVIEWS))["applications"]["edges"][0]["node"]["interviews"] == []


class TestInterviewAppointmentUpdate:
    async def test_only_given_fields_change(self, client):
        # given
        user = await signed_up(client)
        interview = (await create_interview(user, await applied(user), notes="Ask about the team"))["interview"]
        # when
        payload = await update_interview(user, interview["id"], startsAt="2030-07-02T09:30:00-04:00", timezone="America/New_York")
        # then
        assert payload["errors"] == []
        changed = payload["interview"]
        assert (changed["startsAt"], changed["timezone"]) == ("2030-07-02T13:30:00+00:00", "America/New_York")
        assert (changed["notes"], changed["durationMinutes"]) == ("Ask about the team", 60)

    async def test_a_required_field_cannot_be_emptied(self, client):
        # given
        user = await signed_up(client)
        interview = (await create_interview(user, await applied(user)))["interview"]
        # when
        payload = await update_interview(user, interview["id"], timezone=None)
        # then
        assert payload["errors"] == [{"field": "timezone", "message": "Timezone cannot be empty", "code": "REQUIRED"}]

    async def test_another_users_interview_is_not_found(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        interview = (await create_interview(owner, await applied(owner)))["interview"]
        # when
        payload = await update_interview(other, interview["id"], notes="mine now")
        # then
        assert payload["errors"] == [{"field": "id", "message": "Interview not found", "code": "NOT_FOUND"}]


class TestInterviewAppointmentDelete:
    async def test_removes_it(self, client):
        # given
        user = await signed_up(client)
        interview = (await create_interview(user, await applied(user)))["interview"]
        # when
        payload = (await user.gql(INTERVIEW_DELETE, {"input": {"id": interview["id"]}}))["interviewAppointmentDelete"]
        # then
        assert payload == {"deletedId": interview["id"], "errors": []}
        assert (await user.gql(APPLICATION_INTERVIEWS))["applications"]["edges"][0]["node"]["interviews"] == []

    async def test_another_users_interview_is_not_found_and_stays(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        interview = (await create_interview(owner, await applied(owner)))["interview"]
        # when
        payload = (await other.gql(INTERVIEW_DELETE, {"input": {"id": interview["id"]}}))["interviewAppointmentDelete"]
        # then
        assert payload == {"deletedId": None, "errors": [{"field": "id", "message": "Interview not found", "code": "NOT_FOUND"}]}
        assert len((await owner.gql(APPLICATION_INTERVIEWS))["applications"]["edges"][0]["node"]["interviews"]) == 1


class TestApplicationInterviews:
    async def test_soonest_first(self, client):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        await create_interview(user, application_id, startsAt="2030-07-03T10:00:00+00:00", kind="FINAL")
        await create_interview(user, application_id, startsAt="2030-07-01T10:00:00+00:00", kind="PHONE_SCREEN")
        # when
        node = (await user.gql(APPLICATION_INTERVIEWS))["applications"]["edges"][0]["node"]
        # then
        assert [i["kind"] for i in node["interviews"]] == ["PHONE_SCREEN", "FINAL"]
        assert all(i["application"]["id"] == application_id for i in node["interviews"])

    async def test_statement_count_does_not_grow_with_the_board(self, client):
        # given: 2 and 10 applications with 2 interviews each
        small, large = await signed_up(client), await signed_up(client)
        for user, n in ((small, 2), (large, 10)):
            for i in range(n):
                application_id = await applied(user, company=f"Co {i}")
                await create_interview(user, application_id)
                await create_interview(user, application_id, kind="FINAL")
        counts = {}
        # when
        for user, n in ((small, 2), (large, 10)):
            async with counting_statements() as statements:
                edges = (await user.gql(APPLICATION_INTERVIEWS))["applications"]["edges"]
            assert len(edges) == n and all(len(e["node"]["interviews"]) == 2 for e in edges)
            counts[n] = len(statements)
        # then
        assert counts[2] == counts[10], counts


class TestUpcomingInterviews:
    async def test_from_now_on_soonest_first(self, client):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        await create_interview(user, application_id, startsAt=starts(-2), kind="PHONE_SCREEN")
        await create_interview(user, application_id, startsAt=starts(48), kind="FINAL")
        await create_interview(user, application_id, startsAt=starts(3), kind="TECHNICAL")
        # when
        upcoming = (await user.gql(UPCOMING))["viewer"]["upcomingInterviews"]
        # then
        assert upcoming["totalCount"] == 2
        assert [e["node"]["kind"] for e in upcoming["edges"]] == ["TECHNICAL", "FINAL"]

    async def test_another_users_interviews_are_not_listed(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        await create_interview(owner, await applied(owner), startsAt=starts(5))
        # when
        upcoming = (await other.gql(UPCOMING))["viewer"]["upcomingInterviews"]
        # then
        assert upcoming["totalCount"] == 0

    async def test_statement_count_does_not_grow_with_the_page(self, client):
        # given
        user = await signed_up(client)
        for i in range(10):
            job_id = await create_job(user, company=f"Co {i}")
            application_id = (await create_application(user, job_id, status="APPLIED"))["application"]["id"]
            await create_interview(user, application_id, startsAt=starts(5 + i))
        counts = {}
        # when
        for n in (2, 10):
            async with counting_statements() as statements:
                edges = (await user.gql(UPCOMING, {"first": n}))["viewer"]["upcomingInterviews"]["edges"]
            assert len(edges) == n and all(e["node"]["application"]["job"]["title"] for e in edges)
            counts[n] = len(statements)
        # then
        assert counts[2] == counts[10], counts
