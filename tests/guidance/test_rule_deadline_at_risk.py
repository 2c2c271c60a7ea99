"""Deadline at risk: at the current pace an active goal finishes more than the slack after its target."""

from __future__ import annotations

from datetime import timedelta

from api.guidance.conditions import DeadlineAtRisk
from api.guidance.rules import deadline_at_risk
from api.vocabulary import GoalStatus, InsightActionKind
from tests.guidance.known_histories import TODAY, cadence, entries, facts, goal

DEFAULTS = DeadlineAtRisk()


def daily_history(target_offset: int, **goal_fields):
    """A daily person: 50 points over 5 active days (10 a day), so 5 more days finish the goal."""
    return facts(
        goals=(goal(progress=50, started=20, target=TODAY + timedelta(days=target_offset), **goal_fields),),
        entries=entries(1, 5, 4, 3, 2, 1, amount=10),
        patterns=cadence(7),
    )


class TestFires:
    def test_a_slow_goal_with_a_near_target(self):
        # given 20 points over 4 active days in 30 days, target in 10 days; no patterns: a day in 7.75
        history = facts(goals=(goal(progress=20, target=TODAY + timedelta(days=10)),), entries=entries(1, 28, 20, 12, 4))
        # when
        (draft,) = deadline_at_risk.evaluate(history, DEFAULTS)
        # then 80 points = 16 active days * 7.75 = 124 days
        projected = TODAY + timedelta(days=124)
        assert draft.values == {
            "goal": "Kubernetes",
            "target_date": (TODAY + timedelta(days=10)).isoformat(),
            "progress": 20,
            "elapsed": 30,
            "projected": projected.isoformat(),
            "late_days": 114,
        }
        assert [(a.kind, dict(a.arguments)) for a in draft.actions] == [
            (InsightActionKind.ADAPT_GOAL, {"goal_id": 1}),
            (InsightActionKind.OPEN, {"href": "/goals/R29hbDox"}),
        ]
        assert draft.dedupe_key == f"deadline_at_risk:goal:1:target:{(TODAY + timedelta(days=10)).isoformat()}"

    def test_one_day_past_the_slack(self):
        # given the goal would finish 8 days after its target (slack 7)
        history = daily_history(target_offset=-3)
        # when
        (draft,) = deadline_at_risk.evaluate(history, DEFAULTS)
        # then
        assert draft.values["late_days"] == 8


class TestSilent:
    def test_exactly_at_the_slack(self):
        # given the goal would finish 7 days after its target
        history = daily_history(target_offset=-2)
        # when / then
        assert deadline_at_risk.evaluate(history, DEFAULTS) == []

    def test_on_pace(self):
        # given the goal finishes in 5 days and is due in 10
        history = daily_history(target_offset=10)
        # when / then
        assert deadline_at_risk.evaluate(history, DEFAULTS) == []

    def test_too_early_to_judge(self):
        # given a goal started 6 days ago (7 needed), far behind
        history = facts(goals=(goal(progress=5, started=6, target=TODAY + timedelta(days=1)),), entries=entries(1, 5))
        # when / then
        assert deadline_at_risk.evaluate(history, DEFAULTS) == []

    def test_without_progress_or_target_or_when_not_active(self):
        # given
        history = facts(
            goals=(
                goal(1, started=30, target=TODAY),
                goal(2, progress=20, started=30),
                goal(3, progress=20, started=30, target=TODAY, status=GoalStatus.PAUSED),
            ),
            entries=entries(2, 20, amount=20) + entries(3, 20, amount=20),
        )
        # when / then
        assert deadline_at_risk.evaluate(history, DEFAULTS) == []
