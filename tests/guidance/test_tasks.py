"""The worker side of guidance: registration, an event that leads to insights and a live alert
(real arq worker), and the hourly cron that evaluates only the users who are due."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update

from api.db import unit_of_work
from api.guidance import repository
from api.models import GuidanceSetting, NotificationPreference
from api.notification import repository as notification_repository
from tests.guidance.seeding import (
    NO_QUIET_HOURS,
    add_application,
    add_goal,
    add_preferences,
    alerts,
    insights,
    new_user,
    settings_of,
)
from tests.support.career import PROGRESS_LOG
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import PROFILE_UPDATE
from tests.support.waiting import eventually


class TestWorkerRegistration:
    def test_event_and_market_jobs_are_functions_and_the_due_evaluation_an_hourly_cron(self):
        # given
        from worker.main import worker_settings

        # when
        settings = worker_settings()
        # then
        assert {
            "guidance_evaluate_user",
            "guidance_evaluate_market",
            "guidance_reschedule",
            "insight_rephrase",
        } <= {f.name for f in settings["functions"]}
        due = next(c for c in settings["cron_jobs"] if c.name == "cron:guidance_evaluate_due")
        assert (due.minute, due.unique) == (0, True)


class TestProgressEvent:
    async def test_logging_progress_after_a_long_quiet_leads_to_a_check_in_and_an_alert(self, client, worker):
        # given a goal started 40 days ago, due in 10 days, untouched; no quiet hours
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        async with unit_of_work() as session:
            await add_preferences(session, user_id, **NO_QUIET_HOURS)
        today = datetime.now(UTC).date()
        goal_id = await add_goal(
            user_id,
            "Kubernetes",
            started_on=today - timedelta(days=40),
            target_date=today + timedelta(days=10),
            created_at=datetime.now(UTC) - timedelta(days=40),
        )
        goal = base64.b64encode(f"Goal:{goal_id}".encode()).decode()
        # when the person logs a session from a month ago
        logged_at = (datetime.now(UTC) - timedelta(days=30)).isoformat()
        payload = (await user.gql(PROGRESS_LOG, {"input": {"goalId": goal, "amount": 10, "loggedAt": logged_at}}))[
            "goalProgressLog"
        ]
        # then the companion notices: quiet for 30 days, and far behind the target
        assert payload["errors"] == []

        async def written():
            found = await insights(user_id)
            return len(found) == 2 and found

        found = await eventually(written)
        assert sorted(i.kind for i in found) == ["check_in", "warning"]
        check_in = next(i for i in found if i.kind == "check_in")
        assert check_in.title == "You've been quiet on Kubernetes" and "for 30 days" in check_in.message
        deadline = next(i for i in found if i.kind == "warning")
        (alert,) = await alerts(user_id)
        assert (alert.kind, alert.insight_id) == ("insight", deadline.id)


class TestDueEvaluation:
    async def test_the_cron_evaluates_the_users_who_are_due_only(self):
        # given two people with quiet goals, one due an hour ago, one due tomorrow
        from api.guidance.tasks import guidance_evaluate_due

        now = datetime.now(UTC)
        due, later = await new_user(settings=NO_QUIET_HOURS), await new_user(settings=NO_QUIET_HOURS)
        for user, next_at in ((due, now - timedelta(hours=1)), (later, now + timedelta(days=1))):
            await add_goal(user, "Kubernetes", started_on=now.date() - timedelta(days=20))
            async with unit_of_work() as session:
                await session.execute(
                    update(GuidanceSetting).where(GuidanceSetting.user_id == user).values(next_evaluation_at=next_at)
                )
        # when
        evaluated = await guidance_evaluate_due({})
        # then
        assert evaluated >= 1
        assert [i.kind for i in await insights(due)] == ["check_in"]
        assert await insights(later) == []
        assert (await settings_of(due)).next_evaluation_at > now
        assert (await settings_of(later)).next_evaluation_at == now + timedelta(days=1)

    async def test_people_without_settings_get_them_and_are_evaluated(self):
        # given
        from api.guidance.tasks import guidance_evaluate_due

        user = await new_user()
        await add_goal(user, "Kubernetes", started_on=datetime.now(UTC).date() - timedelta(days=20))
        # when
        await guidance_evaluate_due({})
        # then
        assert (await settings_of(user)).last_evaluated_at is not None
        assert [i.kind for i in await insights(user)] == ["check_in"]

    async def test_one_persons_unreadable_data_does_not_stop_the_others(self):
        # given two people due, one with a status change no version of the app ever wrote
        from api.guidance.tasks import RETRY_FAILED_AFTER, guidance_evaluate_due

        now = datetime.now(UTC)
        broken, fine = await new_user(settings=NO_QUIET_HOURS), await new_user(settings=NO_QUIET_HOURS)
        for user in (broken, fine):
            await add_goal(user, "Kubernetes", started_on=now.date() - timedelta(days=20))
            async with unit_of_work() as session:
                await session.execute(
                    update(GuidanceSetting)
                    .where(GuidanceSetting.user_id == user)
                    .values(next_evaluation_at=now - timedelta(hours=1))
                )
        await add_application(broken, changed_at=now - timedelta(days=3), status="interviewing")
        # when
        await guidance_evaluate_due({})
        # then the other person is evaluated, and the broken one is put off instead of failing every batch
        assert [i.kind for i in await insights(fine)] == ["check_in"]
        assert (await settings_of(fine)).last_evaluated_at is not None
        assert await insights(broken) == []
        put_off = (await settings_of(broken)).next_evaluation_at
        assert put_off is not None and put_off >= now + RETRY_FAILED_AFTER - timedelta(seconds=1)


class TestTimeZoneChange:
    async def test_a_new_zone_in_the_profile_moves_the_next_evaluation_to_its_8_oclock(self, client, worker):
        # given a person evaluated in UTC, next at 08:00 UTC
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        before = datetime.now(UTC)
        utc_next = datetime.combine(before.date() + timedelta(days=1), time(8), tzinfo=UTC)
        async with unit_of_work() as session:
            session.add(GuidanceSetting(user_id=user_id, next_evaluation_at=utc_next))
        # when they move to Auckland
        payload = (await user.gql(PROFILE_UPDATE, {"input": {"timezone": "Pacific/Auckland"}}))["profileUpdate"]
        # then the next evaluation is Auckland's next 08:00
        assert payload["errors"] == []

        async def moved():
            found = (await settings_of(user_id)).next_evaluation_at
            return found != utc_next and found

        next_at = await eventually(moved)
        local = next_at.astimezone(ZoneInfo("Pacific/Auckland"))
        assert local.time() == time(8)
        assert before < next_at <= before + timedelta(days=1)

    async def test_guidance_off_stays_without_a_next_evaluation(self):
        # given a person in Auckland (moved there) with guidance off
        from api.guidance.tasks import guidance_reschedule

        user = await new_user("Pacific/Auckland", settings={"level": "off", "next_evaluation_at": datetime.now(UTC)})
        # when
        next_at = await guidance_reschedule({}, user)
        # then
        assert next_at is None
        assert (await settings_of(user)).next_evaluation_at is None

    async def test_a_person_without_settings_gets_none_written(self):
        # given
        from api.guidance.tasks import guidance_reschedule

        user = await new_user("Pacific/Auckland")
        # when
        next_at = await guidance_reschedule({}, user)
        # then they get their settings (and are due at once) with the hourly run, as before
        assert next_at is None
        async with unit_of_work() as session:
            assert await repository.settings_by_user_ids(session, [user]) == {}

    async def test_the_digests_follow_a_new_zone_without_guidance_settings(self):
        # given a person with digests scheduled in their old zone and no guidance settings
        from api.guidance.tasks import guidance_reschedule

        user = await new_user("Pacific/Auckland")
        scheduled = datetime.now(UTC) + timedelta(hours=3)
        async with unit_of_work() as session:
            session.add(NotificationPreference(user_id=user, next_morning_at=scheduled, next_evening_at=scheduled))
        # when
        await guidance_reschedule({}, user)
        # then the digest cron computes both again from the new zone
        async with unit_of_work() as session:
            found = await notification_repository.preferences_by_user_ids(session, [user])
        assert (found[user].next_morning_at, found[user].next_evening_at) == (None, None)
