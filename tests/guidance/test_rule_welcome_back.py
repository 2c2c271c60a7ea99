"""Welcome back: the first visit after 7 or more days away: progress since, the acceleration week,
a trending skill the person cares about, one next step."""

from __future__ import annotations

from datetime import timedelta

from api.guidance.conditions import WelcomeBack
from api.guidance.facts import MarketFacts, SkillDemand
from api.guidance.rules import welcome_back
from api.vocabulary import InsightActionKind
from tests.guidance.known_histories import NOW, TODAY, application, at, days_ago, entries, facts, goal

DEFAULTS = WelcomeBack()
MARKET = MarketFacts(
    window_days=30,
    as_of=TODAY,
    current_total=120,
    previous_total=118,
    skills={
        "kubernetes": SkillDemand("Kubernetes", 31, 22, 120, 118),
        "rust": SkillDemand("Rust", 4, 1, 120, 118),
    },
)
ACCELERATING = {"acceleration": {"week": 3, "sufficient": True}}


def came_back(days: int, **fields):
    return facts(last_seen_at=NOW - timedelta(days=days), **fields)


class TestWhenItFires:
    def test_first_visit_ever_is_silent(self):
        # given
        history = facts(last_seen_at=None, goals=(goal(),))
        # when / then
        assert welcome_back.evaluate(history, DEFAULTS) == []

    def test_six_days_and_23_hours_away_is_silent(self):
        # given
        history = facts(last_seen_at=NOW - timedelta(days=7) + timedelta(hours=1))
        # when / then
        assert welcome_back.evaluate(history, DEFAULTS) == []

    def test_seven_days_away_fires_once_per_previous_visit(self):
        # given
        history = came_back(7)
        # when
        (draft,) = welcome_back.evaluate(history, DEFAULTS)
        # then
        assert draft.values["away_days"] == 7
        assert draft.dedupe_key == f"welcome_back:{days_ago(7).isoformat()}"

    def test_the_persons_threshold_applies(self):
        # given
        history = came_back(9)
        # when / then
        assert welcome_back.evaluate(history, WelcomeBack(away_days=10)) == []


class TestSummary:
    def test_progress_acceleration_trend_and_next_step(self):
        # given 10 points on Kubernetes while away (and 5 before), a quiet Go goal
        history = came_back(
            8,
            goals=(goal(1, "Kubernetes", progress=40), goal(2, "Go", progress=10, started=60)),
            entries=entries(1, 10, amount=5) + entries(1, 3, 2, amount=5),
            patterns=ACCELERATING,
            skills=("Python",),
            market=MARKET,
        )
        # when
        (draft,) = welcome_back.evaluate(history, DEFAULTS)
        # then
        assert draft.values["summary"] == (
            "Since your last visit: +10 points on Kubernetes (now 40%). "
            "You usually pick up speed in week 3 of a goal. "
            "Kubernetes is trending: 31 of 120 postings in the last 30 days vs 22 of 118 before; +39%. "
            "Next step: log progress on Go."
        )
        assert [(a.kind, dict(a.arguments)) for a in draft.actions] == [(InsightActionKind.OPEN, {"href": "/goals/R29hbDoy"})]

    def test_nothing_logged_and_no_trend_behind_too_few_postings(self):
        # given a Rust goal: Rust rose, but only 4 postings name it
        history = came_back(8, goals=(goal(1, "Learn Rust"),), market=MARKET)
        # when
        (draft,) = welcome_back.evaluate(history, DEFAULTS)
        # then
        assert (
            draft.values["summary"] == "No goal progress was logged while you were away. Next step: log progress on Learn Rust."
        )

    def test_a_follow_up_that_is_due_is_the_next_step(self):
        # given
        history = came_back(8, goals=(goal(),), applications=(application(changed=at(days_ago(9), 9)),))
        # when
        (draft,) = welcome_back.evaluate(history, DEFAULTS)
        # then
        assert draft.values["summary"].endswith("Next step: follow up on Platform Engineer at Acme.")
        assert [(a.kind, dict(a.arguments)) for a in draft.actions] == [
            (InsightActionKind.DRAFT_EMAIL, {"application_id": 7, "email_kind": "follow_up"})
        ]

    def test_without_goals_a_first_goal_is_suggested(self):
        # given
        history = came_back(30)
        # when
        (draft,) = welcome_back.evaluate(history, DEFAULTS)
        # then
        assert draft.values["summary"].endswith("Next step: set a goal to work towards.")
        assert draft.actions[0].arguments == {"href": "/goals"}
