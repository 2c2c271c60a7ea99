"""urgent_skill_gap on known histories: a missing must-have in a growing share of the person's jobs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from api.guidance.conditions import UrgentSkillGap, default_rules
from api.guidance.facts import Draft, JobFact, UserFacts
from api.guidance.rules.urgent_skill_gap import evaluate
from api.vocabulary import InsightActionKind

NOW = datetime(2025, 6, 11, 14, 0, tzinfo=UTC)
RULE = next(r for r in default_rules() if r["key"] == "urgent_skill_gap")
CONDITIONS = UrgentSkillGap()  # share >= 30%, +10 points, 30 days, at least 5 jobs


def jobs(first_id: int, count: int, requiring: int, days_ago: int, must: str = "Kubernetes") -> tuple[JobFact, ...]:
    """`count` jobs created `days_ago` days before the run, the first `requiring` naming `must` as a must-have."""
    return tuple(
        JobFact(
            first_id + i,
            f"Engineer {first_id + i}",
            "Acme",
            NOW - timedelta(days=days_ago, minutes=i),
            skills=("Python", "Kubernetes"),
            must_haves=("Python", must) if i < requiring else ("Python",),
        )
        for i in range(count)
    )


def facts(*groups: tuple[JobFact, ...], skills: tuple[str, ...] = ("Python",)) -> UserFacts:
    return UserFacts(user_id=1, timezone="Europe/Berlin", now=NOW, skills=skills, jobs=tuple(j for g in groups for j in g))


def rendered(draft: Draft) -> tuple[str, str]:
    return RULE["title_template"].format_map(draft.values), RULE["message_template"].format_map(draft.values)


# 4 of 10 recent jobs require Kubernetes (one says "k8s"), 1 of 10 before
RECENT = jobs(100, 9, 3, days_ago=5) + jobs(200, 1, 1, days_ago=6, must="k8s")
BEFORE = jobs(300, 10, 1, days_ago=40)


class TestUrgentSkillGap:
    def test_fires_with_the_share_and_the_rise(self):
        # given
        history = facts(RECENT, BEFORE)
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then
        assert dict(draft.values) == {
            "skill": "Kubernetes",
            "share": 40,
            "count": 4,
            "jobs": 10,
            "window_days": 30,
            "previous_share": 10,
        }
        assert (
            draft.evidence[0].value == "must-have in 4 of 10 jobs in the last 30 days (40%) vs 1 of 10 before (10%); +30 points"
        )
        assert draft.evidence[1].value == "does not list Kubernetes"
        assert rendered(draft) == (
            "Kubernetes is now a must-have in 40% of your jobs",
            "Kubernetes is required by 4 of your 10 saved and recommended jobs from the last 30 days (40%, up from 10%), "
            "and your profile does not list it.",
        )
        create, market = draft.actions
        assert create.kind == InsightActionKind.CREATE_GOAL
        assert create.arguments["title"] == "Learn Kubernetes"
        assert create.arguments["target_date"] == "2025-08-06"
        assert (market.kind, dict(market.arguments)) == (InsightActionKind.OPEN, {"href": "/market"})

    def test_fires_exactly_at_the_thresholds(self):
        # given 3 of 10 (30%) now vs 2 of 10 (20%) before: exactly 30% and +10 points
        history = facts(jobs(100, 10, 3, days_ago=3), jobs(300, 10, 2, days_ago=45))
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then
        assert (draft.values["share"], draft.values["previous_share"]) == (30, 20)

    def test_silent_just_below_the_share(self):
        # given 3 of 11 recent jobs (27.3%)
        # when / then
        assert evaluate(facts(jobs(100, 11, 3, days_ago=3)), CONDITIONS) == []

    def test_silent_when_the_share_did_not_rise_enough(self):
        # given 4 of 10 (40%) now vs 4 of 13 (30.8%) before: +9.2 points
        history = facts(jobs(100, 10, 4, days_ago=3), jobs(300, 13, 4, days_ago=45))
        # when / then
        assert evaluate(history, CONDITIONS) == []

    def test_silent_with_too_few_jobs(self):
        # given only 4 recent jobs, all requiring it
        # when / then
        assert evaluate(facts(jobs(100, 4, 4, days_ago=3)), CONDITIONS) == []

    def test_jobs_outside_the_window_do_not_count(self):
        # given the 10 requiring jobs are 31 days old (the previous window) and nothing requires it now
        history = facts(jobs(100, 10, 0, days_ago=3), jobs(300, 10, 10, days_ago=31))
        # when / then
        assert evaluate(history, CONDITIONS) == []

    def test_silent_when_the_profile_lists_it_by_alias(self):
        # given the profile says "K8s"
        # when / then
        assert evaluate(facts(RECENT, BEFORE, skills=("Python", "K8s")), CONDITIONS) == []

    def test_optional_skills_do_not_count(self):
        # given every job names Kubernetes among its skills but none requires it
        # when / then
        assert evaluate(facts(jobs(100, 10, 0, days_ago=3)), CONDITIONS) == []

    def test_dedupe_key_names_the_skill_and_the_week(self):
        # given the same facts twice, then a week later with the same jobs moved along
        history = facts(RECENT, BEFORE)
        later = replace(history, now=NOW + timedelta(days=7))
        # when
        first, again, next_week = (evaluate(h, CONDITIONS)[0].dedupe_key for h in (history, history, later))
        # then
        assert first == again == "urgent_skill_gap:kubernetes:2025-W24"
        assert next_week == "urgent_skill_gap:kubernetes:2025-W25"
