"""The shipped taxonomy is what tools/build_taxonomy.py makes from its committed inputs, and it covers
the skills postings and résumés name (LaTeX … DNS) without finding them in ordinary English."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from api.skill.taxonomy import CATEGORIES, DATA_FILE, Taxonomy, default_taxonomy

ROOT = Path(__file__).resolve().parents[2]


def build_module():
    spec = importlib.util.spec_from_file_location("build_taxonomy", ROOT / "tools" / "build_taxonomy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def names(text: str) -> list[str]:
    return [m.name for m in default_taxonomy().extract_skills(text)]


class TestShippedFile:
    def test_equals_what_the_script_builds_from_the_committed_inputs(self):
        # given
        build = build_module()
        # when
        built = build.render(build.build(ROOT / "tools" / "taxonomy_sources"))
        # then
        assert DATA_FILE.read_text(encoding="utf-8") == built

    def test_every_skill_is_well_formed_and_its_relations_point_at_skills(self):
        # given
        skills = json.loads(DATA_FILE.read_text(encoding="utf-8"))["skills"]
        known = {s["name"] for s in skills}
        # then
        assert len(skills) == len(known) >= 520
        for skill in skills:
            assert skill["category"] in CATEGORIES, skill
            forms = {skill["name"].lower(), *(a.lower() for a in skill["aliases"])}
            for marker in ("case_exact", "context_required", "no_extract", "lower_in_requirements"):
                assert {f.lower() for f in skill.get(marker, [])} <= forms, (skill["name"], marker)
            # a form trusted in lower case inside requirements is case-exact (or context-bound) elsewhere
            guarded = {*skill.get("case_exact", []), *skill.get("context_required", [])}
            assert set(skill.get("lower_in_requirements", [])) <= guarded, skill["name"]
            assert set(skill.get("broader", [])) <= known - {skill["name"]}, skill["name"]


class TestWiderCoverage:
    @pytest.mark.parametrize(
        "typed, name, category",
        [
            ("LaTeX", "LaTeX", "language"),
            ("koa.js", "Koa", "backend"),
            ("LESS", "Less CSS", "language"),
            ("Windows", "Windows", "tool"),
            ("Mac OS X", "macOS", "tool"),
            ("MS Word", "Microsoft Word", "tool"),
            ("Microsoft PowerPoint", "PowerPoint", "tool"),
            ("IAM", "Identity and Access Management", "security"),
            ("AWS CloudFront", "Amazon CloudFront", "cloud"),
            ("Route53", "Amazon Route 53", "cloud"),
            ("SVM", "Support Vector Machines", "ml"),
            ("CNN", "Convolutional Neural Networks", "ml"),
            ("LLMs", "Large Language Models", "ml"),
            ("quantization", "Model Quantization", "ml"),
            ("transformers", "Transformer Models", "ml"),
            ("Metasploit", "Metasploit", "security"),
            ("Power Apps", "Microsoft Power Platform", "tool"),
            ("Canny", "Canny Edge Detection", "ml"),
            ("Intercom", "Intercom", "tool"),
            ("TCP/IP", "TCP/IP", "devops"),
            ("DNS", "DNS", "devops"),
        ],
    )
    def test_named_with_an_alias_and_a_category(self, typed, name, category):
        # when
        entry = default_taxonomy().get(typed)
        # then
        assert entry is not None and (entry.name, entry.category) == (name, category)

    def test_found_in_requirements(self):
        # given
        text = (
            "Requirements: HTML, CSS, LESS and Sass; Koa or Express on Node.js; Windows and macOS; LaTeX.\n"
            "Skills: Word, PowerPoint, Excel. AWS (IAM, CloudFront, Route 53). SVM, CNN, LLM, quantization, Transformers.\n"
            "Security tools: Metasploit, Nmap. Microsoft Power Platform. OpenCV, Canny. Support via Intercom. TCP/IP, DNS."
        )
        # when
        found = set(names(text))
        # then
        assert {
            "LaTeX", "Koa", "Less CSS", "Windows", "macOS", "Microsoft Word", "PowerPoint", "Identity and Access Management",
            "Amazon CloudFront", "Amazon Route 53", "Support Vector Machines", "Convolutional Neural Networks",
            "Large Language Models", "Model Quantization", "Transformer Models", "Metasploit", "Microsoft Power Platform",
            "Canny Edge Detection", "Intercom", "TCP/IP", "DNS",
        } <= found  # fmt: skip

    @pytest.mark.parametrize(
        "text",
        [
            "Here is a word of advice: spend less than you earn.",
            "Word of mouth brings most of our customers.",
            "No more, no LESS.",
            "Open the windows before you leave.",
            "Windows of opportunity close quickly.",
            "Take Route 53 north for ten miles.",
            "The intercom buzzed twice.",
            "Latex gloves are provided.",
            "We watched CNN at lunch.",
            "The transformers at the substation were serviced.",
            "He is a canny negotiator.",
        ],
    )
    def test_not_found_in_ordinary_english(self, text):
        # when
        found = names(text)
        # then
        assert found == []


class TestOnetHotTechnologies:
    @pytest.mark.parametrize(
        "typed, name, category",
        [
            ("Microsoft PowerShell", "PowerShell", "language"),
            ("cascading style sheets", "CSS", "language"),
            ("Jenkins CI", "Jenkins", "devops"),
            ("SolidWorks", "Dassault Systemes SolidWorks", "design"),
            ("Microsoft SQL Server Integration Services", "SSIS", "devops"),
            ("IBM SPSS Statistics", "SPSS", "data"),
        ],
    )
    def test_names_and_vendor_forms_resolve(self, typed, name, category):
        # when
        entry = default_taxonomy().get(typed)
        # then
        assert entry is not None and (entry.name, entry.category) == (name, category)
        assert "onet" in entry.sources

    def test_social_networks_and_meeting_apps_are_not_skills(self):
        # then
        assert [n for n in ("Facebook", "TikTok", "Zoom") if default_taxonomy().is_known(n)] == []

    def test_one_word_names_are_case_exact(self):
        # when
        found = names("Access to a car is needed. Drafting in ArcGIS and SolidWorks; reports in Access are not.")
        # then
        assert found == ["ESRI ArcGIS", "Dassault Systemes SolidWorks"]


class TestRelations:
    @pytest.mark.parametrize(
        "name, broader",
        [
            ("Amazon ECS", ("AWS",)),
            ("PostgreSQL", ("SQL",)),
            ("Amazon Route 53", ("AWS", "DNS", "Networking")),
            ("BERT", ("Natural Language Processing", "Transformer Models", "Deep Learning", "Machine Learning")),
            ("Python", ()),
        ],
    )
    def test_broader_skills_nearest_first(self, name, broader):
        # when
        result = default_taxonomy().broader(name)
        # then
        assert result == broader

    def test_a_users_extra_aliases_keep_the_relations(self):
        # given
        taxonomy = default_taxonomy().with_extra([{"name": "Amazon ECS", "aliases": ["elastic container service"]}])
        # when
        result = taxonomy.broader("elastic container service")
        # then
        assert result == ("AWS",) and isinstance(taxonomy, Taxonomy)
