"""record_visit: the last visit swaps atomically; the first visit after days away writes one
welcome back."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from api.db import read_session, unit_of_work
from api.guidance import evaluation
from api.models import GuidanceRuleOverride, User
from tests.guidance.seeding import add_goal, insights, new_user, rule_id

NOW = datetime(2025, 3, 18, 12, 0, tzinfo=UTC)


async def visit(user_id: int, now: datetime = NOW):
    async with unit_of_work() as session:
        return await evaluation.record_visit(session, user_id, now)


async def last_seen(user_id: int) -> datetime | None:
    async with read_session() as session:
        return (await session.execute(select(User.last_seen_at).where(User.id == user_id))).scalar_one()


class TestRecordVisit:
    async def test_the_first_visit_says_nothing(self):
        # given
        user = await new_user()
        # when
        insight, away = await visit(user)
        # then
        assert (insight, away) == (None, 0)
        assert await last_seen(user) == NOW

    async def test_after_eight_days_away_one_welcome_back(self):
        # given a goal that moved while the person was away
        user = await new_user(last_seen_at=NOW - timedelta(days=8, hours=2))
        start = (NOW - timedelta(days=40)).date()
        await add_goal(user, "Kubernetes", started_on=start, progress=30, logged=[(NOW - timedelta(days=2), 10)])
        # when
        insight, away = await visit(user)
        # then
        assert away == 8 and insight is not None
        assert (insight.kind, insight.priority, insight.title) == ("welcome_back", "high", "Welcome back: 8 days away")
        assert insight.message.startswith("Since your last visit: +10 points on Kubernetes (now 30%).")
        assert insight.dedupe_key == "welcome_back:2025-03-10"
        assert [i.id for i in await insights(user)] == [insight.id]

    async def test_a_second_visit_says_nothing_more(self):
        # given
        user = await new_user(last_seen_at=NOW - timedelta(days=8))
        await visit(user)
        # when
        insight, away = await visit(user, NOW + timedelta(minutes=5))
        # then
        assert (insight, away) == (None, 0)
        assert len(await insights(user)) == 1

    async def test_two_visits_at_once_write_one_welcome_back(self):
        # given
        user = await new_user(last_seen_at=NOW - timedelta(days=10))
        # when
        results = await asyncio.gather(visit(user), visit(user))
        # then
        assert sorted(away for _, away in results) == [0, 10]
        assert len(await insights(user)) == 1

    async def test_six_days_away_is_not_long_enough(self):
        # given
        user = await new_user(last_seen_at=NOW - timedelta(days=6, hours=23))
        # when
        insight, away = await visit(user)
        # then
        assert (insight, away) == (None, 6)

    async def test_the_persons_own_threshold_and_mute(self):
        # given one who set 3 days, one who muted the rule
        shorter, muted = (
            await new_user(last_seen_at=NOW - timedelta(days=4)),
            await new_user(last_seen_at=NOW - timedelta(days=9)),
        )
        welcome = await rule_id("welcome_back")
        async with unit_of_work() as session:
            session.add(GuidanceRuleOverride(user_id=shorter, rule_id=welcome, conditions={"away_days": 3}))
            session.add(GuidanceRuleOverride(user_id=muted, rule_id=welcome, muted=True))
        # when
        shown, _ = await visit(shorter)
        silent, away = await visit(muted)
        # then
        assert shown is not None and shown.title == "Welcome back: 4 days away"
        assert (silent, away) == (None, 9)

    async def test_nothing_when_guidance_is_off(self):
        # given
        user = await new_user(last_seen_at=NOW - timedelta(days=9), settings={"level": "off", "quiet_hours_start": time(22)})
        # when
        insight, away = await visit(user)
        # then
        assert (insight, away) == (None, 9)
        assert await insights(user) == []
