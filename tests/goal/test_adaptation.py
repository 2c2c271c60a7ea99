"""Known-answer tests for adapt_goal_difficulty: one test per branch."""

from __future__ import annotations

from datetime import date

import pytest

from api.goal.adaptation import STRETCH_STEP, adapt_goal_difficulty
from api.journey.patterns import learning_patterns
from tests.support.histories import context, evening_hands_on_user, log_days, make_goal, thin_user

TODAY = date(2025, 6, 30)
START = date(2025, 6, 16)


@pytest.fixture(scope="module")
def early_finisher():
    """Patterns of the issue scenario: 2 of the last 3 goals finished early."""
    history = evening_hands_on_user()
    return learning_patterns(history.goals, history.entries, history.tz, history.now)


@pytest.fixture(scope="module")
def no_history():
    history = thin_user()
    return learning_patterns(history.goals, history.entries, history.tz, history.now)


def behind_goal():
    """21% after 14 of 42 planned days: 1.5 points/day -> done around 2025-08-22 (target 07-28)."""
    goal = make_goal("F", START, planned_weeks=6, steps_done=1, progress=21.0)
    return goal, log_days("F", START, 14, amount=1.5)


def on_track_goal():
    """40% after 14 of 42 days: ~2.86 points/day -> done 2025-07-21, before the 07-28 target."""
    goal = make_goal("G", START, planned_weeks=6, steps_done=1, progress=40.0)
    return goal, log_days("G", START, 14, amount=40 / 14)


class TestReduceScope:
    def test_few_hours(self, no_history):
        # given only 1 h/week
        goal, entries = behind_goal()
        # when
        a = adapt_goal_difficulty(goal, entries, context(hours_per_week=1.0), no_history, TODAY)
        # then: keep the first 2 of the 3 remaining steps, keep the date
        assert a.kind == "reduce_scope"
        assert a.suggested_steps == ("Step 2", "Step 3")
        assert a.suggested_target_date == date(2025, 7, 28)
        assert a.why.startswith("You have 1 h/week and at 10.5 points/week you'd finish around 2025-08-22")
        assert a.why.endswith("keep the first 2 of 3 remaining steps so the goal fits by 2025-07-28.")
        assert a.signals == ("low_hours", "behind_schedule")
        assert a.based_on == 14

    def test_high_stress(self, no_history):
        goal, entries = on_track_goal()
        a = adapt_goal_difficulty(goal, entries, context(stress_level=4), no_history, TODAY)
        assert a.kind == "reduce_scope"
        assert a.why == ("Stress is at 4/5; keep the first 2 of 3 remaining steps so the goal fits by 2025-07-28.")


class TestExtendDate:
    def test_behind_schedule(self, no_history):
        # given 4 h/week but progress projecting to 2025-08-22
        goal, entries = behind_goal()
        # when
        a = adapt_goal_difficulty(goal, entries, context(), no_history, TODAY)
        # then: 53 days left -> rounded up to 8 whole weeks
        assert a.kind == "extend_date"
        assert a.suggested_target_date == date(2025, 8, 25)
        assert a.suggested_steps == ("Step 2", "Step 3", "Step 4")
        assert a.why == (
            "At 10.5 points/week you'd finish around 2025-08-22, after the 2025-07-28 "
            "target; move the target from 2025-07-28 to 2025-08-25."
        )

    def test_stalled(self, no_history):
        # given the same goal three weeks later with no new entries
        goal, entries = behind_goal()
        # when
        a = adapt_goal_difficulty(goal, entries, context(), no_history, date(2025, 7, 20))
        # then
        assert a.kind == "extend_date"
        assert "stalled" in a.signals
        assert a.why.startswith("No progress was logged for 21 days")
        assert a.suggested_target_date == date(2025, 11, 30)

    def test_no_progress_at_all(self, no_history):
        # given a goal created 60 days ago without any progress, target passed
        goal = make_goal("Z", date(2025, 5, 1), planned_weeks=6)
        # when
        a = adapt_goal_difficulty(goal, [], context(), no_history, TODAY)
        # then: later of target and today, plus the 60 idle days
        assert a.kind == "extend_date"
        assert a.suggested_target_date == date(2025, 8, 29)
        assert a.why.startswith("No progress was logged for 60 days and it is 0% done with the 2025-06-12 target passed")


class TestStretch:
    def test_early_finisher_on_track(self, early_finisher):
        # given a user who finished 2 of the last 3 goals early and an on-track goal
        goal, entries = on_track_goal()
        # when
        a = adapt_goal_difficulty(goal, entries, context(), early_finisher, TODAY)
        # then
        assert a.kind == "stretch"
        assert a.suggested_steps == ("Step 2", "Step 3", "Step 4", STRETCH_STEP)
        assert a.suggested_target_date == date(2025, 7, 28)
        assert a.why == (
            "You finished 2 of your last 3 goals before the target date and this one is on track; add a stretch step."
        )

    def test_stretch_goals_are_not_stretched_again(self, early_finisher):
        _, entries = on_track_goal()
        goal = make_goal("G", START, planned_weeks=6, steps_done=1, progress=40.0, difficulty="stretch")
        assert adapt_goal_difficulty(goal, entries, context(), early_finisher, TODAY).kind == "keep"


class TestKeep:
    def test_on_track_without_early_history(self, no_history):
        goal, entries = on_track_goal()
        a = adapt_goal_difficulty(goal, entries, context(), no_history, TODAY)
        assert a.kind == "keep"
        assert a.why == "On track: 40% done after 14 of 42 days."
        assert a.signals == ()

    def test_completed_goal(self, no_history):
        goal = make_goal("Q", START, status="completed", finished_after_days=10)
        a = adapt_goal_difficulty(goal, [], context(stress_level=5), no_history, TODAY)
        assert (a.kind, a.why) == ("keep", "The goal is completed; nothing to adapt.")
