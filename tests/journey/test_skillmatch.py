"""Known-answer tests for matching the ladder's key skills to the skills a person rates."""

from __future__ import annotations

from datetime import date

import pytest

from api.journey.ladder import load_ladder, role_name, skill_readiness
from api.journey.records import SkillSnapshot
from api.journey.skillmatch import match_key_skills


@pytest.fixture(scope="module")
def ladder():
    return load_ladder()


class TestMatchKeySkills:
    def test_a_language_shows_programming(self):
        # given Python rated 0.8
        # when
        matches = match_key_skills({"programming": 0.8}, {"Python": 0.8})
        # then
        assert (matches["programming"].level, matches["programming"].via) == (0.8, "Python")

    def test_a_cloud_platform_shows_cloud_infrastructure(self):
        matches = match_key_skills({"cloud infrastructure": 0.6}, {"AWS": 0.5})
        assert (matches["cloud infrastructure"].level, matches["cloud infrastructure"].via) == (0.5, "AWS")

    def test_an_alias_is_the_same_skill(self):
        matches = match_key_skills({"kubernetes": 0.4}, {"k8s": 0.3})
        assert (matches["kubernetes"].level, matches["kubernetes"].via) == (0.3, "k8s")

    def test_a_specialisation_meets_its_general_skill(self):
        # PostgreSQL sits under SQL in api/skill/relations.py
        matches = match_key_skills({"sql": 0.7}, {"PostgreSQL": 0.6})
        assert (matches["sql"].level, matches["sql"].via) == (0.6, "PostgreSQL")

    def test_the_best_rated_skill_of_a_family_counts(self):
        matches = match_key_skills({"programming": 0.8}, {"Go": 0.4, "Python": 0.9, "Java": 0.6})
        assert (matches["programming"].level, matches["programming"].via) == (0.9, "Python")

    def test_unrelated_and_spoken_skills_do_not_count(self):
        matches = match_key_skills({"programming": 0.8, "system design": 0.7}, {"English": 1.0, "Figma": 0.9})
        assert matches["programming"].level == 0.0 and matches["programming"].via is None
        assert matches["system design"].level == 0.0


class TestLadderCountsRatedSkills:
    def test_python_and_aws_count_for_senior_software_engineer(self, ladder):
        # given the reported snapshot: Python 0.8, AWS 0.5
        snap = SkillSnapshot(date(2025, 6, 1), {"Python": 0.8, "AWS": 0.5})
        # when
        gaps = {g.skill: g for g in ladder.skill_gaps(ladder.find("Senior Software Engineer"), snap)}
        # then programming is met by Python, no longer "0.00 of 0.80"
        assert (gaps["programming"].have, gaps["programming"].need, gaps["programming"].gap) == (0.8, 0.8, 0.0)
        assert gaps["programming"].matched_by == "Python"
        assert skill_readiness(list(gaps.values())) == pytest.approx(1 / 6, abs=0.001)


class TestRoleName:
    def test_a_typed_role_is_kept(self, ladder):
        role = ladder.find("Backend Engineer")
        assert role.title == "Software Engineer"
        assert role_name(role, "Backend Engineer") == "Backend Engineer"

    def test_the_next_role_keeps_the_typed_wording(self, ladder):
        current = ladder.find("Backend Engineer")
        senior = ladder.roles[current.next[0].role]
        assert role_name(senior, None, current, "Backend Engineer") == "Senior Backend Engineer"

    def test_a_next_role_of_another_shape_keeps_the_ladder_title(self, ladder):
        current = ladder.find("Senior Software Engineer")
        staff = ladder.roles["staff_engineer"]
        assert role_name(staff, None, current, "Senior Backend Engineer") == "Staff Engineer"
