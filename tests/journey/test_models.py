"""Input validation and JSON-safety of every output."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from api.goal.adaptation import adapt_goal_difficulty
from api.goal.suggestions import suggest_goals
from api.journey.ladder import load_ladder
from api.journey.patterns import learning_patterns
from api.journey.prediction import predict_next_milestone
from api.journey.records import CareerContext, Goal, GoalStep, ProgressEntry, SkillSnapshot, to_jsonable
from api.journey.velocity import career_velocity
from api.vocabulary import GoalStatus, LearningFormat
from tests.support.histories import context, engineer_journey, evening_hands_on_user, steady_engineer_milestones, yearly_snapshots


class TestInputs:
    def test_strings_are_coerced_to_enums(self):
        # given plain strings as the integrator would pass them from the DB
        goal = Goal(id=1, title="t", created_on=date(2025, 1, 1), status="paused", difficulty="hard")
        entry = ProgressEntry(goal_id=1, logged_at=datetime(2025, 1, 1, tzinfo=UTC), learning_format="reading")
        ctx = CareerContext(learning_preferences=["video"], stress_factors=["deadline"])
        # then
        assert goal.status is GoalStatus.PAUSED
        assert entry.learning_format is LearningFormat.READING
        assert ctx.learning_preferences == (LearningFormat.VIDEO,) and ctx.stress_factors == ("deadline",)

    @pytest.mark.parametrize(
        "build",
        [
            lambda: ProgressEntry(goal_id=1, logged_at=datetime(2025, 1, 1)),
            lambda: GoalStep("s", done=True, done_at=datetime(2025, 1, 1)),
            lambda: ProgressEntry(goal_id=1, logged_at=datetime(2025, 1, 1, tzinfo=UTC), mood=6),
            lambda: SkillSnapshot(date(2025, 1, 1), {"sql": 1.2}),
            lambda: CareerContext(stress_level=0),
            lambda: Goal(id=1, title="t", created_on=date(2025, 1, 1), status="done"),
        ],
    )
    def test_invalid_inputs_are_rejected(self, build):
        with pytest.raises(ValueError):
            build()


class TestOutputsAreJsonSafe:
    def test_every_output_round_trips_through_json(self):
        # given the full scenario
        h = evening_hands_on_user()
        ladder = load_ladder()
        patterns = learning_patterns(h.goals, h.entries, h.tz, h.now)
        outputs = [
            patterns,
            career_velocity(
                steady_engineer_milestones(),
                yearly_snapshots(),
                h.today,
                ladder=ladder,
                current_role="Software Engineer",
            ),
            predict_next_milestone(engineer_journey(), steady_engineer_milestones(), yearly_snapshots(), ladder, h.today),
            *suggest_goals(context(), engineer_journey(), h.goals, patterns, yearly_snapshots(), ladder, h.today),
            adapt_goal_difficulty(h.goals[-1], h.entries, context(), patterns, h.today),
        ]
        for output in outputs:
            # when
            data = to_jsonable(output)
            # then
            assert json.loads(json.dumps(data)) == data, type(output).__name__
