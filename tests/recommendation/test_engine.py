"""The pure recommendation engine on known histories: each type appears when its facts hold and
not otherwise, scores stay in 0..1 with their explanations, and the facts key moves only with
material changes."""

from __future__ import annotations

from datetime import date

from api.journey.ladder import load_ladder
from api.journey.records import CareerContext, Goal, Journey, SkillSnapshot
from api.market.gaps import skill_gaps
from api.recommendation.engine import MarketTrend, RecommendationFacts, load_certifications, recommend
from api.vocabulary import RecommendationType

TODAY = date(2026, 3, 2)
JOBS = [["Kubernetes", "Python"], ["Kubernetes", "Go"], ["Kubernetes", "Python", "AWS"], ["Python"]]


def facts(**overrides) -> RecommendationFacts:
    values = {
        "today": TODAY,
        "journey": Journey(current_role="Software Engineer", career_stage="mid", target_role="Senior Software Engineer"),
        "ladder": load_ladder(),
        "profile_skills": ("Python",),
        "snapshot": SkillSnapshot(date(2026, 2, 1), {"programming": 0.7, "testing": 0.5, "system design": 0.4}),
        "gaps": tuple(skill_gaps(["Python"], JOBS).gaps),
        "jobs_considered": len(JOBS),
        "trends": {"kubernetes": MarketTrend(40.0, 60), "aws": MarketTrend(-20.0, 30)},
        "context": CareerContext(learning_preferences=("hands_on",), hours_per_week=5),
        "certifications": load_certifications(),
    }
    values.update(overrides)
    return RecommendationFacts(**values)


def by_type(found, kind: RecommendationType):
    return [c for c in found if c.type == kind]


class TestRecommend:
    def test_every_type_appears_when_its_facts_hold(self):
        # given: gaps in the jobs, a preferred format, a target role and a low response rate
        # when
        found = recommend(facts(applied=12, response_rate=8.3))
        # then
        assert {c.type for c in found} == set(RecommendationType)
        assert by_type(found, RecommendationType.SKILL_FOCUS)[0].subject_key == "skill_focus:kubernetes"
        assert by_type(found, RecommendationType.NEXT_GOAL)[0].subject_key == "next_goal:senior_software_engineer"
        assert by_type(found, RecommendationType.COURSE)[0].title == "Do a hands-on lab course on Kubernetes"
        assert by_type(found, RecommendationType.CERTIFICATION)[0].subject_key == "certification:cka"

    def test_reasoning_states_the_numbers(self):
        # when
        focus = by_type(recommend(facts()), RecommendationType.SKILL_FOCUS)[0]
        # then
        assert "3 of your 4 jobs (75%)" in focus.reasoning and "+40%" in focus.reasoning and "60 postings" in focus.reasoning

    def test_scores_stay_in_range_and_each_is_explained(self):
        # when
        found = recommend(facts(applied=12, response_rate=8.3))
        # then
        for c in found:
            assert all(0 <= v <= 1 for v in (c.confidence, c.market_relevance, c.personal_fit)), c
            assert [s.name for s in c.scoring] == ["confidence", "market_relevance", "personal_fit"]
            assert all(s.explanation for s in c.scoring)
            assert {s.name: s.value for s in c.scoring}["confidence"] == c.confidence
            assert c.goal_steps and c.time_to_complete_days > 0

    def test_ranked_best_first(self):
        # when
        found = recommend(facts(applied=12, response_rate=8.3))
        # then
        assert [c.rank_score for c in found] == sorted((c.rank_score for c in found), reverse=True)

    def test_no_gaps_no_format_no_role_and_answered_applications_suggest_nothing(self):
        # given: a role the ladder does not know, no jobs, no format, most applications answered
        quiet = facts(
            journey=Journey(current_role="Beekeeper", career_stage="mid"),
            gaps=(),
            jobs_considered=0,
            context=CareerContext(),
            applied=10,
            response_rate=60.0,
        )
        # when / then
        assert recommend(quiet) == []

    def test_a_course_needs_a_known_learning_format(self):
        # when
        found = recommend(facts(context=CareerContext()))
        # then
        assert by_type(found, RecommendationType.COURSE) == []

    def test_networking_needs_a_low_response_rate_or_a_role_change(self):
        # given: enough applications, a response rate above 20 %, the usual next role
        # when
        answered = recommend(facts(applied=10, response_rate=40.0))
        few = recommend(facts(applied=3, response_rate=0.0))
        pivot = recommend(
            facts(journey=Journey(current_role="Software Engineer", career_stage="mid", target_role="Staff Engineer"))
        )
        # then
        assert by_type(answered, RecommendationType.NETWORKING) == []
        assert by_type(few, RecommendationType.NETWORKING) == []
        assert by_type(pivot, RecommendationType.NETWORKING)[0].title == "Reach out to 3 people working as Staff Engineer"

    def test_a_skill_an_active_goal_pursues_is_not_suggested(self):
        # given
        goal = Goal(id=1, title="Learn Kubernetes", created_on=date(2026, 2, 1))
        # when
        found = recommend(facts(goals=(goal,)))
        # then
        assert not [c for c in found if c.subject_key in ("skill_focus:kubernetes", "course:kubernetes")]
        assert by_type(found, RecommendationType.SKILL_FOCUS)[0].subject_key != "skill_focus:kubernetes"


class TestFactsKey:
    def test_a_small_trend_wobble_keeps_the_key(self):
        # when
        before = by_type(recommend(facts()), RecommendationType.SKILL_FOCUS)[0]
        after = by_type(recommend(facts(trends={"kubernetes": MarketTrend(43.0, 70)})), RecommendationType.SKILL_FOCUS)[0]
        # then
        assert before.facts_key == after.facts_key

    def test_a_trend_jump_changes_the_key(self):
        # when
        before = by_type(recommend(facts()), RecommendationType.SKILL_FOCUS)[0]
        after = by_type(recommend(facts(trends={"kubernetes": MarketTrend(90.0, 70)})), RecommendationType.SKILL_FOCUS)[0]
        # then
        assert before.subject_key == after.subject_key and before.facts_key != after.facts_key
