"""stale_profile on known histories: snapshots show growth the unchanged profile does not list."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from api.guidance.conditions import StaleProfile, default_rules
from api.guidance.facts import Draft, SnapshotFact, UserFacts
from api.guidance.rules.stale_profile import evaluate
from api.vocabulary import InsightActionKind

NOW = datetime(2025, 6, 11, 14, 0, tzinfo=UTC)  # 2025-06-11 in Berlin; 90 days back: 2025-03-13
RULE = next(r for r in default_rules() if r["key"] == "stale_profile")
CONDITIONS = StaleProfile()  # 90 days, growth of at least 0.2
UPDATED = datetime(2025, 3, 1, 10, tzinfo=UTC)
SNAPSHOTS = (
    SnapshotFact(date(2025, 1, 10), {"Kubernetes": 0.1, "Python": 0.5}),  # before the window
    SnapshotFact(date(2025, 3, 14), {"Kubernetes": 0.4, "Python": 0.6, "Terraform": 0.1}),  # oldest in the window
    SnapshotFact(date(2025, 5, 1), {"Kubernetes": 0.5}),
    SnapshotFact(date(2025, 6, 10), {"kubernetes": 0.8, "Python": 0.9, "Terraform": 0.3, "Go": 0.1}),
)


def facts(
    profile: tuple[str, ...] = ("Python",), updated: datetime | None = UPDATED, snapshots: tuple[SnapshotFact, ...] = SNAPSHOTS
) -> UserFacts:
    return UserFacts(
        user_id=1, timezone="Europe/Berlin", now=NOW, skills=profile, profile_updated_at=updated, snapshots=snapshots
    )


def rendered(draft: Draft) -> tuple[str, str]:
    return RULE["title_template"].format_map(draft.values), RULE["message_template"].format_map(draft.values)


class TestStaleProfile:
    def test_fires_for_grown_skills_the_profile_does_not_list(self):
        # given Kubernetes 0.4 -> 0.8 and Terraform 0.1 -> 0.3 (exactly 0.2) since 2025-03-14, Python listed
        # when
        [draft] = evaluate(facts(), CONDITIONS)
        # then
        assert rendered(draft) == (
            "Your profile is behind your skills",
            "Since 2025-03-14 your snapshots show growth in Kubernetes and Terraform that your profile does not mention. "
            "Add them so matches and résumés reflect where you are.",
        )
        assert [(e.label, e.value) for e in draft.evidence] == [
            ("Kubernetes", "40% → 80% (+40 points) between 2025-03-14 and 2025-06-10"),
            ("Terraform", "10% → 30% (+20 points) between 2025-03-14 and 2025-06-10"),
            ("Profile last updated", "2025-03-01"),
            ("Threshold", "growth of at least 20 points, profile unchanged for 90 days"),
        ]
        assert [(a.kind, dict(a.arguments)) for a in draft.actions] == [(InsightActionKind.OPEN, {"href": "/profile"})]
        assert draft.dedupe_key == "stale_profile:2025-03-01:kubernetes,terraform"

    def test_silent_when_the_profile_changed_recently(self):
        # given the profile changed 89 days ago
        # when / then
        assert evaluate(facts(updated=NOW - timedelta(days=89)), CONDITIONS) == []

    def test_a_profile_never_changed_is_stale(self):
        # given no known profile change
        # when
        [draft] = evaluate(facts(updated=None), CONDITIONS)
        # then
        assert draft.evidence[-2].value == "never"
        assert draft.dedupe_key == "stale_profile:never:kubernetes,terraform"

    def test_silent_when_the_profile_lists_them_by_alias(self):
        # given the profile lists "k8s" and "terraform"
        # when / then
        assert evaluate(facts(profile=("Python", "k8s", "terraform")), CONDITIONS) == []

    def test_silent_just_below_the_growth(self):
        # given a threshold of 0.41: Kubernetes grew 0.4
        # when / then
        assert evaluate(facts(), StaleProfile(min_growth=0.41)) == []

    def test_only_snapshots_within_the_days_count(self):
        # given only one snapshot in the last 90 days (the others older)
        # when / then
        assert evaluate(facts(snapshots=SNAPSHOTS[:1] + SNAPSHOTS[3:]), CONDITIONS) == []

    def test_a_new_skill_counts_from_zero(self):
        # given Go appears at 0.3 in the newest snapshot, absent from the oldest in the window
        snapshots = (*SNAPSHOTS[:3], replace(SNAPSHOTS[3], skills={"Go": 0.3}))
        # when
        [draft] = evaluate(facts(snapshots=snapshots), CONDITIONS)
        # then
        assert draft.values["skills"] == "Go"
        assert draft.evidence[0].value == "0% → 30% (+30 points) between 2025-03-14 and 2025-06-10"

    def test_dedupe_key_changes_with_a_new_grown_skill(self):
        # given the same facts twice, then Go grown too
        snapshots = (*SNAPSHOTS[:3], replace(SNAPSHOTS[3], skills={**SNAPSHOTS[3].skills, "Go": 0.5}))
        # when
        first, again = evaluate(facts(), CONDITIONS)[0].dedupe_key, evaluate(facts(), CONDITIONS)[0].dedupe_key
        more = evaluate(facts(snapshots=snapshots), CONDITIONS)[0].dedupe_key
        # then
        assert first == again == "stale_profile:2025-03-01:kubernetes,terraform"
        assert more == "stale_profile:2025-03-01:go,kubernetes,terraform"
