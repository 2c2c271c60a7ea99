"""Known-answer tests for suggest_goals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from api.goal.suggestions import suggest_goals
from api.journey.ladder import load_ladder
from api.journey.patterns import learning_patterns
from api.journey.records import Journey, SkillSnapshot, to_jsonable
from api.vocabulary import GoalDifficulty, LearningFormat
from tests.support.histories import (
    SENIOR_READY_SKILLS,
    context,
    engineer_journey,
    evening_hands_on_user,
    make_goal,
    thin_user,
    yearly_snapshots,
)

SENIOR_READY = [
    SkillSnapshot(
        date(2025, 6, 1),
        SENIOR_READY_SKILLS,
    )
]


@pytest.fixture(scope="module")
def ladder():
    return load_ladder()


@pytest.fixture(scope="module")
def scenario():
    history = evening_hands_on_user()
    return history, learning_patterns(history.goals, history.entries, history.tz, history.now)


def suggest(scenario, ladder, *, ctx=None, journey=None, goals=None, snapshots=None, patterns=None):
    history, default_patterns = scenario
    return suggest_goals(
        ctx or context(),
        journey or engineer_journey(),
        history.goals if goals is None else goals,
        patterns or default_patterns,
        yearly_snapshots() if snapshots is None else snapshots,
        ladder,
        history.today,
    )


class TestSuggestGoalsFromOwnData:
    def test_why_uses_the_users_own_numbers(self, scenario, ladder):
        # given 4 h/week, goals finished up to 6 weeks, hands-on completions, medium 2/2 completed
        # when
        suggestions = suggest(scenario, ladder)
        # then: the three biggest Senior Software Engineer gaps, 4 weeks (2/3 of 6), hands-on
        assert [s.skill for s in suggestions] == ["code review", "system design", "communication"]
        first = suggestions[0]
        assert first.title == "Practise code review in a small hands-on project"
        assert first.why == (
            "You have 4 h/week and finish goals up to 6 weeks; a 4-week hands-on project fits. "
            "Code review is at 0.00 vs 0.70 expected for Senior Software Engineer; "
            "you completed 2 of 2 medium goals."
        )
        assert first.difficulty == GoalDifficulty.MEDIUM
        assert first.learning_format == LearningFormat.HANDS_ON
        assert first.target_date == date(2025, 7, 28)
        assert len(first.steps) == 4
        assert to_jsonable(first)["target_date"] == "2025-07-28"

    def test_high_stress_and_few_hours_shrink_the_suggestion(self, scenario, ladder):
        # given stress 5/5 and 1.5 h/week
        suggestions = suggest(scenario, ladder, ctx=context(stress_level=5, hours_per_week=1.5))
        # then one shorter, easier goal
        assert len(suggestions) == 1
        s = suggestions[0]
        assert (s.weeks, s.difficulty, len(s.steps)) == (3, GoalDifficulty.EASY, 3)
        assert s.why.startswith(
            "You have 1.5 h/week and finish goals up to 6 weeks; with stress at 5/5, a 3-week hands-on project keeps it light."
        )
        assert s.why.endswith("you completed 1 of 1 easy goals.")

    def test_skills_already_covered_by_an_active_goal_are_skipped(self, scenario, ladder):
        history, _ = scenario
        goals = [*history.goals, make_goal("R", date(2025, 6, 20), title="Get better at Code Review")]
        suggestions = suggest(scenario, ladder, goals=goals)
        # two active goals (F, R) -> only one suggestion, and not code review
        assert [s.skill for s in suggestions] == ["system design"]


class TestSuggestGoalsThinData:
    def test_stated_preferences_and_budget_when_there_is_no_history(self, ladder):
        # given no usable history, no hours set, courses preferred but no budget
        history = thin_user()
        patterns = learning_patterns(history.goals, history.entries, history.tz, history.now)
        ctx = context(hours_per_week=None, budget=0, learning_preferences=["courses", "video"])
        # when
        suggestions = suggest_goals(ctx, Journey("Data Analyst", "mid"), history.goals, patterns, [], ladder, history.today)
        # then: courses skipped for the zero budget, default 4 weeks, stage difficulty
        s = suggestions[0]
        assert s.learning_format == LearningFormat.VIDEO
        assert (s.weeks, s.difficulty) == (4, GoalDifficulty.MEDIUM)
        assert s.title == "Work through a video series on SQL"
        assert s.why == (
            "You haven't set your weekly hours; a 4-week video series fits. "
            "SQL is a key skill for Senior Data Analyst and you haven't rated it yet."
        )


class TestSuggestGoalsWithoutGaps:
    def test_ready_user_gets_a_showcase_goal(self, scenario, ladder):
        (s,) = suggest(scenario, ladder, snapshots=SENIOR_READY)
        assert s.title == "Showcase your readiness for Senior Software Engineer"
        assert s.why == (
            "You already meet the key skills for Senior Software Engineer. It is a short 4-week goal that fits 4 h/week."
        )

    def test_stale_assessment_gets_a_refresh_goal(self, scenario, ladder):
        old = [SkillSnapshot(date(2024, 6, 1), SENIOR_READY[0].skills)]
        (s,) = suggest(scenario, ladder, snapshots=old, ctx=context(last_assessed_on=date(2024, 12, 1)))
        assert s.title == "Refresh your skill assessment"
        assert s.why.startswith("Your last skill assessment was 211 days ago")

    def test_top_of_the_ladder(self, scenario, ladder):
        (s,) = suggest(scenario, ladder, journey=Journey("CTO", "executive"), snapshots=SENIOR_READY)
        assert s.title == "Choose your next target role"
        assert s.target_date == scenario[0].today + timedelta(weeks=4)


class TestSuggestGoalsCoherent:
    def test_rated_skills_count_and_suggestions_are_distinct(self, scenario, ladder):
        # given a "Backend Engineer" who rated Python 0.8 and AWS 0.5
        journey = Journey("Backend Engineer", "mid", None, date(2023, 6, 30))
        snaps = [SkillSnapshot(date(2025, 6, 1), {"Python": 0.8, "AWS": 0.5})]
        # when
        suggestions = suggest(scenario, ladder, journey=journey, snapshots=snaps)
        # then programming (met through Python) is not suggested, the typed role is kept, and no two agree
        assert "programming" not in [s.skill for s in suggestions]
        assert len({s.title for s in suggestions}) == len({s.skill for s in suggestions}) == len(suggestions) == 3
        assert all("Senior Backend Engineer" in s.why for s in suggestions)
