"""market_nudge on known histories: a goal's skill or a skill gap whose share of postings rose."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from api.guidance.conditions import MarketNudge, default_rules
from api.guidance.facts import Draft, GoalFact, JobFact, MarketFacts, SkillDemand, UserFacts
from api.guidance.rules.market_nudge import evaluate
from api.vocabulary import GoalDifficulty, GoalStatus, InsightActionKind

NOW = datetime(2025, 6, 11, 14, 0, tzinfo=UTC)
RULE = next(r for r in default_rules() if r["key"] == "market_nudge")
CONDITIONS = MarketNudge()  # +20% or more, at least 20 postings
KUBERNETES = SkillDemand("Kubernetes", current=31, previous=22, current_total=120, previous_total=118)  # +38.56%


def market(*demands: SkillDemand, as_of: date = date(2025, 6, 11)) -> MarketFacts:
    return MarketFacts(
        window_days=30, as_of=as_of, current_total=120, previous_total=118, skills={d.skill.lower(): d for d in demands}
    )


def goal(
    status: GoalStatus = GoalStatus.ACTIVE, title: str = "Pass the CKA exam", why: str = "Run Kubernetes at work"
) -> GoalFact:
    return GoalFact(7, title, status, GoalDifficulty.MEDIUM, 40, date(2025, 5, 1), why=why)


def facts(*demands: SkillDemand, goals: tuple[GoalFact, ...] = (), **more: Any) -> UserFacts:
    return UserFacts(user_id=1, timezone="Europe/Berlin", now=NOW, goals=goals, market=market(*demands), **more)


def rendered(draft: Draft) -> tuple[str, str]:
    return RULE["title_template"].format_map(draft.values), RULE["message_template"].format_map(draft.values)


class TestMarketNudge:
    def test_fires_for_a_skill_of_an_active_goal(self):
        # given an active goal naming Kubernetes in its why, whose share of postings rose 38.56%
        history = facts(KUBERNETES, goals=(goal(),))
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then the numbers and the minimum are stated, and the action opens the goal
        assert draft.values["rise"] == 39
        assert draft.evidence[0].label == "Kubernetes"
        assert draft.evidence[0].value == "31 of 120 postings in the last 30 days vs 22 of 118 before; +39%"
        assert draft.evidence[1].value == "25.8% vs 18.6%"
        assert draft.evidence[2].value == "a rise of at least 20% with at least 20 postings in the window (31 found)"
        assert [(a.kind, dict(a.arguments)) for a in draft.actions] == [(InsightActionKind.OPEN, {"href": "/goals/R29hbDo3"})]
        assert rendered(draft) == (
            "Demand for Kubernetes is up 39%",
            "Kubernetes appeared in 31 of 120 postings in the last 30 days vs 22 of 118 before (+39%). "
            "A good moment to accelerate your goal “Pass the CKA exam”.",
        )

    def test_matches_an_alias_in_the_goal_title(self):
        # given the goal says "k8s" only
        history = facts(KUBERNETES, goals=(goal(title="Get fluent in k8s", why=""),))
        # when
        drafts = evaluate(history, CONDITIONS)
        # then
        assert [d.values["skill"] for d in drafts] == ["Kubernetes"]

    def test_short_skill_names_match_with_their_case(self):
        # given Go rising, one goal naming the language and one using the verb
        go = SkillDemand("Go", current=40, previous=20, current_total=120, previous_total=118)
        language = replace(goal(title="Build a Go service", why=""), id=8)
        verb = goal(title="go to three meetups", why="meet people, go early")
        # when
        [draft] = evaluate(facts(go, goals=(verb, language)), CONDITIONS)
        # then
        assert draft.actions[0].arguments == {"href": "/goals/R29hbDo4"}

    def test_fires_for_a_skill_gap_with_a_goal_to_create(self):
        # given a job requiring Terraform, missing from the profile: 30 of 120 vs 24 of 118 (+22.9%)
        terraform = SkillDemand("Terraform", current=30, previous=24, current_total=120, previous_total=118)
        job = JobFact(41, "Platform Engineer", "Acme", NOW, skills=("Terraform", "Go"), must_haves=("terraform",))
        history = facts(terraform, jobs=(job,), skills=("Go",))
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then
        assert draft.values["rise"] == 23
        [action] = draft.actions
        assert action.kind == InsightActionKind.CREATE_GOAL
        assert action.arguments["title"] == "Learn Terraform"
        assert action.arguments["target_date"] == "2025-08-06"
        assert action.arguments["why"] == "Demand for Terraform rose 23% in the last 30 days and your jobs require it."
        assert len(action.arguments["steps"]) == 3
        assert draft.evidence[3].label == "Skill gap"

    def test_fires_exactly_at_the_threshold(self):
        # given 30 of 100 vs 25 of 100: exactly +20%
        demand = SkillDemand("Kubernetes", current=30, previous=25, current_total=100, previous_total=100)
        # when
        [draft] = evaluate(facts(demand, goals=(goal(),)), CONDITIONS)
        # then
        assert draft.values["rise"] == 20

    def test_silent_just_below_the_rise(self):
        # given 30 of 101 vs 25 of 100: +18.8%
        demand = SkillDemand("Kubernetes", current=30, previous=25, current_total=101, previous_total=100)
        # when / then
        assert evaluate(facts(demand, goals=(goal(),)), CONDITIONS) == []

    def test_silent_with_too_few_postings(self):
        # given a steep rise (+100%) behind 19 postings, one short of the minimum of 20
        few = SkillDemand("Kubernetes", current=19, previous=9, current_total=100, previous_total=95)
        enough = replace(few, current=20)
        # when / then
        assert evaluate(facts(few, goals=(goal(),)), CONDITIONS) == []
        assert len(evaluate(facts(enough, goals=(goal(),)), CONDITIONS)) == 1

    def test_silent_with_no_baseline(self):
        # given no postings named the skill in the previous window
        demand = SkillDemand("Kubernetes", current=31, previous=0, current_total=120, previous_total=118)
        # when / then
        assert evaluate(facts(demand, goals=(goal(),)), CONDITIONS) == []

    def test_silent_for_a_paused_goal(self):
        # given the goal naming Kubernetes is paused
        history = facts(KUBERNETES, goals=(goal(status=GoalStatus.PAUSED),))
        # when / then
        assert evaluate(history, CONDITIONS) == []

    def test_silent_for_a_must_have_the_profile_lists_by_alias(self):
        # given the job requires Kubernetes and the profile says "k8s"
        job = JobFact(41, "Platform Engineer", "Acme", NOW, must_haves=("Kubernetes",))
        # when / then
        assert evaluate(facts(KUBERNETES, jobs=(job,), skills=("k8s",)), CONDITIONS) == []

    def test_silent_without_market_facts(self):
        # given no market facts loaded
        history = replace(facts(goals=(goal(),)), market=None)
        # when / then
        assert evaluate(history, CONDITIONS) == []

    def test_dedupe_key_names_the_skill_and_the_market_week(self):
        # given the same facts twice, then the market of the next week
        history = facts(KUBERNETES, goals=(goal(),))
        next_week = replace(history, market=market(KUBERNETES, as_of=date(2025, 6, 18)))
        # when
        first, again, later = (evaluate(h, CONDITIONS)[0].dedupe_key for h in (history, history, next_week))
        # then
        assert first == again == "market_nudge:kubernetes:2025-W24"
        assert later == "market_nudge:kubernetes:2025-W25"
