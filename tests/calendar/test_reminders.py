"""The reminders cron: follow-ups due today after the person's local morning and outside quiet hours,
interviews starting within a day; each once, even under two concurrent runs, batched."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from api.calendar.tasks import calendar_reminders
from api.db import read_session, unit_of_work
from api.models import Delivery, NotificationPreference
from tests.support.calendar import applied, create_interview, set_timezone, update_application, update_interview
from tests.support.graphql import db_id, signed_up
from tests.support.statements import counting_statements

NOTIFICATIONS = "query { notifications(first: 20) { totalCount edges { node { kind title body jobId } } } }"
BERLIN = "Europe/Berlin"


def berlin(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(BERLIN)).astimezone(UTC)


async def reminders_of(user) -> list[dict]:
    return [e["node"] for e in (await user.gql(NOTIFICATIONS))["notifications"]["edges"]]


async def follow_up_user(client, on: str, company: str = "Acme"):
    user = await signed_up(client)
    await set_timezone(user, BERLIN)
    application_id = await applied(user, company=company, title="Platform Engineer")
    payload = await update_application(user, id=application_id, followUpOn=on)
    assert payload["errors"] == [], payload
    return user, application_id


class TestWorkerRegistration:
    def test_runs_every_quarter_hour_once_at_a_time(self):
        # given
        from worker.main import worker_settings

        # when
        job = next(c for c in worker_settings()["cron_jobs"] if c.name == "cron:calendar_reminders")
        # then
        assert (job.minute, job.unique) == ({0, 15, 30, 45}, True)


class TestFollowUpReminders:
    async def test_once_per_day_under_two_concurrent_runs(self, client):
        # given
        user, _ = await follow_up_user(client, "2032-03-10")
        # when
        await asyncio.gather(
            calendar_reminders({}, now=berlin(2032, 3, 10, 9)), calendar_reminders({}, now=berlin(2032, 3, 10, 9))
        )
        await calendar_reminders({}, now=berlin(2032, 3, 10, 15))
        # then
        found = await reminders_of(user)
        assert [(n["kind"], n["title"]) for n in found] == [("follow_up_due", "Follow up: Acme")]
        assert "Platform Engineer at Acme" in found[0]["body"] and found[0]["jobId"] is not None

    async def test_waits_for_the_local_morning(self, client):
        # given
        user, _ = await follow_up_user(client, "2032-04-10")
        # when
        await calendar_reminders({}, now=berlin(2032, 4, 10, 7, 30))
        early = await reminders_of(user)
        await calendar_reminders({}, now=berlin(2032, 4, 10, 8, 15))
        # then
        assert early == []
        assert len(await reminders_of(user)) == 1

    async def test_waits_out_quiet_hours(self, client):
        # given: quiet from 08:00 to 12:00
        user, _ = await follow_up_user(client, "2032-05-10")
        async with unit_of_work() as session:
            session.add(NotificationPreference(user_id=db_id(user.user_id), quiet_hours_start=time(8), quiet_hours_end=time(12)))
        # when
        await calendar_reminders({}, now=berlin(2032, 5, 10, 9))
        quiet = await reminders_of(user)
        await calendar_reminders({}, now=berlin(2032, 5, 10, 12, 15))
        # then
        assert quiet == []
        assert len(await reminders_of(user)) == 1

    async def test_a_future_follow_up_is_not_reminded_yet(self, client):
        # given
        user, _ = await follow_up_user(client, "2032-06-11")
        # when
        await calendar_reminders({}, now=berlin(2032, 6, 10, 9))
        # then
        assert await reminders_of(user) == []

    async def test_other_channels_get_one_delivery(self, client):
        # given: follow-ups also by email (not configured here, so recorded as skipped)
        user, _ = await follow_up_user(client, "2032-07-10")
        user_id = db_id(user.user_id)
        channels = {"follow_ups": ["in_app", "email"]}
        async with unit_of_work() as session:
            session.add(NotificationPreference(user_id=user_id, channels=channels))
        # when
        await asyncio.gather(
            calendar_reminders({}, now=berlin(2032, 7, 10, 9)), calendar_reminders({}, now=berlin(2032, 7, 10, 9))
        )
        # then
        async with read_session() as session:
            deliveries = list((await session.execute(select(Delivery).where(Delivery.user_id == user_id))).scalars())
        assert [(d.channel, d.topic, d.subject, d.status) for d in deliveries] == [
            ("email", "follow_ups", "Follow up: Acme", "skipped")
        ]

    async def test_statements_do_not_grow_with_the_batch(self, client):
        # given: 2 follow-ups due on one day, 8 on another
        for i in range(2):
            await follow_up_user(client, "2033-01-10", company=f"Small {i}")
        for i in range(8):
            await follow_up_user(client, "2033-02-10", company=f"Large {i}")
        counts = {}
        # when
        for n, now in ((2, berlin(2033, 1, 10, 9)), (8, berlin(2033, 2, 10, 9))):
            async with counting_statements() as statements:
                raised = await calendar_reminders({}, now=now)
            assert raised == n
            counts[n] = len(statements)
        # then
        assert counts[2] == counts[8], counts


class TestInterviewReminders:
    async def test_once_within_a_day_of_the_start_under_two_concurrent_runs(self, client):
        # given: an interview at 10:00 Berlin on 11 March
        user = await signed_up(client)
        await set_timezone(user, BERLIN)
        application_id = await applied(user, company="Acme", title="Platform Engineer")
        await create_interview(user, application_id, startsAt="2032-03-11T10:00:00+01:00", timezone=BERLIN)
        # when: the day before at 09:00 (25 hours ahead), then at 12:00 twice, then later
        await calendar_reminders({}, now=berlin(2032, 3, 10, 9))
        too_early = await reminders_of(user)
        await asyncio.gather(
            calendar_reminders({}, now=berlin(2032, 3, 10, 12)), calendar_reminders({}, now=berlin(2032, 3, 10, 12))
        )
        await calendar_reminders({}, now=berlin(2032, 3, 10, 18))
        # then
        assert too_early == []
        found = await reminders_of(user)
        assert [(n["kind"], n["title"]) for n in found] == [("interview_soon", "Interview soon: Platform Engineer at Acme")]
        assert found[0]["body"].endswith("starts Thu 11 Mar, 10:00 (Europe/Berlin).")

    async def test_a_moved_interview_is_reminded_again(self, client):
        # given: reminded once
        user = await signed_up(client)
        await set_timezone(user, BERLIN)
        application_id = await applied(user)
        interview = (await create_interview(user, application_id, startsAt="2032-08-11T10:00:00+02:00", timezone=BERLIN))[
            "interview"
        ]
        await calendar_reminders({}, now=berlin(2032, 8, 10, 12))
        # when: moved to the afternoon
        await update_interview(user, interview["id"], startsAt="2032-08-11T15:00:00+02:00")
        await calendar_reminders({}, now=berlin(2032, 8, 10, 16))
        # then
        assert [n["kind"] for n in await reminders_of(user)] == ["interview_soon", "interview_soon"]

    async def test_quiet_hours_hold_it_back_only_while_there_is_time(self, client):
        # given: quiet 22:00-07:00; one interview at 06:30, one at 10:00 the next morning
        user = await signed_up(client)
        await set_timezone(user, BERLIN)
        early = await applied(user, company="Early Bird")
        late = await applied(user, company="Late Riser")
        await create_interview(user, early, startsAt="2032-09-11T06:30:00+02:00", timezone=BERLIN)
        await create_interview(user, late, startsAt="2032-09-11T10:00:00+02:00", timezone=BERLIN)
        # when: at 23:00, in quiet hours
        await calendar_reminders({}, now=berlin(2032, 9, 10, 23))
        at_night = await reminders_of(user)
        await calendar_reminders({}, now=berlin(2032, 9, 11, 7))
        # then: the 06:30 one could not wait; the 10:00 one came after quiet hours
        assert [n["title"] for n in at_night] == ["Interview soon: Engineer at Early Bird"]
        assert [n["title"] for n in await reminders_of(user)] == [
            "Interview soon: Engineer at Late Riser",
            "Interview soon: Engineer at Early Bird",
        ]
