"""Spoken languages, years per skill and total years read from résumés, and the suggestions they make."""

from __future__ import annotations

from datetime import date

from api.ai.facts import ProfileFacts
from api.resume.extract import extract_resume, find_languages, suggest_profile_changes
from api.resume.service import taxonomy_vocabulary
from api.vocabulary import LanguageLevel, ResumeSuggestionKind
from tests.support.resume_text import LANGUAGES_RESUME as RESUME


class TestFindLanguages:
    def test_a_languages_section_with_levels(self):
        # when
        found = find_languages(["Languages: English (native), German (B2)"])
        # then
        assert [(x.language, x.level) for x in found] == [("English", LanguageLevel.NATIVE), ("German", LanguageLevel.B2)]

    def test_german_and_spanish_sections_in_their_own_words(self):
        # when
        german = find_languages(
            ["SPRACHEN", "Deutsch – Muttersprache", "Englisch: verhandlungssicher", "BERUFSERFAHRUNG", "Englisch C2"]
        )
        spanish = find_languages(["Idiomas", "Español: nativo | Inglés: C1"])
        # then: the section ends at the next heading
        assert [(x.language, x.level) for x in german] == [("German", LanguageLevel.NATIVE), ("English", LanguageLevel.C1)]
        assert [(x.language, x.level) for x in spanish] == [("Spanish", LanguageLevel.NATIVE), ("English", LanguageLevel.C1)]

    def test_programming_languages_and_languages_without_level_are_not_spoken_languages(self):
        # when
        found = find_languages(["Languages: Python, C++, CUDA, Rust, Julia", "Languages", "English, German"])
        # then
        assert found == []


class TestResumeFacts:
    def test_languages_years_per_skill_and_total_years(self):
        # when
        parsed = extract_resume(RESUME, taxonomy_vocabulary(), today=date(2024, 12, 15))
        # then
        assert [(x.language, x.level) for x in parsed.languages] == [
            ("English", LanguageLevel.NATIVE),
            ("Spanish", LanguageLevel.B1),
        ]
        assert {(x.skill, x.years) for x in parsed.skill_years} == {("Python", 5.0), ("Django", 5.0)}
        assert parsed.total_years == 4.0  # Jan 2018 – Dec 2021

    def test_fixture_pdf_says_five_years_of_java_and_angular(self, parsed_fixtures):
        # when
        parsed = parsed_fixtures["john_doe.pdf"]
        # then: "over 5 years of experience in Java and Angular development"
        assert {(x.skill, x.years) for x in parsed.skill_years} >= {("Java", 5.0), ("Angular", 5.0)}

    def test_suggestions_for_what_the_profile_lacks(self):
        # given: the profile already has English at native level
        parsed = extract_resume(RESUME, taxonomy_vocabulary(), today=date(2024, 12, 15))
        # when
        out = suggest_profile_changes(parsed, ProfileFacts(skills=["Python", "Django"]), languages={"English": "native"})
        # then
        mine = {(s.kind, s.value): s.data for s in out if s.kind not in ("skill_add", "level", "location")}
        assert mine == {
            (ResumeSuggestionKind.LANGUAGE, "Spanish (B1)"): {"language": "Spanish", "level": "b1"},
            (ResumeSuggestionKind.SKILL_YEARS, "Python: 5 years"): {"skill": "Python", "years": 5.0},
            (ResumeSuggestionKind.SKILL_YEARS, "Django: 5 years"): {"skill": "Django", "years": 5.0},
            (ResumeSuggestionKind.YEARS_EXPERIENCE, "4 years"): {"years": 4.0},
        }
