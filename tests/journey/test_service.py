"""The analytics over a stored history: synthetic histories with known answers are written as
rows, the worker's recompute caches the results, and the API serves them."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time

import pytest

from api.db import unit_of_work
from api.journey import service
from api.models import CareerJourney, Goal, GoalProgressEntry, GoalStep, Milestone, SkillSnapshot
from tests.support.career import LEARNING_PATTERNS
from tests.support.graphql import db_id, signed_up
from tests.support.histories import evening_hands_on_user, steady_engineer_milestones, thin_user, yearly_snapshots
from tests.support.jobs import PROFILE_UPDATE

STEADY_NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)


async def store_goals(user_id: int, goals, entries) -> None:
    """The analytics' Goal/ProgressEntry values as rows of this user."""
    async with unit_of_work() as session:
        ids = {}
        for g in goals:
            created = datetime.combine(g.created_on, time(9), tzinfo=UTC)
            row = Goal(
                user_id=user_id,
                title=g.title,
                why=g.why,
                target_date=g.target_date,
                status=g.status.value,
                difficulty=g.difficulty.value,
                progress=math.ceil(g.progress),
                started_on=g.created_on,
                completed_on=g.completed_on,
                abandoned_on=g.abandoned_on,
                created_at=created,
            )
            session.add(row)
            await session.flush()
            ids[g.id] = row.id
            session.add_all(
                GoalStep(user_id=user_id, goal_id=row.id, position=i, title=s.title, done=s.done, done_at=s.done_at)
                for i, s in enumerate(g.steps)
            )
        session.add_all(
            GoalProgressEntry(
                user_id=user_id,
                goal_id=ids[e.goal_id],
                logged_at=e.logged_at,
                amount=math.ceil(e.amount),
                minutes=e.minutes,
                learning_format=e.learning_format.value if e.learning_format else None,
                note=e.note or "",
                mood=e.mood,
                energy=e.energy,
            )
            for e in entries
        )


async def recompute(user_id: int, now: datetime) -> None:
    async with unit_of_work() as session:
        await service.recompute(session, user_id, now)


async def patterns_of(user) -> dict:
    return (await user.gql(LEARNING_PATTERNS))["viewer"]


@pytest.fixture(scope="module")
async def evening_learner(base_url):
    """Logs daily in the evening (New York), mostly hands-on, accelerates in week 3,
    abandons goals longer than 8 weeks (the issue's scenario, tests/journey/factories.py)."""
    import httpx

    history = evening_hands_on_user()
    async with httpx.AsyncClient(base_url=base_url, timeout=20) as http:
        user = await signed_up(http)
        await user.gql(PROFILE_UPDATE, {"input": {"timezone": history.tz}})
        user_id = db_id(user.user_id)
        await store_goals(user_id, history.goals, history.entries)
        await recompute(user_id, history.now)
        yield await patterns_of(user)


class TestLearningPatternsFromStoredHistory:
    async def test_logs_daily(self, evening_learner):
        cadence = evening_learner["learningPatterns"]["cadence"]
        assert (cadence["cadence"], cadence["activeDays"], cadence["sufficient"]) == ("DAILY", 175, True)
        assert cadence["message"] == "You log daily: 7.0 active days per week over 25 weeks."

    async def test_in_the_evening_of_their_timezone(self, evening_learner):
        patterns = evening_learner["learningPatterns"]
        assert patterns["timezone"] == "America/New_York"
        assert (patterns["rhythm"]["timeOfDay"], patterns["rhythm"]["peakHours"]) == ("evening", [19, 20, 21])

    async def test_mostly_hands_on(self, evening_learner):
        patterns = evening_learner["learningPatterns"]
        assert patterns["formatByMinutes"]["preferred"] == "HANDS_ON"
        assert patterns["formatByMinutes"]["totals"] == [
            {"format": "VIDEO", "value": 500.0},
            {"format": "HANDS_ON", "value": 9000.0},
        ]
        assert patterns["formatByCompletion"]["preferred"] == "HANDS_ON"

    async def test_accelerates_in_week_3(self, evening_learner):
        acceleration = evening_learner["learningPatterns"]["acceleration"]
        assert (acceleration["week"], acceleration["goalsAccelerating"], acceleration["basedOn"]) == (3, 3, 6)

    async def test_abandons_goals_longer_than_8_weeks(self, evening_learner):
        length = evening_learner["learningPatterns"]["goalLength"]
        assert (length["finishUpToWeeks"], length["abandonedOverWeeks"], length["clearSplit"]) == (6, 8, True)
        assert length["message"] == "You finish goals up to 6 weeks; goals longer than 8 weeks were abandoned."

    async def test_obstacles_and_success_by_difficulty(self, evening_learner):
        patterns = evening_learner["learningPatterns"]
        assert [o["category"] for o in patterns["obstacles"]["obstacles"]][:2] == ["energy", "tooling"]
        assert [(r["difficulty"], r["rate"]) for r in patterns["successByDifficulty"]["byDifficulty"]] == [
            ("EASY", 1.0),
            ("MEDIUM", 1.0),
            ("HARD", 0.0),
            ("STRETCH", 0.0),
        ]
        assert patterns["finishTiming"]["finishesEarly"] is True


class TestThinHistory:
    async def test_every_pattern_says_it_has_too_little_data(self, client):
        # given two entries and one completed goal
        history = thin_user()
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        await store_goals(user_id, history.goals, history.entries)
        # when
        await recompute(user_id, history.now)
        patterns = (await patterns_of(user))["learningPatterns"]
        # then
        blocks = [v for k, v in patterns.items() if isinstance(v, dict)]
        assert len(blocks) == 9
        assert all(not b["sufficient"] and b["message"].startswith("Not enough data yet") for b in blocks)
        assert patterns["cadence"]["basedOn"] == 2


class TestVelocityAndPrediction:
    async def test_a_steady_engineer(self, client):
        # given a Software Engineer since 2023-06-30 with 5 milestones and 3 yearly snapshots
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        async with unit_of_work() as session:
            session.add(
                CareerJourney(
                    user_id=user_id,
                    current_role="Software Engineer",
                    career_stage="mid",
                    target_role="Senior Software Engineer",
                    role_started_on=date(2023, 6, 30),
                )
            )
            session.add_all(
                Milestone(user_id=user_id, kind=m.kind.value, title=m.title, achieved_on=m.achieved_on)
                for m in steady_engineer_milestones()
            )
            session.add_all(
                SkillSnapshot(user_id=user_id, taken_on=s.taken_on, skills=dict(s.skills)) for s in yearly_snapshots()
            )
        # when
        await recompute(user_id, STEADY_NOW)
        data = await patterns_of(user)
        # then
        velocity = data["journey"]["velocity"]
        assert (
            velocity["milestones"]["current"],
            velocity["milestones"]["previous"],
            velocity["milestones"]["trend"],
        ) == (3.0, 1.0, "faster")
        assert (velocity["skillGrowth"]["current"], velocity["skillGrowth"]["typical"]) == (0.2, 0.058)
        prediction = data["nextMilestonePrediction"]
        assert prediction["targetRole"] == "Senior Software Engineer"
        assert prediction["basedOn"] == {"milestones": 5, "snapshots": 3, "peerUsers": 0}
        assert prediction["reasons"][0] == "A typical Software Engineer becomes Senior Software Engineer after 3 years."
        assert 0 < prediction["confidence"] <= 0.95 and prediction["expectedDate"] > "2025-06-30"


class TestPeerRefinement:
    async def test_five_peers_refine_the_timing_without_exposing_them(self, client):
        # given five other users who each moved Software Engineer -> Senior after 2 years
        for i in range(5):
            peer = await signed_up(client)
            peer_id = db_id(peer.user_id)
            async with unit_of_work() as session:
                session.add(CareerJourney(user_id=peer_id, current_role="Senior Software Engineer", career_stage="senior"))
                session.add_all(
                    [
                        Milestone(
                            user_id=peer_id,
                            kind="new_role",
                            title=f"Secret co {i}",
                            role="Software Engineer",
                            achieved_on=date(2020, 1, 1),
                        ),
                        Milestone(
                            user_id=peer_id,
                            kind="promotion",
                            title=f"Secret promo {i}",
                            role="Senior Software Engineer",
                            achieved_on=date(2022, 1, 1),
                        ),
                    ]
                )
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        async with unit_of_work() as session:
            session.add(
                CareerJourney(
                    user_id=user_id,
                    current_role="Software Engineer",
                    career_stage="mid",
                    role_started_on=date(2024, 6, 30),
                )
            )
        # when
        await recompute(user_id, STEADY_NOW)
        prediction = (await patterns_of(user))["nextMilestonePrediction"]
        # then: timing from peers (2 years, not the ladder's 3), only their count is told
        assert prediction["basedOn"]["peerUsers"] >= 5
        assert any(r.startswith("Timing refined with anonymised moves of") for r in prediction["reasons"])
        assert not any("Secret" in r for r in prediction["reasons"])
        assert prediction["expectedDate"] < "2027-06-30"
