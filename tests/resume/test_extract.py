from __future__ import annotations

from datetime import date

import pytest

from api.ai.facts import ProfileFacts
from api.resume.extract import (
    ExperienceEntry,
    ParsedResume,
    experience_level,
    extract_resume,
    suggest_profile_changes,
    total_years,
)
from api.vocabulary import ExperienceLevel

TEXT = """\
MARIA GARCIA
Lisbon, PT | maria@example.com | github.com/mgarcia
SUMMARY
Backend engineer. I like to go hiking and rust is what happens to bikes.
WORK EXPERIENCE
Lead Engineer, Tidepool Ltd, Mar 2021 - Present
• Led a team of 6 building Go services on Kubernetes
Backend Developer, Finch, 2017 – Apr 2021
• Built JavaScript and Java microservices
EDUCATION
MSc Computer Science, University of Porto, 2016
"""


class TestExtractResume:
    def test_fields_from_plain_text(self):
        # when
        p = extract_resume(TEXT, today=date(2025, 3, 1))
        # then
        assert p.name == "Maria Garcia"
        assert p.contact.email == "maria@example.com" and p.contact.links == ["github.com/mgarcia"]
        assert [(e.title, e.company, e.start, e.end, e.current) for e in p.experience] == [
            ("Lead Engineer", "Tidepool Ltd", "2021-03", None, True),
            ("Backend Developer", "Finch", "2017-01", "2021-04", False),
        ]
        assert p.total_years == 8.2  # Jan 2017 .. Mar 2025, the overlap in 2021 counted once
        assert p.experience_level == "lead"
        assert [(e.degree, e.institution, e.year) for e in p.education] == [("MSc Computer Science", "University of Porto", 2016)]

    def test_ambiguous_words_are_not_skills_but_real_mentions_are(self):
        # when
        p = extract_resume(TEXT)
        # then "go hiking" / "rust is" do not count, "Go services" does; Java is not found inside JavaScript only
        go = next(s for s in p.skills if s.name == "Go")
        assert go.mentions == 1 and go.evidence == ["Led a team of 6 building Go services on Kubernetes"]
        assert "Rust" not in p.skill_names
        assert {"JavaScript", "Java", "Kubernetes", "Microservices"} <= set(p.skill_names)

    def test_java_is_not_found_inside_javascript(self):
        # given
        p = extract_resume("Skills\nJavaScript, TypeScript")
        # when / then
        assert "Java" not in p.skill_names and "JavaScript" in p.skill_names

    def test_total_years_merges_overlaps(self):
        # given
        entries = [
            ExperienceEntry(start="2020-01", end="2020-12"),
            ExperienceEntry(start="2020-06", end="2021-06"),
            ExperienceEntry(start="2023-01", current=True),
        ]
        # end months count in full: Jan 2020..Jun 2021 = 18 months, Jan 2023..Jan 2024 = 13 months
        # when / then
        assert total_years(entries, today=date(2024, 1, 1)) == round(31 / 12, 1)

    def test_empty_text(self):
        # given
        p = extract_resume("")
        # when / then
        assert p.name is None and p.skills == [] and p.experience_level is None


class TestSuggestProfileChanges:
    def test_suggests_new_skills_level_and_location(self):
        # given a parsed résumé and a profile that lags behind
        parsed = extract_resume(TEXT, today=date(2025, 3, 1))
        profile = ProfileFacts(skills=["java", "Go"], experience_level="mid", locations=["Porto"])
        # when
        s = suggest_profile_changes(parsed, profile)
        # then
        skills = [x.value for x in s if x.kind == "skill_add"]
        assert "Kubernetes" in skills and "JavaScript" in skills
        assert "Java" not in skills and "Go" not in skills
        level = next(x for x in s if x.kind == "level")
        assert level.value == "lead" and "8.2 years" in level.reason and "Lead Engineer" in level.reason
        assert [x.value for x in s if x.kind == "location"] == ["Lisbon, PT"]
        k8s = next(x for x in s if x.value == "Kubernetes")
        assert "Kubernetes services" in k8s.reason or "on Kubernetes" in k8s.reason

    def test_nothing_to_suggest_when_profile_is_up_to_date(self):
        # given
        parsed = ParsedResume(text="", experience_level="senior")
        # when / then
        assert suggest_profile_changes(parsed, ProfileFacts(experience_level="senior")) == []


class TestExperienceLevelBands:
    @pytest.mark.parametrize(
        ("years", "title", "level"),
        [
            (1.0, None, ExperienceLevel.JUNIOR),
            (4.8, None, ExperienceLevel.MID),
            (4.8, "Tech Lead", ExperienceLevel.SENIOR),  # the reported case: never "lead" from 4.8 years
            (4.8, "Lead Software Engineer", ExperienceLevel.SENIOR),
            (3.5, "Staff Engineer", ExperienceLevel.MID),
            (8.0, "Tech Lead", ExperienceLevel.LEAD),
            (12.0, None, ExperienceLevel.LEAD),
            (6.0, None, ExperienceLevel.SENIOR),
            (3.5, "Senior Developer", ExperienceLevel.SENIOR),
            (2.0, "Senior Developer", ExperienceLevel.MID),
            (2.5, "Junior Developer", ExperienceLevel.JUNIOR),
            (6.0, "Junior Developer", ExperienceLevel.SENIOR),
        ],
    )
    def test_the_title_lifts_the_level_only_as_far_as_the_years_allow(self, years, title, level):
        assert experience_level(years, [title]) == level

    def test_more_years_never_lower_the_level(self):
        order = list(ExperienceLevel)
        for title in (None, "Tech Lead", "Senior Engineer", "Engineer"):
            levels = [order.index(experience_level(y / 10, [title])) for y in range(1, 160)]
            assert levels == sorted(levels), title
