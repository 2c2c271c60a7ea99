"""celebration on known histories: a completed goal, a certification or promotion, an accepted offer."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from api.guidance.conditions import Celebration, default_rules
from api.guidance.facts import ApplicationFact, Draft, GoalFact, JobFact, MilestoneFact, Readiness, StatusChangeFact, UserFacts
from api.guidance.rules.celebration import evaluate
from api.vocabulary import ApplicationStatus, GoalDifficulty, GoalStatus, InsightActionKind, MilestoneKind

NOW = datetime(2025, 6, 11, 14, 0, tzinfo=UTC)  # 2025-06-11 in Berlin
RULE = next(r for r in default_rules() if r["key"] == "celebration")
CONDITIONS = Celebration()  # the last 14 days (2025-05-29 .. 2025-06-11), up to 3 jobs
READINESS = Readiness("Senior Platform Engineer", 75.0, missing=("Terraform",))
JOBS = (
    JobFact(41, "Platform Engineer", "Acme", NOW, skills=("Kubernetes", "Go"), score=82.0),
    JobFact(42, "SRE", "Initech", NOW, skills=("k8s",), score=77.6),
    JobFact(43, "Data Engineer", "Umbrella", NOW, skills=("Spark",), score=95.0),  # best, but unrelated
    JobFact(44, "Cloud Engineer", "Hooli", NOW, skills=("Kubernetes",), score=90.0, applied=True),  # not open
    JobFact(45, "DevOps Engineer", "Globex", NOW, skills=("Kubernetes",), score=60.0),
    JobFact(46, "Kubernetes Admin", "Soylent", NOW, skills=("Kubernetes",), score=None),  # not scored
)


def completed(goal_id: int = 7, on: date = date(2025, 6, 9), status: GoalStatus = GoalStatus.COMPLETED) -> GoalFact:
    return GoalFact(
        goal_id,
        "Pass the CKA exam",
        status,
        GoalDifficulty.HARD,
        100,
        date(2025, 3, 1),
        completed_on=on if status == GoalStatus.COMPLETED else None,
        why="Run Kubernetes clusters at work",
    )


def accepted(application_id: int = 5, status: ApplicationStatus = ApplicationStatus.ACCEPTED) -> ApplicationFact:
    at = datetime(2025, 6, 5, 9, tzinfo=UTC)
    history = (
        StatusChangeFact(None, ApplicationStatus.APPLIED, datetime(2025, 5, 1, tzinfo=UTC)),
        StatusChangeFact(ApplicationStatus.APPLIED, ApplicationStatus.OFFER, datetime(2025, 6, 1, tzinfo=UTC)),
    )
    if status == ApplicationStatus.ACCEPTED:
        history += (StatusChangeFact(ApplicationStatus.OFFER, ApplicationStatus.ACCEPTED, at),)
    return ApplicationFact(
        application_id,
        41,
        "Backend Engineer",
        "Acme",
        status,
        datetime(2025, 4, 30, tzinfo=UTC),
        history[0].changed_at,
        at,
        history,
    )


def facts(**more: Any) -> UserFacts:
    return UserFacts(**{"user_id": 1, "timezone": "Europe/Berlin", "now": NOW, "jobs": JOBS, "readiness": READINESS, **more})


def rendered(draft: Draft) -> tuple[str, str]:
    return RULE["title_template"].format_map(draft.values), RULE["message_template"].format_map(draft.values)


class TestCelebration:
    def test_completed_goal_with_readiness_jobs_and_a_follow_up(self):
        # given a goal about Kubernetes completed two days ago
        history = facts(goals=(completed(),))
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then the best open Kubernetes jobs (not the unrelated 95%, not the applied one) are listed
        assert rendered(draft) == (
            "Congratulations: You completed “Pass the CKA exam”",
            "You completed “Pass the CKA exam”. You now meet 75% of the key skills for Senior Platform Engineer. "
            "Open jobs that now match better: Platform Engineer at Acme (82%), SRE at Initech (78%), "
            "DevOps Engineer at Globex (60%). Next step: Prepare for Senior Platform Engineer interviews.",
        )
        assert [(e.label, e.value) for e in draft.evidence] == [
            ("Achieved on", "2025-06-09"),
            ("Readiness for Senior Platform Engineer", "75% of the key skills"),
            ("Still to learn", "Terraform"),
            ("Platform Engineer at Acme", "82% match"),
            ("SRE at Initech", "78% match"),
            ("DevOps Engineer at Globex", "60% match"),
        ]
        follow_up, *opens = draft.actions
        assert follow_up.kind == InsightActionKind.CREATE_GOAL
        assert follow_up.arguments["title"] == "Prepare for Senior Platform Engineer interviews"
        assert follow_up.arguments["target_date"] == "2025-07-09"
        assert [dict(a.arguments) for a in opens] == [
            {"href": "/jobs/Sm9iOjQx"},
            {"href": "/jobs/Sm9iOjQy"},
            {"href": "/jobs/Sm9iOjQ1"},
            {"href": "/goals/R29hbDo3"},
        ]
        assert draft.dedupe_key == "celebration:goal:7"

    def test_the_readiness_change_of_the_newest_snapshot_is_stated(self):
        # given readiness went from 61.8% (the snapshot before) to 75% (the newest)
        history = facts(goals=(completed(),), readiness=replace(READINESS, previous_percent=61.8), jobs=())
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then
        assert rendered(draft)[1] == (
            "You completed “Pass the CKA exam”. Your readiness for Senior Platform Engineer went from 62% to 75% of the "
            "key skills. Next step: Prepare for Senior Platform Engineer interviews."
        )
        assert (draft.evidence[1].label, draft.evidence[1].value) == (
            "Readiness for Senior Platform Engineer",
            "75% of the key skills (was 62%)",
        )

    def test_an_unchanged_readiness_reads_as_today(self):
        # given the snapshot before gave the same whole percent (74.6% shows as 75%)
        history = facts(goals=(completed(),), readiness=replace(READINESS, previous_percent=74.6), jobs=())
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then
        assert draft.values["readiness_note"] == "You now meet 75% of the key skills for Senior Platform Engineer. "

    def test_certification_milestone(self):
        # given a Kubernetes certification yesterday
        milestone = MilestoneFact(3, MilestoneKind.CERTIFICATION, "Certified Kubernetes Administrator", date(2025, 6, 10))
        # when
        [draft] = evaluate(facts(milestones=(milestone,)), Celebration(max_jobs=1))
        # then
        assert draft.values["achievement"] == "You earned the certification “Certified Kubernetes Administrator”"
        assert draft.values["jobs_note"] == "Open jobs that now match better: Platform Engineer at Acme (82%). "
        assert draft.dedupe_key == "celebration:milestone:3"

    def test_promotion_offers_a_first_90_days_plan(self):
        # given a promotion to Staff Engineer
        milestone = MilestoneFact(4, MilestoneKind.PROMOTION, "Promoted", date(2025, 6, 2), role="Staff Engineer")
        # when
        [draft] = evaluate(facts(milestones=(milestone,)), CONDITIONS)
        # then no skill is named: the best open matches are listed instead
        assert draft.values["achievement"] == "You were promoted to Staff Engineer"
        assert draft.values["next_step"] == "Plan your first 90 days as Staff Engineer"
        assert draft.actions[0].arguments["target_date"] == "2025-09-09"
        assert draft.values["jobs_note"].startswith("Your best open matches: Data Engineer at Umbrella (95%), ")

    def test_accepted_offer(self):
        # given an offer accepted on 2025-06-05
        # when
        [draft] = evaluate(facts(applications=(accepted(),)), CONDITIONS)
        # then
        assert draft.values["achievement"] == "You accepted the offer for Backend Engineer at Acme"
        assert draft.values["next_step"] == "Plan your first 90 days as Backend Engineer at Acme"
        assert draft.dedupe_key == "celebration:application:5"

    def test_without_readiness_or_role(self):
        # given no readiness, no target role and no open jobs
        history = replace(facts(goals=(completed(),)), readiness=None, jobs=())
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then the notes are empty and the template still reads
        assert rendered(draft)[1] == "You completed “Pass the CKA exam”. Next step: Put what you learned into a project."

    def test_silent_for_an_offer_not_accepted(self):
        # given an offer still open
        # when / then
        assert evaluate(facts(applications=(accepted(status=ApplicationStatus.OFFER),)), CONDITIONS) == []

    def test_silent_for_another_kind_of_milestone(self):
        # given a skill-mastery milestone yesterday
        milestone = MilestoneFact(3, MilestoneKind.SKILL_MASTERY, "Kubernetes", date(2025, 6, 10))
        # when / then
        assert evaluate(facts(milestones=(milestone,)), CONDITIONS) == []

    def test_silent_for_an_active_goal(self):
        # given the goal is not completed
        # when / then
        assert evaluate(facts(goals=(completed(status=GoalStatus.ACTIVE),)), CONDITIONS) == []

    def test_lookback_window_edges(self):
        # given goals completed 13 days ago (inside) and 14 days ago (outside)
        inside, outside = completed(1, date(2025, 5, 29)), completed(2, date(2025, 5, 28))
        # when
        drafts = evaluate(facts(goals=(inside, outside)), CONDITIONS)
        # then
        assert [d.dedupe_key for d in drafts] == ["celebration:goal:1"]

    def test_one_insight_per_achievement_with_stable_keys(self):
        # given two completed goals and a certification, evaluated twice
        history = facts(
            goals=(completed(1), completed(2, date(2025, 6, 1))),
            milestones=(MilestoneFact(3, MilestoneKind.CERTIFICATION, "CKA", date(2025, 6, 10)),),
        )
        # when
        first, again = evaluate(history, CONDITIONS), evaluate(history, CONDITIONS)
        # then
        keys = [d.dedupe_key for d in first]
        assert keys == ["celebration:goal:2", "celebration:goal:1", "celebration:milestone:3"]
        assert keys == [d.dedupe_key for d in again]
