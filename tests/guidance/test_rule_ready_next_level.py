"""ready_next_level on known histories: readiness for the target role at or above the threshold."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from api.guidance.conditions import ReadyNextLevel, default_rules
from api.guidance.facts import Draft, JobFact, Readiness, UserFacts
from api.guidance.rules.ready_next_level import evaluate
from api.vocabulary import InsightActionKind

NOW = datetime(2025, 6, 11, 14, 0, tzinfo=UTC)
RULE = next(r for r in default_rules() if r["key"] == "ready_next_level")
CONDITIONS = ReadyNextLevel()  # 80%, up to 3 jobs
ROLE = "Senior Platform Engineer"
JOBS = (
    JobFact(41, "Platform Engineer", "Acme", NOW, score=70.0),  # 2 role words
    JobFact(42, "Senior Platform Engineer", "Initech", NOW, score=65.0),  # 3 role words
    JobFact(43, "Data Analyst", "Umbrella", NOW, score=95.0),  # none, best score
    JobFact(44, "Senior Backend Engineer", "Globex", NOW, score=88.0),  # 2 role words, higher score than 41
    JobFact(45, "Senior Platform Engineer", "Hooli", NOW, score=99.0, applied=True),  # already applied
    JobFact(46, "Platform Engineer II", "Soylent", NOW, score=None),  # not scored
)


def facts(percent: float, jobs: tuple[JobFact, ...] = JOBS, previous: float | None = None) -> UserFacts:
    readiness = Readiness(ROLE, percent, missing=("Terraform",), previous_percent=previous)
    return UserFacts(user_id=1, timezone="Europe/Berlin", now=NOW, readiness=readiness, jobs=jobs)


def rendered(draft: Draft) -> tuple[str, str]:
    return RULE["title_template"].format_map(draft.values), RULE["message_template"].format_map(draft.values)


class TestReadyNextLevel:
    def test_fires_with_jobs_naming_the_role_first(self):
        # given readiness of 82.4%
        # when
        [draft] = evaluate(facts(82.4), CONDITIONS)
        # then
        assert rendered(draft) == (
            "Ready for Senior Platform Engineer",
            "You now meet 82% of the key skills for Senior Platform Engineer. 3 jobs to look at now: "
            "Senior Platform Engineer at Initech (65%), Senior Backend Engineer at Globex (88%), Platform Engineer at Acme (70%).",
        )
        assert [(e.label, e.value) for e in draft.evidence] == [
            ("Readiness", "82% of the key skills for Senior Platform Engineer (threshold 80%)"),
            ("Still to learn", "Terraform"),
            ("Senior Platform Engineer at Initech", "65% match"),
            ("Senior Backend Engineer at Globex", "88% match"),
            ("Platform Engineer at Acme", "70% match"),
        ]
        assert [(a.kind, a.arguments["href"]) for a in draft.actions] == [
            (InsightActionKind.OPEN, "/jobs/Sm9iOjQy"),
            (InsightActionKind.OPEN, "/jobs/Sm9iOjQ0"),
            (InsightActionKind.OPEN, "/jobs/Sm9iOjQx"),
        ]

    def test_fires_exactly_at_the_threshold_without_jobs(self):
        # given readiness of exactly 80% and no jobs
        # when
        [draft] = evaluate(facts(80.0, jobs=()), CONDITIONS)
        # then
        assert draft.values["jobs_note"] == "Save a few Senior Platform Engineer postings to see how you match."
        assert [(a.kind, a.arguments["href"]) for a in draft.actions] == [(InsightActionKind.OPEN, "/discover")]

    def test_the_rise_since_the_snapshot_before_is_mentioned(self):
        # given readiness rose from 73.6% to 82.4% with the newest skill snapshot
        # when
        [draft] = evaluate(facts(82.4, jobs=(), previous=73.6), CONDITIONS)
        # then
        assert rendered(draft)[1] == (
            "You now meet 82% of the key skills for Senior Platform Engineer. That is up from 74% before your newest "
            "skill snapshot. Save a few Senior Platform Engineer postings to see how you match."
        )
        assert draft.evidence[0].value == "82% of the key skills for Senior Platform Engineer (threshold 80%), up from 74%"

    def test_no_rise_is_mentioned_when_readiness_did_not_rise(self):
        # given the newest snapshot lowered readiness (84.6% before, 82.4% now)
        # when
        [draft] = evaluate(facts(82.4, jobs=(), previous=84.6), CONDITIONS)
        # then
        assert draft.values["jobs_note"] == "Save a few Senior Platform Engineer postings to see how you match."
        assert draft.evidence[0].value == "82% of the key skills for Senior Platform Engineer (threshold 80%)"

    def test_silent_just_below_the_threshold(self):
        # given 79.9%
        # when / then
        assert evaluate(facts(79.9), CONDITIONS) == []

    def test_silent_without_readiness(self):
        # given no prediction yet
        # when / then
        assert evaluate(replace(facts(90.0), readiness=None), CONDITIONS) == []

    def test_dedupe_key_is_the_role_and_threshold(self):
        # given the same crossing seen twice (at another readiness), then a raised threshold
        # when
        first = evaluate(facts(82.4), CONDITIONS)[0].dedupe_key
        again = evaluate(facts(85.0), CONDITIONS)[0].dedupe_key
        higher = evaluate(facts(92.0), ReadyNextLevel(readiness_percent=90))[0].dedupe_key
        # then
        assert first == again == "ready_next_level:senior platform engineer:80"
        assert higher == "ready_next_level:senior platform engineer:90"
