"""Known-answer tests for learning_patterns."""

from __future__ import annotations

import json
import random
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from api.journey.patterns import acceleration_week, hour_ranges, learning_patterns, obstacle_categories
from api.journey.records import to_jsonable
from api.vocabulary import LearningFormat
from tests.support.histories import TZ, at, evening_hands_on_user, log_days, make_goal, thin_user


@pytest.fixture(scope="module")
def scenario():
    history = evening_hands_on_user()
    return history, learning_patterns(history.goals, history.entries, history.tz, history.now)


class TestIssueScenario:
    """Logs daily in the evening, mostly hands-on, accelerates in week 3, abandons goals > 8 weeks."""

    def test_cadence_is_daily(self, scenario):
        # given a user who logged every day from 2025-01-06 to 2025-06-29
        _, patterns = scenario
        # when / then
        assert patterns.cadence.sufficient
        assert patterns.cadence.cadence == "daily"
        assert patterns.cadence.active_days == 175
        assert patterns.cadence.active_days_per_week == 7.0
        assert patterns.cadence.message == "You log daily: 7.0 active days per week over 25 weeks."

    def test_learns_in_the_evening_in_their_timezone(self, scenario):
        # given entries stored in UTC but made at 19:30-21:30 New York time
        _, patterns = scenario
        # when
        rhythm = patterns.rhythm
        # then
        assert rhythm.time_of_day == "evening"
        assert rhythm.time_of_day_share == 1.0
        assert rhythm.peak_hours == (19, 20, 21)
        assert sum(rhythm.hour_counts[18:24]) == 175
        assert len(rhythm.weekdays) == 7
        assert "in the evening" in rhythm.message and "19:00-22:00 America/New_York" in rhythm.message

    def test_same_log_read_in_utc_is_night(self, scenario):
        # given the same history
        history, _ = scenario
        # when the timezone is UTC instead of the user's
        rhythm = learning_patterns(history.goals, history.entries, "UTC", history.now).rhythm
        # then the wall-clock hours move past midnight: proof the timezone is applied
        assert rhythm.time_of_day == "night"
        assert "at night (77% of entries, mostly 23:00-02:00 UTC)" in rhythm.message

    def test_preferred_format_is_hands_on(self, scenario):
        # given 150 hands-on hours of 60 minutes and 25 video sessions of 20 minutes
        _, patterns = scenario
        # then
        by_minutes, by_completion = patterns.format_by_minutes, patterns.format_by_completion
        assert by_minutes.preferred == LearningFormat.HANDS_ON
        assert by_minutes.totals == {"video": 500.0, "hands_on": 9000.0}
        assert by_minutes.based_on == 175
        assert "hands-on (95% of 9500 minutes)" in by_minutes.message
        assert by_completion.preferred == LearningFormat.HANDS_ON
        assert by_completion.totals == {"hands_on": 3.0}
        assert by_completion.rates == {"hands_on": 0.6}  # 3 completed, 2 abandoned

    def test_progress_accelerates_in_week_3(self, scenario):
        # given completed goals with 7, 7, 21, 21... points per week and flat abandoned/active goals
        _, patterns = scenario
        # then
        assert patterns.acceleration.week == 3
        assert patterns.acceleration.goals_accelerating == 3
        assert patterns.acceleration.based_on == 6
        assert patterns.acceleration.week_counts == {"3": 3}
        assert patterns.acceleration.message == "Your progress usually speeds up in week 3 (3 of 6 goals)."

    def test_goals_longer_than_8_weeks_were_abandoned(self, scenario):
        # given completed goals of 5, 6 and 4 weeks and abandoned goals planned for 9 and 12 weeks
        _, patterns = scenario
        length = patterns.goal_length
        # then
        assert length.sufficient and length.clear_split
        assert length.finish_up_to_weeks == 6
        assert length.abandoned_over_weeks == 8
        assert length.completed_weeks == (4, 5, 6)
        assert length.abandoned_weeks == (9, 12)
        assert length.message == "You finish goals up to 6 weeks; goals longer than 8 weeks were abandoned."

    def test_obstacles_from_notes_and_stalled_steps(self, scenario):
        # given 5 notes and the stalled steps of the 2 abandoned goals
        _, patterns = scenario
        obstacles = patterns.obstacles
        # then
        assert obstacles.notes_scanned == 5 and obstacles.stalled_steps == 2 and obstacles.based_on == 7
        assert [(o.category, o.count, o.from_notes, o.from_steps) for o in obstacles.obstacles] == [
            ("energy", 2, 2, 0),
            ("tooling", 2, 1, 1),  # "docker setup" note + "Set up the Kubernetes cluster" step
            ("time", 1, 1, 0),
            ("work", 1, 1, 0),
            ("unclear", 1, 1, 0),
        ]

    def test_success_rate_by_difficulty(self, scenario):
        # given easy 1/1, medium 2/2, hard 0/1, stretch 0/1
        _, patterns = scenario
        success = patterns.success_by_difficulty
        # then
        assert success.sufficient and success.based_on == 5
        assert [(r.difficulty.value, r.completed, r.abandoned, r.rate) for r in success.by_difficulty] == [
            ("easy", 1, 0, 1.0),
            ("medium", 2, 0, 1.0),
            ("hard", 0, 1, 0.0),
            ("stretch", 0, 1, 0.0),
        ]

    def test_finish_timing(self, scenario):
        # given E (early), C (on the day) and A (early) as the last three completed goals
        _, patterns = scenario
        # then
        assert (patterns.finish_timing.early, patterns.finish_timing.considered) == (2, 3)
        assert patterns.finish_timing.finishes_early

    def test_output_is_json_safe_and_deterministic(self, scenario):
        # given the same data in a different order
        history, patterns = scenario
        shuffled = list(history.entries)
        random.Random(7).shuffle(shuffled)
        # when
        again = learning_patterns(list(reversed(history.goals)), shuffled, history.tz, history.now)
        # then
        assert json.loads(json.dumps(to_jsonable(patterns))) == to_jsonable(again)


class TestThinData:
    def test_every_pattern_says_not_enough_data(self):
        # given two entries and one completed goal
        history = thin_user()
        # when
        p = learning_patterns(history.goals, history.entries, history.tz, history.now)
        # then
        assert p.cadence.sufficient is False and p.cadence.cadence is None
        assert p.cadence.message == "Not enough data yet: 2 of 5 progress entries needed"
        assert p.rhythm.message == "Not enough data yet: 2 of 5 progress entries needed"
        assert p.format_by_minutes.preferred is None and not p.format_by_minutes.sufficient
        assert p.goal_length.message == "Not enough data yet: 1 of 3 completed or abandoned goals needed"
        assert p.acceleration.week is None and p.acceleration.based_on == 0
        assert not p.obstacles.sufficient
        assert not p.success_by_difficulty.sufficient
        assert p.finish_timing.message == "Not enough data yet: 1 of 3 completed goals with a target date needed"

    def test_short_log_span_is_not_enough_for_cadence(self):
        # given 6 daily entries (span 6 days)
        start = date(2025, 6, 1)
        entries = log_days("X", start, 6)
        # when
        cadence = learning_patterns([], entries, TZ, at(date(2025, 6, 30), 12)).cadence
        # then
        assert cadence.message == "Not enough data yet: 6 of 14 days of logging needed"

    def test_future_entries_are_ignored(self):
        # given 5 entries, 3 of them after `now`
        entries = log_days("X", date(2025, 6, 1), 5)
        # when
        p = learning_patterns([], entries, TZ, at(date(2025, 6, 2), 23))
        # then
        assert p.cadence.based_on == 2

    def test_naive_now_is_rejected(self):
        with pytest.raises(ValueError):
            learning_patterns([], [], TZ, datetime(2025, 6, 30, 12))


class TestCadence:
    @pytest.mark.parametrize(
        ("days", "every", "expected"),
        [(28, 2, "few_times_a_week"), (50, 7, "weekly"), (28, 1, "daily")],
    )
    def test_classification(self, days, every, expected):
        # given entries every `every` days
        entries = log_days("X", date(2025, 3, 3), days, every=every)
        # when
        cadence = learning_patterns([], entries, TZ, at(date(2025, 6, 30), 12)).cadence
        # then
        assert cadence.cadence == expected

    def test_bursts_are_irregular(self):
        # given 3 days in week 1 and 2 days in week 6 (5 active days over 6 weeks, 2 active weeks)
        start = date(2025, 3, 3)
        entries = log_days("X", start, 3) + log_days("X", date(2025, 4, 12), 2)
        # when
        cadence = learning_patterns([], entries, TZ, at(date(2025, 6, 30), 12)).cadence
        # then
        assert cadence.cadence == "irregular"
        assert cadence.active_week_share == pytest.approx(2 / 6, abs=1e-3)


class TestRhythm:
    def test_weekend_morning_learner(self):
        # given 8 weekends of Saturday + Sunday sessions at 08:00 Berlin time
        tz = "Europe/Berlin"
        entries = []
        for week in range(8):
            saturday = date(2025, 3, 1).toordinal() + 7 * week
            for offset in (0, 1):
                entries += log_days("X", date.fromordinal(saturday + offset), 1, hour=8, tz=tz)
        # when
        rhythm = learning_patterns([], entries, tz, datetime(2025, 6, 30, tzinfo=ZoneInfo(tz))).rhythm
        # then
        assert rhythm.weekdays == ("saturday", "sunday")
        assert rhythm.time_of_day == "morning"
        assert rhythm.peak_hours == (8,)
        assert rhythm.message == (
            "You usually learn on Saturday, Sunday, in the morning (100% of entries, mostly 08:00-09:00 Europe/Berlin)."
        )

    def test_hour_ranges_wrap_midnight(self):
        assert hour_ranges((19, 20, 21)) == "19:00-22:00"
        assert hour_ranges((23, 0, 1)) == "23:00-02:00"
        assert hour_ranges((8, 13, 14)) == "08:00-09:00, 13:00-15:00"
        assert hour_ranges(range(24)) == "around the clock"


class TestAccelerationWeek:
    @pytest.mark.parametrize(
        ("weekly", "expected"),
        [
            ([7, 7, 21, 21], 3),
            ([7, 10, 11], None),  # 10 < 10.5; 11 < 12.75
            ([4, 6], 2),  # exactly 1.5x counts
            ([0, 5, 10], 3),  # week 2 skipped: nothing before it to accelerate from
            ([5, 5, 5, 5], None),
            ([5], None),
            ([], None),
        ],
    )
    def test_first_week_at_least_1_5x_prior_mean(self, weekly, expected):
        assert acceleration_week(weekly) == expected

    def test_mode_ties_pick_the_earliest_week(self):
        # given goal P accelerating in week 2 and goal Q in week 4
        start = date(2025, 3, 3)
        goals = [make_goal("P", start), make_goal("Q", start)]
        entries = log_days("P", start, 21, amount=lambda i: 1 if i < 7 else 2) + log_days(
            "Q", start, 28, amount=lambda i: 1 if i < 21 else 3
        )
        # when
        acc = learning_patterns(goals, entries, TZ, at(date(2025, 6, 30), 12)).acceleration
        # then
        assert acc.week == 2
        assert acc.week_counts == {"2": 1, "4": 1}

    def test_steady_progress_has_no_acceleration_week(self):
        start = date(2025, 3, 3)
        goals = [make_goal("P", start), make_goal("Q", start)]
        entries = log_days("P", start, 21) + log_days("Q", start, 21)
        acc = learning_patterns(goals, entries, TZ, at(date(2025, 6, 30), 12)).acceleration
        assert acc.sufficient and acc.week is None
        assert acc.message == "Your progress stays steady; no acceleration week in 2 goals."


class TestGoalLength:
    def test_overlapping_lengths_fall_back_to_the_median(self):
        # given completed goals of 21 and 70 days and an abandoned one planned for 35 days
        start = date(2025, 1, 6)
        goals = [
            make_goal("a", start, status="completed", finished_after_days=21),
            make_goal("b", start, planned_weeks=10, status="completed", finished_after_days=70),
            make_goal("c", start, planned_weeks=5, status="abandoned", finished_after_days=10),
        ]
        # when
        length = learning_patterns(goals, [], TZ, at(date(2025, 6, 30), 12)).goal_length
        # then
        assert length.sufficient and not length.clear_split
        assert length.recommended_max_weeks == 7  # median 45.5 days -> 46 -> 7 weeks
        assert length.message.startswith("Goal length doesn't separate finished from abandoned goals")

    def test_no_abandoned_goals(self):
        start = date(2025, 1, 6)
        goals = [make_goal(str(i), start, status="completed", finished_after_days=d) for i, d in enumerate((14, 20, 30))]
        length = learning_patterns(goals, [], TZ, at(date(2025, 6, 30), 12)).goal_length
        assert length.message == "You finish goals up to 5 weeks; none were abandoned."
        assert length.recommended_max_weeks == 5


class TestObstacleCategories:
    @pytest.mark.parametrize(
        ("note", "expected"),
        [
            ("Too tired after a long day at work", ["energy", "work"]),
            ("Ran out of time again", ["time"]),
            ("kids were up all night", ["family"]),
            ("Completely stuck, the docs are confusing", ["unclear"]),
            ("pip install kept failing", ["tooling"]),
            ("procrastinated all evening", ["motivation"]),
            ("Great session, learned a lot", []),
        ],
    )
    def test_keywords(self, note, expected):
        assert obstacle_categories(note) == expected

    def test_idle_active_goal_contributes_its_next_step(self):
        # given an active goal with no entries for 20 days whose next step is about configuration
        goal = make_goal("G", date(2025, 6, 1), steps=("Configure the CI pipeline", "Ship"))
        entries = log_days("G", date(2025, 6, 1), 3, notes={0: "busy week", 1: "ok", 2: "fine"})
        # when
        obstacles = learning_patterns([goal], entries, TZ, at(date(2025, 6, 23), 12)).obstacles
        # then
        assert obstacles.stalled_steps == 1
        assert [(o.category, o.from_steps) for o in obstacles.obstacles] == [("work", 0), ("tooling", 1)]
