"""Check-in: an active goal quiet for longer than twice the person's usual gap (default 7 days)."""

from __future__ import annotations

from datetime import timedelta

from api.guidance.conditions import CheckIn
from api.guidance.facts import EntryFact, StepFact
from api.guidance.rules import check_in
from api.vocabulary import GoalStatus, InsightActionKind
from tests.guidance.known_histories import NOW, TODAY, at, cadence, days_ago, entries, facts, goal

DEFAULTS = CheckIn()


class TestWithoutPatterns:
    def test_fires_after_more_than_the_default_days(self):
        # given a goal last worked on 8 days ago, patterns not known yet
        history = facts(goals=(goal(progress=10),), entries=entries(1, 20, 8))
        # when
        drafts = check_in.evaluate(history, DEFAULTS)
        # then
        assert len(drafts) == 1
        assert drafts[0].values == {"goal": "Kubernetes", "quiet_days": 8, "usual": "more often than that"}
        assert drafts[0].dedupe_key == f"check_in:goal:1:since:{days_ago(8).isoformat()}"

    def test_is_silent_at_exactly_the_default_days(self):
        # given
        history = facts(goals=(goal(progress=10),), entries=entries(1, 20, 7))
        # when / then
        assert check_in.evaluate(history, DEFAULTS) == []

    def test_counts_from_the_start_when_nothing_was_logged(self):
        # given a goal started 9 days ago with no progress at all
        history = facts(goals=(goal(started=9),))
        # when
        drafts = check_in.evaluate(history, DEFAULTS)
        # then
        assert drafts[0].values["quiet_days"] == 9
        assert drafts[0].dedupe_key == f"check_in:goal:1:since:{days_ago(9).isoformat()}"

    def test_insufficient_patterns_use_the_default(self):
        # given a daily cadence that the patterns do not trust yet
        history = facts(goals=(goal(progress=10),), entries=entries(1, 5), patterns=cadence(7, sufficient=False))
        # when / then
        assert check_in.evaluate(history, DEFAULTS) == []


class TestWithPatterns:
    def test_a_daily_person_is_asked_after_more_than_three_days(self):
        # given a daily cadence: twice the gap is 2 days, the minimum 3 applies
        history = facts(goals=(goal(progress=10),), entries=entries(1, 4), patterns=cadence(7))
        # when
        drafts = check_in.evaluate(history, DEFAULTS)
        # then
        assert [d.values for d in drafts] == [{"goal": "Kubernetes", "quiet_days": 4, "usual": "daily"}]

    def test_a_daily_person_is_left_alone_at_three_days(self):
        # given
        history = facts(goals=(goal(progress=10),), entries=entries(1, 3), patterns=cadence(7))
        # when / then
        assert check_in.evaluate(history, DEFAULTS) == []

    def test_twice_a_week_waits_for_twice_three_and_a_half_days(self):
        # given 2 active days a week: the gap is 3.5 days, the threshold 7
        quiet_seven = facts(goals=(goal(progress=10),), entries=entries(1, 7), patterns=cadence(2))
        quiet_eight = facts(goals=(goal(progress=10),), entries=entries(1, 8), patterns=cadence(2))
        # when
        silent, fired = check_in.evaluate(quiet_seven, DEFAULTS), check_in.evaluate(quiet_eight, DEFAULTS)
        # then
        assert silent == []
        assert fired[0].values["usual"] == "every 4 days"

    def test_the_multiplier_is_the_persons_threshold(self):
        # given a daily person who set the multiplier to 5
        history = facts(goals=(goal(progress=10),), entries=entries(1, 5), patterns=cadence(7))
        # when / then
        assert check_in.evaluate(history, CheckIn(gap_multiplier=5)) == []
        assert len(check_in.evaluate(history, CheckIn(gap_multiplier=4))) == 1


class TestWhichGoals:
    def test_paused_and_completed_goals_are_silent(self):
        # given
        history = facts(goals=(goal(1, status=GoalStatus.PAUSED), goal(2, status=GoalStatus.COMPLETED, progress=100)))
        # when / then
        assert check_in.evaluate(history, DEFAULTS) == []

    def test_the_quietest_goal_comes_first(self):
        # given
        history = facts(goals=(goal(1, "Go", started=10), goal(2, "Rust", started=20)))
        # when
        drafts = check_in.evaluate(history, DEFAULTS)
        # then
        assert [d.values["goal"] for d in drafts] == ["Rust", "Go"]

    def test_the_last_activity_is_a_local_date(self):
        # given one entry at 23:00 in Los Angeles eight days ago: seven days ago in UTC
        entry = EntryFact(goal_id=1, logged_at=at(days_ago(8), 23, "America/Los_Angeles"), amount=5)
        in_los_angeles = facts(timezone="America/Los_Angeles", goals=(goal(progress=5),), entries=(entry,))
        in_utc = facts(timezone="UTC", goals=(goal(progress=5),), entries=(entry,))
        # when / then: eight quiet days where the person lives fire, seven do not
        assert check_in.evaluate(in_los_angeles, DEFAULTS)[0].values["quiet_days"] == 8
        assert check_in.evaluate(in_utc, DEFAULTS) == []


class TestActions:
    def test_offers_a_date_from_the_pace_a_split_and_the_goal(self):
        # given a daily person: 30 points over 3 active days, last 4 days ago; an open second step
        steps = (StepFact(11, "Read the docs", 1, True), StepFact(12, "Deploy a cluster", 2, False))
        history = facts(goals=(goal(progress=30, steps=steps),), entries=entries(1, 6, 5, 4, amount=10), patterns=cadence(7))
        # when
        (draft,) = check_in.evaluate(history, DEFAULTS)
        # then 70 points at 10 per active day, one active day per day: 7 days from today
        assert [(a.kind, dict(a.arguments)) for a in draft.actions] == [
            (InsightActionKind.SET_TARGET_DATE, {"goal_id": 1, "target_date": (TODAY + timedelta(days=7)).isoformat()}),
            (InsightActionKind.SPLIT_STEP, {"goal_id": 1, "step_id": 12}),
            (InsightActionKind.OPEN, {"href": "/goals/R29hbDox"}),
        ]
        assert draft.valid_until == NOW + timedelta(days=check_in.VALID_DAYS)

    def test_without_any_pace_the_old_target_moves_by_the_days_lost(self):
        # given no progress at all, 9 quiet days, a target 5 days ahead
        history = facts(goals=(goal(started=9, target=TODAY + timedelta(days=5)),))
        # when
        (draft,) = check_in.evaluate(history, DEFAULTS)
        # then
        assert draft.actions[0].arguments["target_date"] == (TODAY + timedelta(days=14)).isoformat()
        assert [a.kind for a in draft.actions] == [InsightActionKind.SET_TARGET_DATE, InsightActionKind.OPEN]
