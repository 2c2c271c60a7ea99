"""The evaluation service against PostgreSQL: batched facts, insights once per fact, live alerts
outside quiet hours, the daily cap, the schedule in each person's time zone, learning."""

from __future__ import annotations

import asyncio
import base64
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import update

from api.db import read_session, unit_of_work
from api.guidance import evaluation, repository, schedule
from api.guidance.facts import Readiness
from api.models import CareerInsight, CareerJourney, GuidanceSetting, SkillSnapshot
from tests.guidance.seeding import NO_QUIET_HOURS, add_application, add_goal, add_insight, alerts, insights, new_user, settings_of
from tests.support.channels import deliveries_of, prefer
from tests.support.statements import counting_statements

NOW = datetime(2025, 3, 18, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


def ago(days: int, hour: int = 20) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days), time(hour), tzinfo=UTC)


async def quiet_goal(user_id: int, title: str = "Kubernetes") -> int:
    """Quiet for 20 days: a check-in (medium)."""
    return await add_goal(user_id, title, started_on=TODAY - timedelta(days=30), progress=5, logged=[(ago(20), 5)])


async def late_goal(user_id: int, title: str = "CKA") -> int:
    """20 points in 30 days, due in 10: deadline at risk (high), and quiet for 10 days."""
    return await add_goal(
        user_id,
        title,
        started_on=TODAY - timedelta(days=30),
        progress=20,
        target_date=TODAY + timedelta(days=10),
        logged=[(ago(28), 5), (ago(20), 5), (ago(12), 5), (ago(10), 5)],
    )


async def evaluate(user_ids: list[int], now: datetime = NOW, **options) -> evaluation.Summary:
    async with unit_of_work() as session:
        return await evaluation.evaluate_users(session, user_ids, now, **options)


async def deliver(now: datetime):
    async with unit_of_work() as session:
        return await evaluation.deliver_pending(session, now)


class TestIdempotency:
    async def test_two_runs_write_one_insight(self):
        # given
        user = await new_user(settings={})
        goal_id = await quiet_goal(user)
        # when
        first = await evaluate([user])
        second = await evaluate([user], NOW + timedelta(days=2))
        # then
        assert len(first.insight_ids) == 1 and second.insight_ids == []
        since = (TODAY - timedelta(days=20)).isoformat()
        assert [i.dedupe_key for i in await insights(user)] == [f"check_in:goal:{goal_id}:since:{since}"]

    async def test_two_concurrent_evaluations_write_one_insight(self):
        # given
        user = await new_user(settings={})
        await quiet_goal(user)
        # when
        results = await asyncio.gather(evaluate([user]), evaluate([user]))
        # then
        assert sorted(len(r.insight_ids) for r in results) == [0, 1]
        assert len(await insights(user)) == 1

    async def test_the_insight_holds_the_rendered_facts(self):
        # given
        user = await new_user(settings={})
        goal_id = await quiet_goal(user)
        # when
        await evaluate([user])
        # then
        (insight,) = await insights(user)
        assert (insight.kind, insight.priority, insight.title) == ("check_in", "medium", "You've been quiet on Kubernetes")
        assert insight.message.startswith("No progress on Kubernetes for 20 days")
        assert {"label": "Quiet for", "value": "20 days"} in insight.evidence
        assert insight.actions[-1] == {"label": "Open “Kubernetes”", "kind": "open", "arguments": {"href": goal_href(goal_id)}}
        assert insight.created_at == NOW and insight.valid_until == NOW + timedelta(days=3)


class TestExpiry:
    async def test_the_same_fact_is_not_raised_again_after_it_expired(self):
        # given a check-in written, expired three days later
        user = await new_user(settings={})
        await quiet_goal(user)
        await evaluate([user])
        # when the goal is still quiet five days on
        later = await evaluate([user], NOW + timedelta(days=5))
        # then
        assert later.insight_ids == []
        assert len(await insights(user)) == 1

    async def test_an_expired_insight_raises_no_late_alert(self):
        # given a high insight held back by quiet hours, then expired
        user = await new_user(settings={"quiet_hours_start": time(11), "quiet_hours_end": time(13)})
        await late_goal(user)
        await evaluate([user])
        async with unit_of_work() as session:
            await session.execute(
                update(CareerInsight).where(CareerInsight.user_id == user).values(valid_until=NOW + timedelta(minutes=30))
            )
        # when quiet hours are over
        await deliver(NOW + timedelta(hours=1, minutes=30))
        # then
        assert await alerts(user) == []


class TestDelivery:
    async def test_a_high_insight_raises_a_live_alert(self):
        # given
        user = await new_user(settings=NO_QUIET_HOURS)
        await late_goal(user)
        # when
        summary = await evaluate([user])
        # then
        found = await insights(user)
        deadline = next(i for i in found if i.kind == "warning")
        (alert,) = await alerts(user)
        assert (alert.kind, alert.insight_id, alert.title, alert.dedupe_key) == (
            "insight",
            deadline.id,
            "CKA may miss " + (TODAY + timedelta(days=10)).isoformat(),
            f"insight:{deadline.id}",
        )
        assert deadline.notified and not next(i for i in found if i.kind == "check_in").notified
        assert [c.id for c in summary.notifications] == [alert.id]

    async def test_the_alert_also_goes_to_the_channels_chosen_for_insights(self):
        # given a person who reads insights on ntfy too
        user = await new_user(settings=NO_QUIET_HOURS)
        await prefer(user, channels={"insights": ["in_app", "ntfy"]}, ntfy_url="https://ntfy.example/cc")
        await late_goal(user)
        # when
        await evaluate([user])
        # then one delivery per alert, keyed by the notification
        (alert,) = await alerts(user)
        [delivery] = await deliveries_of(user)
        assert (delivery.topic, delivery.channel, delivery.notification_id) == ("insights", "ntfy", alert.id)
        assert delivery.dedupe_key == f"notification:{alert.id}:ntfy" and delivery.subject == alert.title

    async def test_an_eager_person_is_alerted_of_medium_insights(self):
        # given
        user = await new_user(settings={**NO_QUIET_HOURS, "level": "eager"})
        await quiet_goal(user)
        # when
        await evaluate([user])
        # then
        assert [a.kind for a in await alerts(user)] == ["insight"]

    async def test_quiet_hours_hold_the_alert_until_they_end(self):
        # given quiet hours 11:00-13:00 UTC, evaluated at 12:00
        user = await new_user(settings={"quiet_hours_start": time(11), "quiet_hours_end": time(13)})
        await late_goal(user)
        # when
        summary = await evaluate([user])
        during = await deliver(NOW + timedelta(minutes=30))
        after = await deliver(NOW + timedelta(hours=1, minutes=5))
        again = await deliver(NOW + timedelta(hours=2))
        # then
        assert summary.deferred == 1 and summary.notifications == []
        assert [c.user_id for c in during if c.user_id == user] == []
        assert [c.user_id for c in after if c.user_id == user] == [user]
        assert [c.user_id for c in again if c.user_id == user] == []
        (alert,) = await alerts(user)
        assert next(i for i in await insights(user) if i.id == alert.insight_id).notified


class TestDailyCap:
    async def test_the_most_important_insights_up_to_the_cap(self):
        # given three rules would speak; the cap is 2
        user = await new_user(settings={**NO_QUIET_HOURS, "daily_cap": 2})
        await late_goal(user)
        await add_application(user, changed_at=ago(9, 9))
        # when
        await evaluate([user])
        await evaluate([user], NOW + timedelta(hours=6))
        # then
        assert [i.dedupe_key.split(":")[0] for i in await insights(user)] == ["deadline_at_risk", "check_in"]

    async def test_the_next_local_day_has_room_again(self):
        # given
        user = await new_user(settings={**NO_QUIET_HOURS, "daily_cap": 1})
        await late_goal(user)
        await add_application(user, changed_at=ago(9, 9))
        await evaluate([user])
        # when
        await evaluate([user], NOW + timedelta(days=1))
        # then
        assert [i.dedupe_key.split(":")[0] for i in await insights(user)] == ["deadline_at_risk", "check_in"]


class TestLevelOff:
    async def test_nothing_is_evaluated_or_sent_and_nothing_is_scheduled(self):
        # given
        user = await new_user(settings={**NO_QUIET_HOURS, "level": "off"})
        await late_goal(user)
        # when
        summary = await evaluate([user])
        # then
        assert (summary.evaluated, summary.insight_ids) == (0, [])
        assert await insights(user) == [] and await alerts(user) == []
        assert (await settings_of(user)).next_evaluation_at is None


class TestLearning:
    async def test_four_of_five_dismissed_make_the_rule_wait_a_week_and_speak_lower(self):
        # given follow-ups shown 5 times, 4 dismissed, the last 3 days ago; a new application is due
        quieter = await new_user(settings={})
        for days, dismissed in ((40, True), (30, True), (20, True), (10, False), (3, True)):
            await add_insight(quieter, "follow_up_due", created_at=NOW - timedelta(days=days), dismissed=dismissed)
        await add_application(quieter, changed_at=ago(9, 9))
        untouched = await new_user(settings={})
        await add_application(untouched, changed_at=ago(9, 9))
        # when
        await evaluate([quieter, untouched])
        waited = len(await insights(quieter))
        week_later = await evaluate([quieter], NOW + timedelta(days=5))
        # then
        assert [i.priority for i in await insights(untouched)] == ["medium"]
        assert waited == 5 and len(week_later.insight_ids) == 1
        new = (await insights(quieter))[-1]
        assert new.priority == "low"
        assert {"label": "Adjusted to you", "value": "Shown less often: you dismissed 4 of the last 5."} in new.evidence


class TestReadiness:
    async def test_the_readiness_before_the_newest_snapshot_comes_from_the_one_before(self):
        # given a cached prediction (62% for Staff Engineer) and three skill snapshots
        user = await new_user(settings={})
        prediction = {"readiness": 0.62, "target_role": "Staff Engineer", "skill_gaps": [{"skill": "mentoring", "gap": 0.2}]}
        async with unit_of_work() as session:
            session.add(CareerJourney(user_id=user, current_role="Senior Software Engineer", prediction=prediction))
            for days, skills in (
                (200, {"Mentoring": 0.1}),
                (60, {"System Design": 0.425, "Mentoring": 0.7}),  # sd 0.5, mentoring 1, the other three 0
                (5, {"System Design": 0.85, "Mentoring": 0.7, "Communication": 0.75}),
            ):
                session.add(SkillSnapshot(user_id=user, taken_on=TODAY - timedelta(days=days), skills=skills))
        # when
        async with read_session() as session:
            facts = (await evaluation.load_facts(session, [user], NOW))[user]
        # then
        assert facts.readiness == Readiness("Staff Engineer", 62.0, ("mentoring",), previous_percent=30.0)

    async def test_one_snapshot_has_no_readiness_before(self):
        # given
        user = await new_user(settings={})
        prediction = {"readiness": 0.5, "target_role": "Staff Engineer", "skill_gaps": []}
        async with unit_of_work() as session:
            session.add(CareerJourney(user_id=user, prediction=prediction))
            session.add(SkillSnapshot(user_id=user, taken_on=TODAY - timedelta(days=5), skills={"Mentoring": 0.7}))
        # when
        async with read_session() as session:
            facts = (await evaluation.load_facts(session, [user], NOW))[user]
        # then
        assert facts.readiness == Readiness("Staff Engineer", 50.0)


class TestIsolation:
    async def test_each_persons_insights_hold_only_their_own_facts(self):
        # given two people evaluated in one batch
        ada, bob = await new_user(settings={}), await new_user(settings={})
        ada_goal = await quiet_goal(ada, "Ada's Haskell")
        bob_goal = await quiet_goal(bob, "Bob's COBOL")
        # when
        await evaluate([ada, bob])
        # then
        for user, mine, theirs, other_goal in ((ada, "Ada", "Bob", bob_goal), (bob, "Bob", "Ada", ada_goal)):
            found = await insights(user)
            text = repr([(i.title, i.message, i.evidence, i.actions, i.dedupe_key) for i in found])
            assert found and mine in text and theirs not in text
            assert f":goal:{other_goal}:" not in text and goal_href(other_goal) not in text

    async def test_evaluating_one_person_writes_nothing_for_another(self):
        # given
        ada, bob = await new_user(settings={}), await new_user(settings={})
        await quiet_goal(ada)
        await quiet_goal(bob)
        # when
        await evaluate([ada])
        # then
        assert len(await insights(ada)) == 1 and await insights(bob) == []


class TestTimeZones:
    # New Zealand's daylight saving ends on 2025-04-06 at 03:00 NZDT (14:00 UTC the day before):
    # 08:00 in Auckland is 19:00 UTC on the 5th, 20:00 UTC from the 6th. Los Angeles is on PDT.
    async def test_who_is_due_and_when_next_on_the_same_utc_tick(self):
        # given both evaluate at 08:00 local, scheduled from the evening before
        auckland = await new_user("Pacific/Auckland", settings={})
        los_angeles = await new_user("America/Los_Angeles", settings={})
        before = datetime(2025, 4, 4, 20, 0, tzinfo=UTC)
        async with unit_of_work() as session:
            for user, zone in ((auckland, "Pacific/Auckland"), (los_angeles, "America/Los_Angeles")):
                await session.execute(
                    update(GuidanceSetting)
                    .where(GuidanceSetting.user_id == user)
                    .values(next_evaluation_at=schedule.next_evaluation(before, zone, 8, "normal"))
                )
        tick = datetime(2025, 4, 5, 19, 0, tzinfo=UTC)  # 07:00 NZST the 6th; 12:00 PDT the 5th
        # when
        async with unit_of_work() as session:
            due = await repository.due_user_ids(session, tick, 100_000)
            await evaluation.evaluate_users(session, [u for u in due if u in (auckland, los_angeles)], tick)
        # then
        assert los_angeles in due and auckland not in due
        assert (await settings_of(auckland)).next_evaluation_at == datetime(2025, 4, 5, 20, 0, tzinfo=UTC)
        assert (await settings_of(los_angeles)).next_evaluation_at == datetime(2025, 4, 6, 15, 0, tzinfo=UTC)
        # when an hour later, 08:00 in Auckland after the change
        later = tick + timedelta(hours=1)
        async with unit_of_work() as session:
            due = await repository.due_user_ids(session, later, 100_000)
            await evaluation.evaluate_users(session, [u for u in due if u in (auckland, los_angeles)], later)
        # then
        assert auckland in due and los_angeles not in due
        assert (await settings_of(auckland)).next_evaluation_at == datetime(2025, 4, 6, 20, 0, tzinfo=UTC)
        assert (await settings_of(auckland)).last_evaluated_at == later

    async def test_the_daily_cap_counts_the_persons_local_day(self):
        # given a cap of 1 in Auckland (UTC+13): 10:00 UTC is 23:00 local, 11:00 UTC the next local day
        user = await new_user("Pacific/Auckland", settings={**NO_QUIET_HOURS, "daily_cap": 1})
        await late_goal(user)
        evening = datetime(2025, 3, 18, 10, 0, tzinfo=UTC)
        # when
        await evaluate([user], evening)
        await evaluate([user], evening + timedelta(minutes=30))
        await evaluate([user], evening + timedelta(hours=1))
        # then
        assert [i.created_at for i in await insights(user)] == [evening, evening + timedelta(hours=1)]


class TestStatements:
    async def test_the_number_of_statements_does_not_grow_with_the_batch(self):
        # given two batches of people with the same kind of history
        async def people(count: int) -> list[int]:
            ids = []
            for _ in range(count):
                user = await new_user(settings=NO_QUIET_HOURS)
                await late_goal(user)
                await add_application(user, changed_at=ago(9, 9))
                ids.append(user)
            return ids

        small, large = await people(2), await people(6)
        # when
        async with counting_statements() as few:
            await evaluate(small)
        async with counting_statements() as many:
            await evaluate(large)
        # then
        assert len(few) == len(many)
        assert [len(await insights(user)) for user in small + large] == [3] * 8


def goal_href(goal_id: int) -> str:
    return "/goals/" + base64.b64encode(f"Goal:{goal_id}".encode()).decode()
