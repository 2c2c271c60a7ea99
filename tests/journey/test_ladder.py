"""Tests for the ladder data file and lookups."""

from __future__ import annotations

import json
from datetime import date

import pytest

from api.journey.ladder import DEFAULT_LADDER_PATH, Ladder, load_ladder
from api.journey.records import SkillSnapshot


@pytest.fixture(scope="module")
def ladder() -> Ladder:
    return load_ladder()


class TestLadderData:
    @pytest.mark.parametrize(
        "name",
        [
            "intern",
            "junior engineer",
            "software engineer",
            "senior software engineer",
            "staff engineer",
            "principal engineer",
            "engineering manager",
            "director of engineering",
            "data analyst",
            "data scientist",
            "senior data scientist",
            "ml engineer",
            "product manager",
            "senior product manager",
            "designer",
            "devops engineer",
            "sre",
        ],
    )
    def test_required_roles_exist(self, ladder, name):
        assert ladder.find(name) is not None

    def test_every_role_is_well_formed(self, ladder):
        for role in ladder.roles.values():
            assert role.key_skills, role.id
            assert all(0 < v <= 1 for v in role.key_skills.values()), role.id
            assert all(n.years > 0 and n.role in ladder.roles for n in role.next), role.id

    def test_unknown_next_role_is_rejected(self):
        raw = json.loads(DEFAULT_LADDER_PATH.read_text())
        raw["roles"]["intern"]["next"].append({"role": "astronaut", "years": 1})
        with pytest.raises(ValueError, match="astronaut"):
            Ladder.from_dict(raw)


class TestLadderLookup:
    def test_find_by_alias_and_spelling(self, ladder):
        assert ladder.find("Senior Software-Engineer").id == "senior_software_engineer"
        assert ladder.find("  SWE ").id == "software_engineer"
        assert ladder.find("Machine Learning Engineer").id == "ml_engineer"
        assert ladder.find("Astronaut") is None and ladder.find(None) is None

    def test_fastest_path(self, ladder):
        # given Software Engineer -> Staff Engineer (3 + 3.5 years via Senior)
        roles, years = ladder.path(ladder.find("software engineer"), ladder.find("staff engineer"))
        assert [r.id for r in roles] == ["software_engineer", "senior_software_engineer", "staff_engineer"]
        assert years == 6.5

    def test_no_path_backwards(self, ladder):
        assert ladder.path(ladder.find("cto"), ladder.find("intern")) is None

    def test_skill_gaps_biggest_first(self, ladder):
        # given a snapshot with mixed-case skill names
        snap = SkillSnapshot(date(2025, 1, 1), {"System Design": 0.5, "Programming": 0.9, "testing": 0.7})
        # when
        gaps = ladder.skill_gaps(ladder.find("senior software engineer"), snap)
        # then
        assert [(g.skill, g.gap) for g in gaps] == [
            ("code review", 0.7),
            ("communication", 0.6),
            ("mentoring", 0.5),
            ("system design", 0.2),
            ("programming", 0.0),
            ("testing", 0.0),
        ]
