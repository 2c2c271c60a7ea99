import json
from pathlib import Path

import pytest

from api.skill import taxonomy as tx
from api.skill.taxonomy import (
    SkillEntry,
    SkillMention,
    Taxonomy,
    canonical,
    canonical_key,
    category,
    default_taxonomy,
    extract_skills,
    is_known,
)


def names(text: str, t: Taxonomy | None = None) -> list[str]:
    return [m.name for m in (t or default_taxonomy()).extract_skills(text)]


class TestCanonical:
    @pytest.mark.parametrize(
        "typed, expected",
        [
            ("k8s", "Kubernetes"),
            ("K8S", "Kubernetes"),
            ("Postgres", "PostgreSQL"),
            ("psql", "PostgreSQL"),
            ("JS", "JavaScript"),
            ("ts", "TypeScript"),
            ("golang", "Go"),
            ("GO", "Go"),
            ("py", "Python"),
            ("node", "Node.js"),
            ("NodeJS", "Node.js"),
            ("node.js", "Node.js"),
            ("react.js", "React"),
            ("ReactJS", "React"),
            ("gcp", "Google Cloud"),
            ("aws", "AWS"),
            ("ML", "Machine Learning"),
            ("c++", "C++"),
            ("C#", "C#"),
            (".net", ".NET"),
            ("ci/cd", "CI/CD"),
            ("CI-CD", "CI/CD"),
            ("Scikit Learn", "scikit-learn"),
            ("  Vue  ", "Vue.js"),
            ("python,", "Python"),
        ],
    )
    def test_alias_case_and_punctuation_insensitive(self, typed, expected):
        # given a skill typed in any casing / alias / punctuation
        # when
        result = canonical(typed)
        # then
        assert result == expected

    def test_unknown_skill_is_trimmed_as_typed(self):
        # given
        typed = "  Foo   Bar, "
        # when
        result = canonical(typed)
        # then
        assert result == "Foo Bar"

    def test_unknown_skill_is_stable_across_case(self):
        # given two spellings of the same unknown skill
        a, b = "Foo", "foo"
        # when / then
        assert canonical(a) == "Foo" and canonical(b) == "foo"
        assert canonical_key(a) == canonical_key(b) == "foo"

    def test_empty_input(self):
        # given / when / then
        assert canonical("") == ""
        assert canonical_key("   ") == ""
        assert category("") is None


class TestCanonicalKey:
    def test_aliases_share_one_key(self):
        # given
        spellings = ["Postgres", "postgresql", "PSQL", "PostgreSQL"]
        # when
        keys = {canonical_key(s) for s in spellings}
        # then
        assert keys == {"postgresql"}

    def test_go_and_golang(self):
        # given / when / then
        assert canonical_key("golang") == canonical_key("Go") == "go"


class TestCategory:
    @pytest.mark.parametrize(
        "name, cat",
        [
            ("python", "language"),
            ("react.js", "frontend"),
            ("k8s", "devops"),
            ("postgres", "database"),
            ("gcp", "cloud"),
            ("pytorch", "ml"),
            ("pytest", "testing"),
            ("system design", "practice"),
            ("communication", "soft"),
            ("nonexistent skill xyz", None),
        ],
    )
    def test_known_categories(self, name, cat):
        # given a skill / when
        result = category(name)
        # then
        assert result == cat

    def test_is_known(self):
        # given / when / then
        assert is_known("kubernetes") is True
        assert is_known("basket weaving") is False


class TestTaxonomyData:
    def test_shipped_data_shape(self):
        # given
        data = json.loads(tx.DATA_FILE.read_text())
        # when
        skills = data["skills"]
        # then: a few hundred skills, every one with a known category, names unique
        assert 300 <= len(skills) <= 1000
        assert {s["category"] for s in skills} <= set(tx.CATEGORIES)
        lowered = [s["name"].lower() for s in skills]
        assert len(lowered) == len(set(lowered))

    def test_no_alias_points_to_two_skills(self):
        # given
        t = default_taxonomy()
        # when: every alias resolves to the skill that declares it (first one wins)
        clashes = [(a, e.name, t.canonical(a)) for e in t.entries for a in e.aliases if t.canonical(a) != e.name]
        # then
        assert clashes == []

    def test_sources_note_exists(self):
        # given / when
        note = Path(tx.DATA_FILE).parent / "SOURCES.md"
        # then
        assert note.exists() and "MIT" in note.read_text()


class TestExtractSkills:
    def test_ordered_deduplicated_with_evidence(self):
        # given
        text = "We build services in Python and PostgreSQL.\n- Experience with k8s, Docker and AWS.\n- More Python and postgres!"
        # when
        found = extract_skills(text)
        # then
        assert [m.name for m in found] == ["Python", "PostgreSQL", "Kubernetes", "Docker", "AWS"]
        assert found[0] == SkillMention("Python", "language", "We build services in Python and PostgreSQL.", "Python")
        assert found[2].evidence == "Experience with k8s, Docker and AWS."
        assert found[2].to_dict()["surface"] == "k8s"

    def test_go_is_not_found_in_good_or_as_a_verb(self):
        # given
        text = "Good engineers go far. Go beyond the ordinary. Let's go!"
        # when / then
        assert names(text) == []

    def test_go_as_a_language(self):
        # given / when / then
        assert names("Services written in Go and Rust.") == ["Go", "Rust"]
        assert names("Go is our main language") == ["Go"]
        assert names("golang experience") == ["Go"]

    def test_r_only_as_standalone_token_in_skills_context(self):
        # given / when / then
        assert names("Statistical modelling in R or Python.") == ["Statistics", "R", "Python"]
        assert names("Python/R") == ["Python", "R"]
        assert names("Join our R&D team.") == []
        assert names("R is for rockets.") == []

    def test_c_family(self):
        # given
        text = "C, C++ and C# (.NET) programming; ASP.NET a plus."
        # when / then
        assert names(text) == ["C", "C++", "C#", ".NET", "ASP.NET"]
        assert names("Report to C-level executives at a Series C startup") == []

    def test_nodejs_and_reactjs(self):
        # given / when / then
        assert names("Node.js/React.js nice to have.") == ["Node.js", "React"]
        assert names("Our JavaScript and Java stack") == ["JavaScript", "Java"]

    def test_longest_form_wins(self):
        # given / when / then
        assert names("Spring Boot, React Native and Google Cloud") == [
            "Spring Boot",
            "React Native",
            "Google Cloud",
        ]

    def test_common_words_not_matched(self):
        # given
        text = "Send your CV. We make sure you have a solid understanding. We are hiring. Spring is coming."
        # when / then
        assert names(text) == []

    def test_lower_case_forms_of_ambiguous_names_count_only_in_a_requirement(self):
        # given prose and the same words in a requirement bullet
        text = "Experience with transformers, spark and rust"
        # when
        prose, requirement = names(text), [m.name for m in default_taxonomy().extract_skills(text, requirement=True)]
        # then
        assert prose == []
        assert requirement == ["Transformer Models", "Apache Spark", "Rust"]

    def test_a_requirement_does_not_open_lower_case_to_every_ambiguous_name(self):
        # given "go", "r", "c", "excel" and "swift" as plain words in a requirement / when
        found = default_taxonomy().extract_skills("Ready to go, excel at r and c things, swift to learn", requirement=True)
        # then
        assert found == []

    def test_a_users_entry_can_mark_lower_case_forms(self):
        # given a user skill whose name is a common word, trusted in lower case in requirements
        t = default_taxonomy().with_extra([{"name": "Falcon", "case_exact": ["Falcon"], "lower_in_requirements": ["Falcon"]}])
        # when / then
        assert names("a falcon flew by", t) == []
        assert [m.name for m in t.extract_skills("experience with falcon", requirement=True)] == ["Falcon"]

    def test_urls_are_ignored(self):
        # given / when / then
        assert names("Apply at https://example.com/react or jobs@python.org") == []

    def test_empty(self):
        # given / when / then
        assert extract_skills("") == []


class TestWithExtra:
    def test_adds_user_skill_and_alias(self):
        # given
        base = default_taxonomy()
        # when
        t = base.with_extra([{"name": "Foobar DB", "category": "database", "aliases": ["fdb"]}])
        # then
        assert t.canonical("FDB") == "Foobar DB"
        assert t.category("foobar db") == "database"
        assert names("We run fdb clusters with Kubernetes", t) == ["Foobar DB", "Kubernetes"]
        assert names("Foobar DB experience", t) == ["Foobar DB"]
        # and the default taxonomy is untouched
        assert base.canonical("fdb") == "fdb"

    def test_extends_existing_skill_with_alias(self):
        # given
        t = default_taxonomy().with_extra([("Kubernetes", None, ["kubbie"])])
        # when / then
        assert t.canonical("kubbie") == "Kubernetes"
        assert t.category("kubbie") == "devops"
        assert t.canonical("k8s") == "Kubernetes"
        assert len(t) == len(default_taxonomy())

    def test_user_alias_overrides_builtin_alias(self):
        # given "lambda" normally means AWS Lambda
        t = default_taxonomy().with_extra([{"name": "Lambda Calculus", "aliases": ["lambda"]}])
        # when / then
        assert t.canonical("lambda") == "Lambda Calculus"
        assert default_taxonomy().canonical("lambda") == "AWS Lambda"

    def test_plain_string_and_entry(self):
        # given
        t = default_taxonomy().with_extra(["Quux", SkillEntry(name="Zed", category="tool")])
        # when / then
        assert t.canonical("quux") == "Quux" and t.is_known("quux")
        assert t.category("zed") == "tool"
