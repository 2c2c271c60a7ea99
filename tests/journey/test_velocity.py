"""Known-answer tests for career_velocity."""

from __future__ import annotations

from datetime import date

import pytest

from api.journey.ladder import load_ladder
from api.journey.records import SkillSnapshot, to_jsonable
from api.journey.velocity import career_velocity, trend, typical_skill_growth
from tests.support.histories import TODAY, milestone, steady_engineer_milestones, yearly_snapshots


class TestCareerVelocity:
    def test_known_answers(self):
        # given 1 milestone in the previous year and 3 in the current one, and skills growing
        # +0.1/year then +0.2/year, for a Software Engineer
        ladder = load_ladder()
        # when
        v = career_velocity(
            steady_engineer_milestones(), yearly_snapshots(), TODAY, ladder=ladder, current_role="Software Engineer"
        )
        # then
        assert (v.milestones.current, v.milestones.previous, v.milestones.trend) == (3.0, 1.0, "faster")
        assert v.milestones.based_on == 5
        assert v.milestones.message == "3 milestones in the last 12 months vs 1 in the 12 months before (faster)."
        assert (v.skill_growth.current, v.skill_growth.previous, v.skill_growth.trend) == (0.2, 0.1, "faster")
        assert v.skill_growth.based_on == 2
        # ladder: SE -> Senior in 3 years, shared skills step +0.1, +0.1, +0.3, +0.2 -> 0.175 / 3
        assert v.skill_growth.typical == 0.058
        # one role move (new_role 2023-06-30) over the 2-year history; typical 1 move per 3 years
        assert (v.role_moves.current, v.role_moves.typical) == (0.5, 0.333)
        assert "a typical Software Engineer moves to Senior Software Engineer after 3 years" in v.role_moves.message

    def test_without_ladder_there_is_no_typical_pace(self):
        v = career_velocity(steady_engineer_milestones(), yearly_snapshots(), TODAY)
        assert v.role_moves.typical is None and v.skill_growth.typical is None

    def test_only_recent_history_has_no_previous_period(self):
        # given two milestones, both in the last 12 months
        ms = [milestone("certification", date(2025, 1, 1)), milestone("promotion", date(2025, 3, 1))]
        # when
        v = career_velocity(ms, [], TODAY)
        # then
        assert v.milestones.current == 2.0
        assert v.milestones.previous is None and v.milestones.trend is None
        assert v.milestones.message.endswith("no earlier history to compare with yet.")

    def test_future_milestones_are_ignored(self):
        ms = [*steady_engineer_milestones(), milestone("promotion", date(2025, 7, 1))]
        assert career_velocity(ms, [], TODAY).milestones.current == 3.0

    def test_output_is_json_safe(self):
        d = to_jsonable(career_velocity(steady_engineer_milestones(), yearly_snapshots(), TODAY))
        assert d["as_of"] == "2025-06-30" and d["skill_growth"]["current"] == 0.2


class TestCareerVelocityThinData:
    def test_one_milestone_and_one_snapshot(self):
        # given
        ms = [milestone("certification", date(2025, 1, 1))]
        snaps = [SkillSnapshot(date(2025, 1, 1), {"sql": 0.5})]
        # when
        v = career_velocity(ms, snaps, TODAY)
        # then
        assert not v.milestones.sufficient and v.milestones.current is None
        assert v.milestones.message == "Not enough data yet: 1 of 2 milestones needed"
        assert not v.skill_growth.sufficient
        assert v.skill_growth.message == "Not enough data yet: 1 of 2 skill snapshots covering the last 12 months needed"

    def test_snapshots_too_close_together(self):
        snaps = [SkillSnapshot(date(2025, 6, 1), {"sql": 0.5}), SkillSnapshot(date(2025, 6, 20), {"sql": 0.6})]
        v = career_velocity([], snaps, TODAY)
        assert not v.skill_growth.sufficient
        assert "less than 30 days apart" in v.skill_growth.message


class TestTrend:
    @pytest.mark.parametrize(
        ("current", "previous", "expected"),
        [(3, 1, "faster"), (1, 3, "slower"), (1.1, 1, "steady"), (0, 0, "steady"), (1, 0, "faster"), (1, None, None)],
    )
    def test_thresholds(self, current, previous, expected):
        assert trend(current, previous) == expected


class TestTypicalSkillGrowth:
    def test_role_without_next_role(self):
        ladder = load_ladder()
        assert typical_skill_growth(ladder, ladder.find("CTO")) is None
