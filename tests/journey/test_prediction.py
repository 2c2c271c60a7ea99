"""Known-answer tests for predict_next_milestone."""

from __future__ import annotations

import json
from datetime import date

import pytest

from api.journey.ladder import load_ladder
from api.journey.prediction import predict_next_milestone
from api.journey.records import Journey, PeerTransition, SkillSnapshot, to_jsonable
from api.vocabulary import MilestoneKind
from tests.support.histories import (
    SENIOR_READY_SKILLS,
    TODAY,
    engineer_journey,
    milestone,
    steady_engineer_milestones,
    yearly_snapshots,
)

READY = [
    SkillSnapshot(
        date(2024, 6, 30),
        {
            "programming": 0.7,
            "testing": 0.6,
            "system design": 0.5,
            "code review": 0.5,
            "mentoring": 0.3,
            "communication": 0.5,
        },
    ),
    SkillSnapshot(
        date(2025, 6, 1),
        SENIOR_READY_SKILLS,
    ),
]
# two milestones in each of the last two years -> "steady" pace, no speed-up or slow-down
STEADY = [
    milestone("certification", date(2023, 9, 1)),
    milestone("project_completion", date(2024, 3, 1)),
    milestone("certification", date(2024, 9, 1)),
    milestone("skill_mastery", date(2025, 3, 1)),
]


@pytest.fixture(scope="module")
def ladder():
    return load_ladder()


def peers(n: int, years: float = 2.5) -> list[PeerTransition]:
    return [PeerTransition("Software Engineer", "Senior Software Engineer", years, f"peer-{i}") for i in range(n)]


class TestPredictPromotion:
    def test_ready_engineer_is_promoted_after_the_typical_three_years(self, ladder):
        # given a Software Engineer since 2023-06-30 who meets every Senior key skill
        # when
        p = predict_next_milestone(engineer_journey(), STEADY, READY, ladder, TODAY)
        # then: 2023-06-30 + 3 x 365.25 days
        assert p.kind == MilestoneKind.PROMOTION
        assert p.title == "Promotion to Senior Software Engineer"
        assert p.expected_date == date(2026, 6, 30)
        # 0.2 base + 0.2 ladder + 0.1 tenure + 0.15 skills + 0.1 growth rate + 0.1 history
        assert p.confidence == 0.85
        assert p.readiness == 1.0 and p.skill_gaps == ()
        assert p.reasons == (
            "A typical Software Engineer becomes Senior Software Engineer after 3 years.",
            "You've been Software Engineer for 2.0 years.",
            "You meet 6 of 6 key skills for Senior Software Engineer (readiness 100%).",
        )
        assert (p.based_on.milestones, p.based_on.snapshots, p.based_on.peer_users) == (4, 2, 0)

    def test_overdue_move_is_expected_within_a_quarter(self, ladder):
        # given the same engineer but in the role since 2021
        p = predict_next_milestone(engineer_journey(started=date(2021, 1, 1)), STEADY, READY, ladder, TODAY)
        # then
        assert p.expected_date == date(2025, 9, 29)  # today + 91 days
        assert "You've been Software Engineer for 4.5 years, longer than the typical 3; the move is due." in p.reasons

    def test_multi_hop_target_without_role_start(self, ladder):
        # given a target two moves away and no role start date, one snapshot
        journey = engineer_journey(target="Staff Engineer", started=None)
        # when
        p = predict_next_milestone(journey, [], READY[-1:], ladder, TODAY)
        # then: 6.5 years x (1 - readiness 0.643)
        assert p.title == "Promotion to Staff Engineer"
        assert p.expected_date == date(2027, 10, 26)
        assert p.confidence == 0.35  # (0.2 + 0.2 - 0.1 (two moves) + 0.15 skills) x (0.35 + 0.65 x readiness 0.643)
        assert p.reasons[0] == ("Staff Engineer is 2 moves away (via Senior Software Engineer); that typically takes 6.5 years.")
        assert p.reasons[-1].startswith("Your biggest gap is technical strategy (0.00 of 0.60)")


class TestPredictSkillMastery:
    def test_biggest_gap_is_the_next_milestone(self, ladder):
        # given skills growing +0.2/year, code review at 0 (needs 0.7), milestone pace faster
        # when
        p = predict_next_milestone(engineer_journey(), steady_engineer_milestones(), yearly_snapshots(), ladder, TODAY)
        # then: 0.7 / 0.2 = 3.5 years = 1278 days, x 0.85 for the faster pace = 1086 days
        assert p.kind == MilestoneKind.SKILL_MASTERY
        assert p.title == "Reach 0.70 in code review"
        assert p.expected_date == date(2028, 6, 20)
        assert p.confidence == 0.43  # 0.85 of evidence x (0.35 + 0.65 x readiness)
        assert "Your milestone pace is faster than the year before, so the date moves earlier." in p.reasons
        assert p.reasons[-1] == (
            "Code review is your biggest gap for Senior Software Engineer "
            "(0.00 of 0.70); at your pace of +0.20/year it is the next milestone on the way."
        )
        assert p.readiness == 0.244


class TestPredictWithPeers:
    def test_five_peers_refine_timing_without_leaking_values(self, ladder):
        # given 5 distinct peers who each moved after 2.5 years
        p = predict_next_milestone(engineer_journey(), STEADY, READY, ladder, TODAY, peers(5))
        # then: 2023-06-30 + 2.5 x 365.25 days
        assert p.expected_date == date(2025, 12, 29)
        assert p.confidence == 0.95  # capped
        assert p.based_on.peer_users == 5
        assert "Timing refined with anonymised moves of 5 peers." in p.reasons
        assert not any("2.5" in r or "peer-" in r for r in p.reasons)
        assert "peer-" not in json.dumps(to_jsonable(p))

    def test_fewer_than_five_distinct_peers_are_ignored(self, ladder):
        # given 4 distinct peers plus a duplicate of one of them and an unkeyed tuple
        rows = [
            *peers(4, years=1.0),
            PeerTransition("swe", "senior engineer", 1.0, "peer-0"),
            ("Software Engineer", "Senior Software Engineer", 1.0),
        ]
        # when
        p = predict_next_milestone(engineer_journey(), STEADY, READY, ladder, TODAY, rows)
        # then the date is the ladder one and no count is mentioned
        assert p.expected_date == date(2026, 6, 30)
        assert p.based_on.peer_users == 0
        assert "Not enough peer data yet to refine the timing." in p.reasons
        assert not any("4" in r for r in p.reasons)

    def test_peers_for_other_transitions_do_not_count(self, ladder):
        rows = [PeerTransition("Data Analyst", "Data Scientist", 1.0, f"p{i}") for i in range(9)]
        p = predict_next_milestone(engineer_journey(), STEADY, READY, ladder, TODAY, rows)
        assert p.based_on.peer_users == 0 and p.expected_date == date(2026, 6, 30)


class TestPredictFallbacks:
    def test_role_off_the_ladder_uses_the_stage_pace(self, ladder):
        p = predict_next_milestone(Journey("Astronaut", "senior"), [], [], ladder, TODAY)
        assert p.kind == MilestoneKind.OTHER
        assert p.title == "Next career step after Astronaut"
        assert p.expected_date == date(2028, 12, 29)  # 3.5 years
        assert p.confidence == 0.12  # 0.2 x 0.6: no skills compared
        assert p.reasons == (
            "The next role is not on the usual ladder from Astronaut; using the typical senior-stage pace of 3.5 years.",
        )

    def test_no_target_defaults_to_the_usual_next_role(self, ladder):
        p = predict_next_milestone(Journey("data analyst", "mid"), [], [], ladder, TODAY)
        assert p.title == "Promotion to Senior Data Analyst"
        assert p.reasons[0] == "No target role set; the usual next step for data analyst is Senior Data Analyst."  # as typed
        assert p.expected_date == date(2027, 12, 30)  # 2.5 years

    def test_unknown_target_is_a_new_role(self, ladder):
        p = predict_next_milestone(engineer_journey(target="Astronaut"), [], [], ladder, TODAY)
        assert (p.kind, p.title) == (MilestoneKind.NEW_ROLE, "Move to Astronaut")

    def test_target_equal_to_current_role_moves_one_step_up(self, ladder):
        p = predict_next_milestone(engineer_journey(target="swe"), STEADY, READY, ladder, TODAY)
        assert p.reasons[0] == ("You're already Software Engineer; the usual next step is Senior Software Engineer.")
        assert p.title == "Promotion to Senior Software Engineer"


class TestPredictionFollowsReadiness:
    """One readiness model drives both the date and the confidence."""

    def test_backend_engineer_with_low_readiness_gets_no_near_confident_promotion(self, ladder):
        # given the reported person: "Backend Engineer" for 4.5 years (past the typical 3), steady
        # milestones, Python 0.8 and AWS 0.5 rated
        journey = Journey("Backend Engineer", "mid", None, date(2021, 1, 1))
        snaps = [SkillSnapshot(date(2025, 6, 1), {"Python": 0.8, "AWS": 0.5})]
        # when
        p = predict_next_milestone(journey, STEADY, snaps, ladder, TODAY)
        # then the typed role is kept, Python counts, and a low readiness keeps the move far and unsure
        assert p.current_role == "Backend Engineer"
        assert p.target_role == "Senior Backend Engineer"
        assert p.title == "Promotion to Senior Backend Engineer"
        assert {g.skill: g.matched_by for g in p.key_skills}["programming"] == "Python"
        assert p.readiness == pytest.approx(0.167, abs=0.001)
        assert (p.expected_date - TODAY).days > 2 * 365
        assert p.confidence < 0.35
        assert any("programming from Python" in r for r in p.reasons)

    @pytest.mark.parametrize("started", [None, date(2021, 1, 1)])
    def test_more_readiness_never_means_a_later_date_or_less_confidence(self, ladder, started):
        # given the same history at rising skill levels
        journey = engineer_journey(started=started)
        results = []
        for level in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0):
            snaps = [SkillSnapshot(date(2025, 6, 1), dict.fromkeys(SENIOR_READY_SKILLS, level))]
            results.append(predict_next_milestone(journey, STEADY, snaps, ladder, TODAY))
        # then readiness rises, the date never moves later and the confidence never drops
        readiness = [p.readiness for p in results]
        assert readiness == sorted(readiness) and readiness[0] < readiness[-1]
        dates = [p.expected_date for p in results]
        assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1]
        confidences = [p.confidence for p in results]
        assert confidences == sorted(confidences) and confidences[0] < confidences[-1]
