from __future__ import annotations

import io
import os
import time

import docx
import pytest

from api.resume.extract import ParsedResume
from api.resume.parser import ParseLimits, ResumeParseError, aparse_resume, extract_text, parse_resume, parse_resume_pdf
from tests.support.pdfs import (
    FIXTURES,
    TODAY,
    bomb_pdf,
    hidden_many_pages_pdf,
    many_pages_pdf,
    nested_pdf,
    text_heavy_pdf,
    text_pdf,
)

# Expected skills written by hand after reading each file's text.
EXPECTED_SKILLS = {
    "john_doe.pdf": {
        "Java",
        "Spring Boot",
        "Spring MVC",
        "Hibernate",
        "Angular",
        "JavaScript",
        "TypeScript",
        "HTML",
        "CSS",
        "Bootstrap",
        "REST APIs",
        "SQL",
        "NoSQL",
        "MySQL",
        "MongoDB",
        "Agile",
        "Scrum",
        "Git",
        "GitHub",
        "JUnit",
        "Mockito",
        "Docker",
    },
    "barry_allen_fe.pdf": {
        "JavaScript",
        "TypeScript",
        "HTML",
        "CSS",
        "Python",
        "React",
        "Redux",
        "Angular",
        "Vue.js",
        "Node.js",
        "Express",
        "D3.js",
        "Git",
        "Docker",
        "Webpack",
        "Babel",
        "Google Cloud",
        "Firebase",
        "REST APIs",
        "GraphQL",
        "Agile",
    },
    "single-column.pdf": {
        "Go",
        "Python",
        "Node.js",
        "TypeScript",
        "JavaScript",
        "SQL",
        "PostgreSQL",
        "Redis",
        "NoSQL",
        "Kafka",
        "Elasticsearch",
        "GraphQL",
        "REST APIs",
        "gRPC",
        "AWS",
        "Docker",
        "Kubernetes",
        "Terraform",
        "CI/CD",
        "Microservices",
        "Distributed Systems",
        "Azure",
        "Datadog",
        "SQLite",
        "WebSockets",
    },
    "sourabh_bajaj_resume.pdf": {
        "Python",
        "TensorFlow",
        "Apache Beam",
        "Docker",
        "AWS",
        "R",
        "Redshift",
        "Hadoop",
        "Cassandra",
        "D3.js",
        "Machine Learning",
        "Git",
    },
    "John_Doe_ClassicTheme_CV.pdf": {
        "Python",
        "C++",
        "CUDA",
        "Rust",
        "Julia",
        "PyTorch",
        "JAX",
        "TensorFlow",
        "Triton",
        "ONNX",
        "Kubernetes",
        "Ray",
        "AWS",
        "Google Cloud",
    },
    "deedy_resume-openfont.pdf": {
        "Java",
        "Shell",
        "Python",
        "JavaScript",
        "OCaml",
        "MATLAB",
        "C",
        "C++",
        "CSS",
        "PHP",
        "MySQL",
    },
}
NOT_EXPECTED = {
    "john_doe.pdf": {"Python", "Go", "React"},
    "barry_allen_fe.pdf": {"Java", "Go"},
    "single-column.pdf": {"Java", "Figma"},
    "sourabh_bajaj_resume.pdf": {"Go", "Java"},
}
FAST = ParseLimits(cpu_seconds=1, wall_seconds=10, memory_bytes=256 * 1024 * 1024)


class TestParseResumePdf:
    @pytest.mark.parametrize("name", sorted(EXPECTED_SKILLS))
    def test_expected_skills_are_found(self, parsed_fixtures: dict[str, ParsedResume], name: str):
        # given a real résumé
        parsed = parsed_fixtures[name]
        # then every hand-listed skill is found, each with an evidence line that mentions it
        assert EXPECTED_SKILLS[name] <= set(parsed.skill_names), EXPECTED_SKILLS[name] - set(parsed.skill_names)
        assert not (NOT_EXPECTED.get(name, set()) & set(parsed.skill_names))
        for s in parsed.skills:
            assert s.evidence and s.mentions >= 1

    def test_john_doe(self, parsed_fixtures: dict[str, ParsedResume]):
        # given
        p = parsed_fixtures["john_doe.pdf"]
        # then
        assert (p.name, p.pages, p.source_kind) == ("John Doe", 2, "pdf")
        assert p.contact.email == "john.doe@email.com" and p.contact.phone == "(123) 456-7890"
        assert p.contact.links == ["linkedin.com/in/johndoe", "github.com/johndoe"]
        assert [(e.title, e.company, e.start, e.end, e.current) for e in p.experience] == [
            ("Full Stack Java Developer", "ABC Company, Inc.", "2018-06", None, True),
            ("Software Developer", "XYZ Solutions", "2016-07", "2018-06", False),
        ]
        assert p.total_years == 9.0 and p.experience_level == "senior"
        assert [(e.degree, e.institution, e.year) for e in p.education] == [
            ("Bachelor of Science in Computer Science", "State University", 2016)
        ]
        assert p.certifications == [
            "Oracle Certified Professional, Java SE 8 Programmer",
            "Certified Angular Developer",
        ]

    def test_barry_allen_date_range_split_over_two_lines(self, parsed_fixtures: dict[str, ParsedResume]):
        # given "June 2022 – Software Engineer (Front-End), Google, ..." / "Present ..."
        p = parsed_fixtures["barry_allen_fe.pdf"]
        # then
        assert p.name == "Barry Allen"
        assert [(e.title, e.company, e.start, e.current) for e in p.experience] == [
            ("Software Engineer (Front-End)", "Google", "2022-06", True)
        ]
        assert p.experience_level == "mid"
        assert p.education[0].institution == "Indian Institute of Technology" and p.education[0].year == 2022

    def test_single_column_chromium_template(self, parsed_fixtures: dict[str, ParsedResume]):
        # given
        p = parsed_fixtures["single-column.pdf"]
        # when / then
        assert p.name == "John Doe"
        assert p.contact.phone == "+1 (415) 555-0142" and p.contact.location == "San Francisco, CA"
        assert [(e.title, e.company) for e in p.experience] == [
            ("Senior Software Engineer", "Stripe"),
            ("Software Engineer", "Figma"),
            ("Software Engineer", "Notion"),
        ]
        assert p.total_years == 6.0 and p.experience_level == "senior"

    def test_sb2nov_table_rows(self, parsed_fixtures: dict[str, ParsedResume]):
        # given
        p = parsed_fixtures["sourabh_bajaj_resume.pdf"]
        # when / then
        assert p.name == "Sourabh Bajaj" and p.contact.email == "sourabh@sourabhbajaj.com"
        assert [(e.title, e.company) for e in p.experience] == [
            ("Software Engineer", "Google"),
            ("Senior Software Engineer", "Coursera"),
            ("Data Scientist", "Lucena Research"),  # "Summer 2012 and 2013"
            ("Research and Teaching Assistant", "Georgia Institute of Technology"),
        ]
        assert [e.degree for e in p.education] == [
            "Master of Science in Computer Science",
            "Bachelor of Engineering in Electrical and Electronics",
        ]

    def test_rendercv_company_first_headers(self, parsed_fixtures: dict[str, ParsedResume]):
        # given
        p = parsed_fixtures["John_Doe_ClassicTheme_CV.pdf"]
        # when / then
        assert p.name == "John Doe"
        assert [(e.title, e.company) for e in p.experience[:3]] == [
            ("Co-Founder & CTO", "Nexus AI"),
            ("Research Intern", "NVIDIA Research"),
            ("Research Intern", "Google DeepMind"),
        ]
        # 3.4 years, mostly internships: the CTO title does not make it "lead" (api.resume.extract.LEVEL_BANDS)
        assert p.experience_level == "mid"
        assert [(e.degree, e.institution) for e in p.education] == [
            ("PhD", "Princeton University"),
            ("BS", "Boğaziçi University"),
        ]

    def test_two_column_layout_still_gives_name_and_contact(self, parsed_fixtures: dict[str, ParsedResume]):
        # given
        p = parsed_fixtures["deedy_resume-openfont.pdf"]
        # when / then
        assert p.name == "Debarghya Das"
        assert p.contact.email == "deedy@fb.com" and p.contact.phone == "607.379.5733"

    def test_taxonomy_vocabulary_sets_canonical_names(self):
        # given the project taxonomy spelling "Angular Framework" and an alias
        vocab = {"angular": "Angular Framework", "angularjs": "Angular Framework", "j2ee": "Jakarta EE"}
        # when
        p = parse_resume_pdf(FIXTURES / "john_doe.pdf", vocabulary=vocab, today=TODAY)
        # then
        assert "Angular Framework" in p.skill_names and "Angular" not in p.skill_names
        assert "Jakarta EE" in p.skill_names and "Java EE" not in p.skill_names
        assert "Spring Boot" in p.skill_names  # the built-in fallback still applies

    async def test_async_variant(self):
        # given
        p = await aparse_resume(FIXTURES / "barry_allen_fe.pdf", today=TODAY)
        # when / then
        assert p.name == "Barry Allen"

    def test_bytes_input(self):
        # given
        p = parse_resume_pdf((FIXTURES / "john_doe.pdf").read_bytes(), today=TODAY)
        # when / then
        assert p.name == "John Doe"


class TestParseResumeRejections:
    def test_non_pdf_is_rejected(self):
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(b"Name: John\nSkills: Python\n")
        assert exc.value.code == "NOT_PDF" and "not a PDF" in exc.value.message

    def test_truncated_pdf_is_rejected(self):
        # given the first half of a real résumé
        data = (FIXTURES / "john_doe.pdf").read_bytes()
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(data[: len(data) // 2])
        assert exc.value.code == "CORRUPT" and "truncated" in exc.value.message

    def test_garbage_after_pdf_header_is_corrupt(self):
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(b"%PDF-1.7\n" + os.urandom(4000) + b"\n%%EOF\n")
        assert exc.value.code == "CORRUPT"

    def test_too_large_is_rejected_before_parsing(self, tmp_path):
        # given a 6 MB file (default cap 5 MB)
        big = tmp_path / "big.pdf"
        big.write_bytes(b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024))
        started = time.monotonic()
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(big)
        assert exc.value.code == "TOO_LARGE" and "5.0 MB" in exc.value.message
        assert time.monotonic() - started < 0.5

    def test_too_many_pages(self):
        # given a PDF with 5000 (empty) pages
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(many_pages_pdf(5000))
        assert exc.value.code == "TOO_MANY_PAGES" and "20" in exc.value.message

    def test_too_many_pages_hidden_from_the_byte_scan_is_caught_by_the_parser(self):
        # given page objects whose /Type is name-escaped so only a real parser sees them
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(hidden_many_pages_pdf(3000))
        assert exc.value.code == "TOO_MANY_PAGES"

    def test_page_cap_is_configurable(self):
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(FIXTURES / "john_doe.pdf", ParseLimits(max_pages=1))
        assert exc.value.code == "TOO_MANY_PAGES"

    def test_pdf_without_text_is_reported(self):
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(many_pages_pdf(1))
        assert exc.value.code == "EMPTY" and "scanned" in exc.value.message


class TestParseResumeHostileFiles:
    def test_deeply_nested_objects_hit_the_cpu_limit(self):
        # given a 1,000,000-deep nested array
        started = time.monotonic()
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(nested_pdf(1_000_000), FAST)
        assert exc.value.code == "LIMIT_EXCEEDED"
        assert time.monotonic() - started < 8

    def test_decompression_bomb_hits_the_memory_limit(self):
        # given a content stream that inflates to 300 MB with a 256 MB address-space limit
        data = bomb_pdf(300)
        assert len(data) < 5 * 1024 * 1024
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(data, ParseLimits(cpu_seconds=10, wall_seconds=20, memory_bytes=256 * 1024 * 1024))
        assert exc.value.code == "LIMIT_EXCEEDED" and "memory" in exc.value.message

    def test_huge_text_stream_hits_the_cpu_limit(self):
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(text_heavy_pdf(300_000), FAST)
        assert exc.value.code == "LIMIT_EXCEEDED"

    def test_wall_clock_timeout_kills_the_child(self):
        # given a generous CPU limit but a 1 s wall-clock limit
        started = time.monotonic()
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(text_heavy_pdf(300_000), ParseLimits(cpu_seconds=60, wall_seconds=1))
        # then
        assert exc.value.code == "TIMEOUT" and "1 s" in exc.value.message
        assert time.monotonic() - started < 4

    def test_caller_survives_and_keeps_working(self):
        # given a hostile file was just rejected
        with pytest.raises(ResumeParseError):
            parse_resume_pdf(nested_pdf(1_000_000), FAST)
        # when a normal file is parsed by the same process
        ex = extract_text(text_pdf(["Jane Roe", "Python developer"]))
        # then
        assert ex.text.splitlines() == ["Jane Roe", "Python developer"] and ex.pages == 1


class TestNulCharacters:
    def test_text_extracted_with_nul_characters_comes_out_without_them(self):
        # given: a PDF whose font maps a glyph to U+0000
        from tests.support.pdfs import nul_text_pdf

        # when
        ex = extract_text(nul_text_pdf(["Jane~Roe", "Python developer"]))
        # then: PostgreSQL text cannot hold a NUL; the rest of the text is intact
        assert ex.text.splitlines() == ["JaneRoe", "Python developer"]


class TestParseResumeDocx:
    @staticmethod
    def make_docx() -> bytes:
        d = docx.Document()
        d.add_paragraph("Jane Roe")
        d.add_paragraph("jane.roe@example.org | +44 20 7946 0958 | London, UK")
        d.add_heading("Experience", level=1)
        d.add_paragraph("Senior Data Engineer, Monzo, Jan 2019 - Present")
        d.add_paragraph("Built Kafka and PostgreSQL pipelines in Python; deployed with Kubernetes.")
        d.add_heading("Skills", level=1)
        t = d.add_table(rows=1, cols=2)
        t.rows[0].cells[0].text = "Airflow"
        t.rows[0].cells[1].text = "Terraform"
        buf = io.BytesIO()
        d.save(buf)
        return buf.getvalue()

    def test_docx_is_parsed(self):
        # when
        p = parse_resume(self.make_docx(), today=TODAY)
        # then
        assert p.source_kind == "docx" and p.name == "Jane Roe"
        assert p.contact.email == "jane.roe@example.org" and p.contact.phone == "+44 20 7946 0958"
        assert {"Kafka", "PostgreSQL", "Python", "Kubernetes", "Airflow", "Terraform"} <= set(p.skill_names)
        assert [(e.title, e.company, e.start) for e in p.experience] == [("Senior Data Engineer", "Monzo", "2019-01")]
        assert p.experience_level == "senior"

    def test_pdf_only_entry_point_rejects_docx(self):
        # when / then
        with pytest.raises(ResumeParseError) as exc:
            parse_resume_pdf(self.make_docx())
        assert exc.value.code == "NOT_PDF"
