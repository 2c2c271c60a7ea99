"""Follow-up dates: applied + 7 local days, editable, cleared when the status moves on, and the
viewer's list of follow-ups due in their own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from api.application.service import default_follow_up
from api.dates import local_today, to_datetime
from tests.support.calendar import FOLLOW_UPS_DUE, applied, move, set_timezone, update_application
from tests.support.graphql import signed_up
from tests.support.jobs import create_application, create_job
from tests.support.statements import counting_statements


class TestDefaultFollowUp:
    def test_is_seven_days_after_the_local_date_of_applying(self):
        # given: 23:30 UTC on 1 March is already 2 March in Berlin
        applied_at = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)
        # when
        berlin, los_angeles = default_follow_up(applied_at, "Europe/Berlin"), default_follow_up(applied_at, "America/Los_Angeles")
        # then
        assert berlin == date(2025, 3, 9)
        assert los_angeles == date(2025, 3, 8)


class TestFollowUpOnStatus:
    async def test_created_as_applied_gets_applied_plus_seven_days(self, client):
        # given
        user = await signed_up(client)
        await set_timezone(user, "Pacific/Kiritimati")
        job_id = await create_job(user)
        # when
        application = (await create_application(user, job_id, status="APPLIED"))["application"]
        # then
        applied_at = to_datetime(application["appliedAt"])
        assert applied_at is not None
        expected = default_follow_up(applied_at, "Pacific/Kiritimati")
        assert (await update_application(user, id=application["id"]))["application"]["followUpOn"] == expected.isoformat()

    async def test_moving_to_applied_sets_it_and_moving_on_clears_it(self, client):
        # given
        user = await signed_up(client)
        application_id = (await create_application(user, await create_job(user)))["application"]["id"]
        # when
        entered = await move(user, application_id, "APPLIED")
        moved_on = await move(user, application_id, "INTERVIEW")
        # then
        assert entered["application"]["followUpOn"] == (local_today("UTC") + timedelta(days=7)).isoformat()
        assert moved_on["errors"] == [] and moved_on["application"]["followUpOn"] is None

    async def test_an_interested_application_has_none(self, client):
        # given
        user = await signed_up(client)
        job_id = await create_job(user)
        # when
        application = (await create_application(user, job_id))["application"]
        # then
        assert (await update_application(user, id=application["id"]))["application"]["followUpOn"] is None


class TestFollowUpEdit:
    async def test_a_later_date_is_kept_and_null_clears_it(self, client):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        later = (local_today("UTC") + timedelta(days=3)).isoformat()
        # when
        edited = await update_application(user, id=application_id, followUpOn=later)
        cleared = await update_application(user, id=application_id, followUpOn=None)
        # then
        assert edited["errors"] == [] and edited["application"]["followUpOn"] == later
        assert cleared["errors"] == [] and cleared["application"]["followUpOn"] is None

    async def test_notes_alone_leave_the_follow_up_as_it_is(self, client):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        # when
        payload = await update_application(user, id=application_id, notes="Called the recruiter")
        # then
        assert payload["application"]["notes"] == "Called the recruiter"
        assert payload["application"]["followUpOn"] == (local_today("UTC") + timedelta(days=7)).isoformat()

    async def test_a_date_before_applying_is_refused_and_nothing_changes(self, client):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        today = local_today("UTC")
        # when
        payload = await update_application(
            user, id=application_id, followUpOn=(today - timedelta(days=1)).isoformat(), notes="changed"
        )
        # then
        assert payload["application"] is None
        assert payload["errors"] == [
            {
                "field": "followUpOn",
                "message": f"The follow-up date cannot be before the date you applied ({today.isoformat()})",
                "code": "OUT_OF_RANGE",
            }
        ]
        unchanged = (await update_application(user, id=application_id))["application"]
        assert unchanged["notes"] == "" and unchanged["followUpOn"] == (today + timedelta(days=7)).isoformat()

    async def test_an_application_not_applied_gets_no_follow_up(self, client):
        # given
        user = await signed_up(client)
        application_id = (await create_application(user, await create_job(user)))["application"]["id"]
        # when
        payload = await update_application(user, id=application_id, followUpOn=local_today("UTC").isoformat())
        # then
        assert payload["errors"] == [
            {"field": "followUpOn", "message": "Only an applied application has a follow-up date", "code": "INVALID"}
        ]

    async def test_another_users_application_is_not_found(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        application_id = await applied(owner)
        # when
        payload = await update_application(other, id=application_id, followUpOn=None)
        # then
        assert payload["errors"] == [{"field": "id", "message": "Application not found", "code": "NOT_FOUND"}]


class TestFollowUpsDue:
    async def test_due_is_judged_by_the_viewers_own_today(self, client):
        # given: both follow up on Kiritimati's today (UTC+14), which is always tomorrow or later in Pago Pago (UTC-11)
        ahead, behind = await signed_up(client), await signed_up(client)
        await set_timezone(ahead, "Pacific/Kiritimati")
        await set_timezone(behind, "Pacific/Pago_Pago")
        day = local_today("Pacific/Kiritimati").isoformat()
        for user in (ahead, behind):
            payload = await update_application(user, id=await applied(user), followUpOn=day)
            assert payload["errors"] == [], payload
        # when
        due_ahead = (await ahead.gql(FOLLOW_UPS_DUE))["viewer"]["followUpsDue"]
        due_behind = (await behind.gql(FOLLOW_UPS_DUE))["viewer"]["followUpsDue"]
        # then
        assert [a["followUpOn"] for a in due_ahead] == [day]
        assert due_behind == []

    async def test_oldest_first_and_only_applied_ones(self, client):
        # given
        user = await signed_up(client)
        today = local_today("UTC")
        first = await applied(user, company="First")
        second = await applied(user, company="Second")
        not_yet = await applied(user, company="Later")
        moved = await applied(user, company="Moved")
        await update_application(user, id=second, followUpOn=today.isoformat())
        await update_application(user, id=first, followUpOn=today.isoformat())
        await update_application(user, id=not_yet, followUpOn=(today + timedelta(days=1)).isoformat())
        await update_application(user, id=moved, followUpOn=today.isoformat())
        await move(user, moved, "INTERVIEW")
        # when
        due = (await user.gql(FOLLOW_UPS_DUE))["viewer"]["followUpsDue"]
        # then: same date, then by id (the first applied first)
        assert [a["job"]["company"] for a in due] == ["First", "Second"]

    async def test_statement_count_does_not_grow_with_the_list(self, client):
        # given
        small, large = await signed_up(client), await signed_up(client)
        today = local_today("UTC").isoformat()
        for user, n in ((small, 2), (large, 12)):
            for i in range(n):
                await update_application(user, id=await applied(user, company=f"Co {i}"), followUpOn=today)
        counts = {}
        # when
        for user, n in ((small, 2), (large, 12)):
            async with counting_statements() as statements:
                due = (await user.gql(FOLLOW_UPS_DUE))["viewer"]["followUpsDue"]
            assert len(due) == n
            counts[n] = len(statements)
        # then
        assert counts[2] == counts[12], counts
