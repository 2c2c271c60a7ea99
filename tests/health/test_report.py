"""The pure career health report on known histories."""

from __future__ import annotations

from datetime import date, timedelta

from api.health.report import GoalActivity, HealthFacts, health_report, market_position
from api.journey.ladder import load_ladder
from api.journey.records import SkillSnapshot

TODAY = date(2026, 3, 15)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


class TestSkillCurrency:
    def test_a_skill_unused_for_a_year_on_a_falling_trend_is_stale_and_a_risk(self):
        # given: jQuery rated once 400 days ago and never again; Python improved 20 days ago
        snapshots = [
            SkillSnapshot(days_ago(400), {"jQuery": 0.6, "Python": 0.5}),
            SkillSnapshot(days_ago(20), {"jQuery": 0.6, "Python": 0.7}),
        ]
        facts = HealthFacts(today=TODAY, snapshots=snapshots, trends={"jQuery": -40.0, "Python": 10.0})
        # when
        report = health_report(facts)
        # then
        skills = {s.skill: s for s in report.skills}
        jquery, python = skills["jQuery"], skills["Python"]
        assert (jquery.last_active_on, jquery.days_since_active) == (days_ago(400), 400)
        assert jquery.currency == 0.09  # 0.7 × 0 + 0.3 × (0.5 − 40/200)
        assert python.days_since_active == 20 and python.currency > 0.7
        stale = next(r for r in report.risks if r.action_href == "/skills")
        assert "jQuery (inactive 400 days, demand -40%, currency 0.09)" in stale.detail
        assert "Python" not in stale.detail

    def test_progress_on_a_goal_naming_the_skill_keeps_it_current(self):
        # given: Kubernetes rated 300 days ago, practised on a goal 3 days ago
        snapshots = [SkillSnapshot(days_ago(300), {"Kubernetes": 0.4})]
        activity = [GoalActivity("Pass the Kubernetes exam", days_ago(3)), GoalActivity("Learn Go", days_ago(1))]
        # when
        report = health_report(HealthFacts(today=TODAY, snapshots=snapshots, activity=activity, trends={"Kubernetes": -30.0}))
        # then
        assert report.skills[0].last_active_on == days_ago(3)
        assert not [r for r in report.risks if r.action_href == "/skills"]


class TestMarketPosition:
    def test_share_of_postings_whose_skills_are_at_least_half_covered(self):
        # given: 4 current postings, 2 covered at least half; 2 of 2 covered before
        current = [["Python", "Django"], ["python", "Go"], ["Java", "Spring"], ["Python", "Kubernetes", "Go", "AWS"]]
        previous = [["Python"], ["Python", "Django"]]
        # when
        position = market_position(["Python", "Django"], current, previous)
        # then: ["python", "Go"] is half covered; ["Python", "Kubernetes", "Go", "AWS"] 1 of 4 is not
        assert (position.covered_postings, position.total_postings, position.share) == (2, 4, 0.5)
        assert (position.previous_share, position.trend) == (1.0, "down")

    def test_a_shrinking_position_is_a_risk_with_its_numbers(self):
        # given
        facts = HealthFacts(
            today=TODAY,
            profile_skills=("Python",),
            current_postings=[["Python"], ["Java"], ["Go"], ["Rust"]],
            previous_postings=[["Python"], ["Python"]],
        )
        # when
        report = health_report(facts)
        # then
        risk = next(r for r in report.risks if r.action_href == "/market")
        assert "cover 1 of 4 postings of the last 30 days (25%), down from 100%" in risk.detail
        assert report.market_position == round(0.25 / 0.3, 3)

    def test_no_postings_is_neutral_and_unknown(self):
        # when
        report = health_report(HealthFacts(today=TODAY, profile_skills=("Python",)))
        # then
        assert report.market.trend == "unknown" and report.market_position == 0.5


class TestGrowthTrajectory:
    def test_stalled_growth_is_a_risk_and_scores_zero(self):
        # given: the same levels at the start and end of the quarter
        snapshots = [
            SkillSnapshot(days_ago(200), {"programming": 0.5}),
            SkillSnapshot(days_ago(95), {"programming": 0.6}),
            SkillSnapshot(days_ago(10), {"programming": 0.6}),
        ]
        facts = HealthFacts(today=TODAY, snapshots=snapshots, ladder=load_ladder(), current_role="Software Engineer")
        # when
        report = health_report(facts)
        # then
        assert report.trajectory.skill_growth_per_quarter == 0.0 and report.trajectory.trend == "stalled"
        assert report.trajectory.past_skill_growth_per_quarter is not None
        assert report.trajectory.typical_for_role is not None
        assert report.growth == 0.0
        assert next(r for r in report.risks if r.action_href == "/goals").title == "Your growth has stalled"

    def test_growth_at_the_typical_pace_scores_full(self):
        # given: +0.1 over the last quarter, no ladder role → reference 0.025 per quarter
        snapshots = [SkillSnapshot(days_ago(91), {"programming": 0.5}), SkillSnapshot(TODAY, {"programming": 0.6})]
        # when
        report = health_report(HealthFacts(today=TODAY, snapshots=snapshots))
        # then
        assert report.trajectory.skill_growth_per_quarter == 0.1 and report.growth == 1.0
        assert not [r for r in report.risks if r.action_href == "/goals"]


class TestOverall:
    def test_overall_is_the_weighted_mean_and_month_the_first_day(self):
        # when
        report = health_report(HealthFacts(today=TODAY, profile_skills=("Python",), current_postings=[["Python"]]))
        # then: currency 0.15 (never active, unknown trend), market 1.0, growth 0.5 (unknown)
        assert report.month == date(2026, 3, 1)
        assert report.overall == round(0.4 * report.skill_currency + 0.35 * report.market_position + 0.25 * report.growth, 3)
        assert (report.skill_currency, report.market_position, report.growth) == (0.15, 1.0, 0.5)
