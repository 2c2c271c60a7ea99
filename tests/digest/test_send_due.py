"""The digest run on a controllable clock: one briefing and one summary per local date across DST
changes in three zones, at the right local times; racing and retried runs write nothing twice;
vacation and disabled kinds; statement counts constant in the number of people."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update

from api.db import unit_of_work
from api.digest.tasks import send_due
from api.models import NotificationPreference
from tests.digest.seeding import (
    add_application,
    add_goal,
    add_interview,
    add_job,
    deliveries,
    digests,
    new_person,
    notifications,
    preferences,
    set_preferences,
    wall,
)
from tests.support.statements import counting_statements

STEP = timedelta(minutes=30)


async def run_clock(user_id: int, start: datetime, days: int) -> None:
    """Every STEP from `start` for `days` days, a digest run for this person only."""
    now = start
    while now < start + timedelta(days=days):
        await send_due(now, only=[user_id])
        now += STEP


def local_times(found, zone: str, kind: str) -> dict[date, datetime]:
    """local date -> the local time the digest of that kind was written at (one per date, checked)."""
    rows = [d for d in found if d.kind == kind]
    by_date = {d.local_date: d.created_at.astimezone(ZoneInfo(zone)) for d in rows}
    assert len(by_date) == len(rows), "two digests of one kind on one local date"
    return by_date


def written_within(moment: datetime, expected: time) -> bool:
    """Written at the first run at or after the expected local time (runs are STEP apart)."""
    wall_time = datetime.combine(moment.date(), expected, tzinfo=moment.tzinfo)
    return timedelta(0) <= moment - wall_time < STEP


class TestAcrossDaylightSavingTime:
    async def test_los_angeles_springs_forward_and_a_missing_0230_briefing_comes_at_0330(self):
        # given a person in Los Angeles, briefing at 02:30 (it does not exist on 8 March 2026), summary at 19:00
        zone = "America/Los_Angeles"
        user = await new_person(zone, morning_time=wall("02:30"), send_when_quiet=True)
        # when the clock runs from 6 March 12:00 to 10 March 12:00 local
        await run_clock(user, datetime(2026, 3, 6, 20, 0, tzinfo=UTC), days=4)
        # then one of each per local date, at 02:30 — 03:30 on the day 02:30 does not exist
        found = await digests(user)
        mornings, evenings = local_times(found, zone, "morning"), local_times(found, zone, "evening")
        assert sorted(mornings) == [date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 9), date(2026, 3, 10)]
        assert sorted(evenings) == [date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 9)]
        assert written_within(mornings[date(2026, 3, 7)], time(2, 30))
        assert written_within(mornings[date(2026, 3, 8)], time(3, 30))
        assert written_within(mornings[date(2026, 3, 9)], time(2, 30))
        assert all(written_within(moment, time(19)) for moment in evenings.values())

    async def test_berlin_springs_forward_and_the_times_stay_local(self):
        # given a person in Berlin with the default times (07:30, 19:00)
        zone = "Europe/Berlin"
        user = await new_person(zone, send_when_quiet=True)
        # when the clock runs from 27 March 12:00 to 31 March 12:00 local (DST starts on the 29th)
        await run_clock(user, datetime(2026, 3, 27, 11, 0, tzinfo=UTC), days=4)
        # then
        found = await digests(user)
        mornings, evenings = local_times(found, zone, "morning"), local_times(found, zone, "evening")
        assert sorted(mornings) == [date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30), date(2026, 3, 31)]
        assert sorted(evenings) == [date(2026, 3, 27), date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)]
        assert all(written_within(moment, time(7, 30)) for moment in mornings.values())
        assert all(written_within(moment, time(19)) for moment in evenings.values())
        # the UTC hour moved with the clocks
        assert mornings[date(2026, 3, 28)].astimezone(UTC).hour == 6
        assert mornings[date(2026, 3, 30)].astimezone(UTC).hour == 5

    async def test_auckland_falls_back_and_a_twice_happening_0230_briefing_comes_once_at_the_first(self):
        # given a person in Auckland, briefing at 02:30 (it happens twice on 5 April 2026)
        zone = "Pacific/Auckland"
        user = await new_person(zone, morning_time=wall("02:30"), send_when_quiet=True)
        # when the clock runs from 3 April 12:00 to 7 April 12:00 local
        await run_clock(user, datetime(2026, 4, 2, 23, 0, tzinfo=UTC), days=4)
        # then one per local date; on the 5th at the first 02:30 (still daylight time, +13:00)
        found = await digests(user)
        mornings, evenings = local_times(found, zone, "morning"), local_times(found, zone, "evening")
        assert sorted(mornings) == [date(2026, 4, 4), date(2026, 4, 5), date(2026, 4, 6), date(2026, 4, 7)]
        assert sorted(evenings) == [date(2026, 4, 3), date(2026, 4, 4), date(2026, 4, 5), date(2026, 4, 6)]
        assert all(written_within(moment, time(2, 30)) for moment in mornings.values())
        assert mornings[date(2026, 4, 5)].utcoffset() == timedelta(hours=13)
        assert all(written_within(moment, time(19)) for moment in evenings.values())


NOW = datetime(2026, 6, 2, 7, 31, tzinfo=UTC)  # a Tuesday, 07:31 UTC


async def due_person(**preferences) -> int:
    """A person in UTC whose briefing was due a minute ago (summary tonight)."""
    return await new_person(
        "UTC", next_morning_at=NOW - timedelta(minutes=1), next_evening_at=NOW + timedelta(hours=12), **preferences
    )


class TestOnceOnly:
    async def test_two_runs_on_the_same_tick_write_one_briefing_per_person(self):
        # given twelve people due, in batches of five
        people = [await due_person(send_when_quiet=True) for _ in range(12)]
        # when two workers run on the same tick
        first, second = await asyncio.gather(send_due(NOW, batch_size=5, only=people), send_due(NOW, batch_size=5, only=people))
        # then each person has exactly one briefing and one notification
        assert first.sent + second.sent == 12
        for person in people:
            assert [d.kind for d in await digests(person)] == ["morning"]
            assert [n.kind for n in await notifications(person)] == ["digest"]
            assert (await preferences(person)).next_morning_at == datetime(2026, 6, 3, 7, 30, tzinfo=UTC)

    async def test_a_retried_run_writes_nothing_new(self):
        # given a person whose briefing was written
        person = await due_person(send_when_quiet=True)
        await send_due(NOW, only=[person])
        # when a restarted worker finds the old schedule again and runs
        await set_preferences(person, next_morning_at=NOW - timedelta(minutes=1))
        again = await send_due(NOW + timedelta(minutes=5), only=[person])
        # then nothing new: one digest, one notification, and the schedule moved on
        assert again.sent == 0
        assert len(await digests(person)) == 1
        assert len(await notifications(person)) == 1
        assert (await preferences(person)).next_morning_at == datetime(2026, 6, 3, 7, 30, tzinfo=UTC)

    async def test_a_new_person_is_scheduled_first_not_sent_at_once(self):
        # given a person without a next instant, at 07:31 UTC (after today's 07:30)
        person = await new_person("UTC", send_when_quiet=True)
        # when
        run = await send_due(NOW, only=[person])
        # then
        assert run.sent == 0
        found = await preferences(person)
        assert found.next_morning_at == datetime(2026, 6, 3, 7, 30, tzinfo=UTC)
        assert found.next_evening_at == datetime(2026, 6, 2, 19, 0, tzinfo=UTC)


class TestNotSent:
    async def test_nothing_worth_saying_is_no_digest_but_the_schedule_moves_on(self):
        # given
        person = await due_person()
        # when
        run = await send_due(NOW, only=[person])
        # then
        assert (run.sent, run.quiet) == (0, 1)
        assert await digests(person) == []
        assert (await preferences(person)).next_morning_at == datetime(2026, 6, 3, 7, 30, tzinfo=UTC)

    async def test_on_vacation_through_today_there_is_no_digest_and_the_schedule_moves_on(self):
        # given
        person = await due_person(send_when_quiet=True, vacation_until=NOW.date())
        # when
        run = await send_due(NOW, only=[person])
        # then
        assert (run.sent, run.skipped) == (0, 1)
        assert await digests(person) == []
        assert (await preferences(person)).next_morning_at == datetime(2026, 6, 3, 7, 30, tzinfo=UTC)

    async def test_the_day_after_the_vacation_the_briefing_comes(self):
        # given
        person = await due_person(send_when_quiet=True, vacation_until=NOW.date() - timedelta(days=1))
        # when
        run = await send_due(NOW, only=[person])
        # then
        assert run.sent == 1

    async def test_a_disabled_briefing_is_never_scheduled_nor_sent(self):
        # given a person who turned the briefing off (the summary stays on)
        person = await new_person("UTC", send_when_quiet=True, morning_enabled=False)
        # when the clock runs through a day
        now = NOW
        while now < NOW + timedelta(days=1):
            await send_due(now, only=[person])
            now += timedelta(hours=1)
        # then
        assert [d.kind for d in await digests(person)] == ["evening"]
        assert (await preferences(person)).next_morning_at is None

    async def test_a_digest_due_long_ago_is_skipped(self):
        # given the worker was away for a day
        person = await new_person("UTC", send_when_quiet=True, next_morning_at=NOW - timedelta(days=1))
        # when
        run = await send_due(NOW, only=[person])
        # then
        assert (run.sent, run.skipped) == (0, 1)
        assert (await preferences(person)).next_morning_at == datetime(2026, 6, 3, 7, 30, tzinfo=UTC)


class TestWhatIsSent:
    async def test_a_briefing_with_matches_follow_ups_and_interviews_links_its_notification(self):
        # given a strong match, a follow-up due today and an interview at 14:00
        person = await due_person()
        await add_job(person, "Platform Engineer", score=91, scored_at=NOW - timedelta(hours=3))
        await add_job(person, "Weak", score=40, scored_at=NOW - timedelta(hours=3))
        await add_application(person, "Backend Engineer", follow_up_on=NOW.date())
        application = await add_application(person, "SRE", status="interview")
        await add_interview(person, application, datetime(2026, 6, 2, 14, 0, tzinfo=UTC))
        # when
        await send_due(NOW, only=[person])
        # then
        (digest,) = await digests(person)
        assert digest.subject == "Your morning briefing — Tue 2 Jun: 1 strong match, 1 interview, 1 follow-up"
        assert [s["key"] for s in digest.sections] == ["matches", "follow_ups", "interviews"]
        assert digest.sections[0]["items"][0]["text"] == "Platform Engineer at Acme — 91/100"
        assert digest.sections[2]["items"][0]["text"] == "14:00 Technical interview with Acme"
        (notification,) = await notifications(person)
        assert (notification.kind, notification.title, notification.dedupe_key) == (
            "digest",
            digest.subject,
            f"digest:{digest.id}",
        )

    async def test_matches_are_new_since_the_last_briefing(self):
        # given yesterday's briefing mentioned a match; a new one came since
        person = await due_person(send_when_quiet=True)
        await add_job(person, "Old match", score=90, scored_at=NOW - timedelta(days=1, hours=1))
        await set_preferences(person, next_morning_at=NOW - timedelta(days=1, minutes=1))
        await send_due(NOW - timedelta(days=1), only=[person])
        await set_preferences(person, next_morning_at=NOW - timedelta(minutes=1))
        await add_job(person, "New match", score=88, scored_at=NOW - timedelta(hours=2))
        # when
        await send_due(NOW, only=[person])
        # then
        yesterday, today = await digests(person)
        assert [i["text"] for i in yesterday.sections[0]["items"]] == ["Old match at Acme — 90/100"]
        assert [i["text"] for i in today.sections[0]["items"]] == ["New match at Acme — 88/100"]

    async def test_email_chosen_for_digests_is_recorded_as_a_delivery(self):
        # given a person who chose email for digests (not verified: the delivery says why it was skipped)
        person = await due_person(
            send_when_quiet=True,
            channels={
                "job_alerts": ["in_app"],
                "insights": ["in_app"],
                "digests": ["in_app", "email"],
                "follow_ups": ["in_app"],
                "application_updates": ["in_app"],
            },
        )
        # when
        await send_due(NOW, only=[person])
        # then
        (digest,) = await digests(person)
        (delivery,) = await deliveries(person)
        assert (delivery.channel, delivery.topic, delivery.digest_id, delivery.dedupe_key) == (
            "email",
            "digests",
            digest.id,
            f"digest:{digest.id}:email",
        )
        assert delivery.status == "skipped"


class TestStatements:
    async def test_a_batch_costs_the_same_statements_for_three_people_as_for_twelve(self):
        # given two groups of due people with goals, progress, jobs and applications
        async def group(size: int) -> list[int]:
            people = []
            for _ in range(size):
                person = await due_person()
                await add_goal(person, "Learn Kubernetes", logged=[(NOW - timedelta(days=1), 5)])
                await add_job(person, "Platform Engineer", score=91, scored_at=NOW - timedelta(hours=3))
                await add_application(person, "Backend Engineer", follow_up_on=NOW.date())
                async with unit_of_work() as session:
                    await session.execute(
                        update(NotificationPreference)
                        .where(NotificationPreference.user_id == person)
                        .values(next_evening_at=NOW - timedelta(minutes=1))
                    )
                people.append(person)
            return people

        small, large = await group(3), await group(12)
        # when
        async with counting_statements() as few:
            small_run = await send_due(NOW, only=small)
        async with counting_statements() as many:
            large_run = await send_due(NOW, only=large)
        # then
        assert (small_run.sent, large_run.sent) == (6, 24)
        assert len(few) == len(many)
