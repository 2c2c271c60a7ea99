"""Résumés of every common layout: columns, headings, entries, skills, institutions (issue 11, part 3).

Text comes from the labelled set in tests/fixtures/resumes/labelled/ (lines copied as the PDFs print them)."""

from __future__ import annotations

import logging
from pathlib import Path

import pdfplumber
import pytest

from api.resume.extract import extract_resume, find_education, find_experience, find_skills, section_kinds
from api.resume.layout import _drop_margins, _lines, find_gutter, page_text
from api.resume.parser import parse_resume_pdf
from api.resume.service import taxonomy_vocabulary

LABELLED = Path(__file__).resolve().parents[1] / "fixtures" / "resumes" / "labelled"


def _pages(name: str) -> list[str]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(LABELLED / name) as pdf:
        return [page_text(p.extract_words(x_tolerance=1.5), float(p.width), float(p.height)) for p in pdf.pages]


def _gutter(name: str) -> tuple[float, int] | None:
    with pdfplumber.open(LABELLED / name) as pdf:
        p = pdf.pages[0]
        return find_gutter(_drop_margins(_lines(p.extract_words(x_tolerance=1.5)), float(p.height)), float(p.width))


def _skills(lines: list[str], kinds: list[str], employers: tuple[str, ...] = ()) -> list[str]:
    return [s.name for s in find_skills(lines, taxonomy_vocabulary(), kinds=kinds, employers=employers)]


class TestColumns:
    def test_two_column_latex_reads_each_column_on_its_own(self):
        # given the Deedy résumé: education on the left, experience on the right
        # when
        lines = _pages("deedy_resume-openfont.pdf")[0].split("\n")
        # then the two columns' lines are not merged
        assert "FACEBOOK | SOFTWARE ENGINEER" in lines
        assert "CORNELL UNIVERSITY" in lines
        assert not any("CORNELL UNIVERSITY FACEBOOK" in line for line in lines)
        assert lines.index("EDUCATION") < lines.index("SKILLS") < lines.index("EXPERIENCE")

    def test_two_column_template_keeps_the_sidebar_out_of_the_entries(self):
        # when
        lines = _pages("two-column.pdf")[0].split("\n")
        # then
        i = lines.index("Senior Software Engineer")
        assert lines[i + 1 : i + 3] == ["Jan 2023 - Present", "Stripe • San Francisco, CA"]
        assert "Docker Kubernetes Terraform" in lines
        assert lines[0] == "JOHN DOE"

    @pytest.mark.parametrize(
        "name", ["sourabh_bajaj_resume.pdf", "John_Doe_ClassicTheme_CV.pdf", "alfred_pennyworth_pm.pdf", "single-column.pdf"]
    )
    def test_a_column_of_dates_is_not_a_gutter(self, name: str):
        # when / then (right-aligned dates and locations, or dates on the left, belong to their rows)
        assert _gutter(name) is None

    def test_running_footer_with_page_numbers_is_dropped(self):
        # when
        text = "\n".join(_pages("John_Doe_ModerncvTheme_CV.pdf"))
        # then "John Doe – 1/3" is gone, the entry after it is intact
        assert "1/3" not in text
        assert "May 2019 – Aug 2019 Research Intern, Microsoft Research – Redmond, WA" in text


class TestHeadings:
    @pytest.mark.parametrize(
        ("heading", "kind"),
        [
            ("Experience", "experience"),
            ("PROFESSIONAL EXPERIENCE", "experience"),
            ("Work History", "experience"),
            ("Employment", "experience"),
            ("Berufserfahrung", "experience"),
            ("Experiencia laboral", "experience"),
            ("Expérience professionnelle", "experience"),
            ("RESEARCH", "experience"),
            ("Education", "education"),
            ("Ausbildung", "education"),
            ("Formación académica", "education"),
            ("Skills & Awards", "skills"),
            ("Kenntnisse", "skills"),
            ("Compétences", "skills"),
            ("Projects", "projects"),
            ("Volunteer Experience", "volunteering"),
            ("Extracurricular Activities", "activities"),
            ("Selected Honors", "awards"),
            ("Publications", "publications"),
        ],
    )
    def test_heading_variants(self, heading: str, kind: str):
        # when / then
        assert section_kinds([heading, "text"]) == [kind, kind]

    def test_projects_and_volunteering_are_not_jobs(self):
        # given alfred_pennyworth_pm.pdf's project, and a volunteering entry, after the experience
        text = "\n".join(
            [
                "Alfred Pennyworth",
                "Experience",
                "2012 – 2017 Software Development Engineer III, Amazon, Seattle, WA, USA",
                "Projects",
                "2020 – Personal Project: Home Automation System",
                "Present Developed a smart home automation system using Raspberry Pi and Python.",
                "Volunteer Experience",
                "2018 – 2019 Mentor, Code Club",
            ]
        )
        # when
        p = extract_resume(text, today=None)
        # then
        assert [(e.title, e.company) for e in p.experience] == [("Software Development Engineer III", "Amazon")]
        assert p.total_years == 6.0  # 2012 – 2017: January 2012 to December 2017


class TestEntries:
    def test_title_on_the_line_after_the_dates_and_bullets_of_the_previous_entry(self):
        # given John_Doe_EmberTheme_CV.pdf
        lines = [
            "◦ NeurIPS 2022 workshop paper on emergent communication protocols",
            "◦ Invited journal extension in JMLR (2023)",
            "Apple ML Research – Cupertino, CA May 2020 – Aug 2020",
            "Research Intern",
            "◆ Created on-device neural network compression pipeline deployed across 50M+ devices",
        ]
        # when
        [e] = find_experience(lines)
        # then
        assert (e.title, e.company, e.start, e.end) == ("Research Intern", "Apple ML Research", "2020-05", "2020-08")

    def test_wrapped_sentence_end_above_the_dates_is_not_the_company(self):
        # given John_Doe_ModerncvTheme_CV.pdf
        lines = [
            "• Developed proprietary inference optimization reducing latency by 73% compared to",
            "baseline",
            "May 2022 – Aug 2022 Research Intern, NVIDIA Research – Santa Clara, CA",
        ]
        # when
        [e] = find_experience(lines)
        # then
        assert (e.title, e.company) == ("Research Intern", "NVIDIA Research")

    def test_title_above_dates_and_company_below(self):
        # given single-column.pdf
        lines = ["Senior Software Engineer", "Jan 2023 - Present", "Stripe San Francisco, CA", "• Designed and implemented …"]
        # when
        [e] = find_experience(lines)
        # then
        assert (e.title, e.company, e.start, e.current) == ("Senior Software Engineer", "Stripe", "2023-01", True)

    @pytest.mark.parametrize(
        "lines",
        [
            ["Software Engineer | Acme Corp | Jan 2020 – Dec 2021"],
            ["Acme Corp", "Software Engineer", "Jan 2020 – Dec 2021"],
            ["Jan 2020 – Dec 2021", "Software Engineer", "Acme Corp, Berlin", "• Built the payments API"],
            ["Acme Corp — Software Engineer", "Jan 2020 – Dec 2021"],
            ["Software Engineer at Acme Corp (Jan 2020 – Dec 2021)"],
        ],
    )
    def test_title_company_and_dates_in_the_common_orders(self, lines: list[str]):
        # when
        [e] = find_experience(lines)
        # then
        assert (e.title, e.company, e.start, e.end) == ("Software Engineer", "Acme Corp", "2020-01", "2021-12")

    def test_a_bullet_below_the_dates_is_not_the_company(self):
        # when
        [e] = find_experience(["2018 - 2019", "Backend Developer", "• Built APIs for payments"])
        # then
        assert (e.title, e.company) == ("Backend Developer", None)

    def test_german_resume(self):
        # given
        text = "\n".join(
            [
                "Max Mustermann",
                "Berufserfahrung",
                "Werkstudent Softwareentwicklung, SAP SE, 10/2019 – heute",
                "Ausbildung",
                "B.Sc. Informatik, Technische Universität München, 2016 – 2019",
            ]
        )
        # when
        p = extract_resume(text)
        # then
        [e] = p.experience
        assert (e.title, e.company, e.start, e.current) == ("Werkstudent Softwareentwicklung", "SAP SE", "2019-10", True)
        assert [ed.institution for ed in p.education] == ["Technische Universität München"]

    def test_seasons(self):
        # given sourabh_bajaj_resume.pdf
        lines = ["• Lucena Research Atlanta, GA", "Data Scientist Summer 2012 and 2013"]
        # when
        [e] = find_experience(lines)
        # then
        assert (e.title, e.company, e.start, e.end) == ("Data Scientist", "Lucena Research", "2012-06", "2013-08")

    @pytest.mark.parametrize(
        ("dates", "start", "end", "current"),
        [
            ("Aug. 2014 – Apr. 2016", "2014-08", "2016-04", False),
            ("2019–present", "2019-01", None, True),
            ("03/2020 – 11/2021", "2020-03", "2021-11", False),
            ("Summer 2022 – Fall 2022", "2022-06", "2022-11", False),
            ("2018-06 – 2020-01", "2018-06", "2020-01", False),
            ("Jan 2015 - Present", "2015-01", None, True),
        ],
    )
    def test_date_forms(self, dates: str, start: str, end: str | None, current: bool):
        # when
        [e] = find_experience([f"Software Engineer, Acme {dates}"])
        # then
        assert (e.start, e.end, e.current) == (start, end, current)

    def test_present_is_counted_to_the_documents_own_date(self):
        # given alfred_pennyworth_pm.pdf, written in July 2023: 1999 – Present
        # when
        p = parse_resume_pdf(LABELLED / "alfred_pennyworth_pm.pdf")
        # then
        assert p.total_years == 24.6


class TestSkills:
    def test_a_product_of_the_employer_is_not_the_brand(self):
        # given John_Doe_ClassicTheme_CV.pdf
        line = "• Research integrated into Azure Cognitive Services, reducing training data requirements by 60%"
        # when / then
        assert _skills([line], ["experience"]) == []

    def test_counts_of_stars_are_not_skills(self):
        # given
        line = "• Adopted by 3 major AI labs, 8,500+ GitHub stars, 200+ contributors"
        # when / then
        assert _skills([line], ["projects"]) == []

    def test_the_employer_is_not_a_skill(self):
        # given bruce_wayne_fullstack.pdf
        lines = [
            "Node.js. Currently contributing to the development of AI technologies at OpenAI, with a primary",
            "June 2020 – MERN Stack Developer, OpenAI, San Francisco, USA",
        ]
        # when / then
        assert _skills(lines, ["summary", "experience"], employers=("OpenAI",)) == ["Node.js"]

    def test_topics_only_from_the_skills_section(self):
        # given single-column.pdf: prose mentions code review and caching, the skills section lists Distributed Systems
        lines = [
            "• Mentored 3 junior engineers and established code review standards adopted across payments platform team,",
            "• Reduced API response latency by 60% through query optimization and strategic Redis caching layers",
            "Terraform, CI/CD, API Design, Database Optimization, Distributed Systems, Microservices",
        ]
        # when
        found = _skills(lines, ["experience", "experience", "skills"])
        # then
        assert "Code Review" not in found and "Caching" not in found and "Mentoring" not in found
        assert {"Redis", "Distributed Systems", "Terraform"} <= set(found)

    def test_no_skills_from_coursework_or_awards(self):
        # given deedy_resume-openfont.pdf
        lines = ["COURSEWORK", "Advanced Machine Learning", "Cloud Computing", "SKILLS", "Java • Shell • Python • Javascript"]
        # when
        found = _skills(lines, section_kinds(lines))
        # then
        assert set(found) == {"Java", "Shell", "Python", "JavaScript"}

    def test_a_languages_heading_lists_skills(self):
        # given a sidebar with a "Languages" heading of its own
        lines = ["Languages", "Python, Go, C++", "Interests", "Go hiking, Python breeding"]
        # when
        found = _skills(lines, section_kinds(lines))
        # then
        assert set(found) == {"Python", "Go", "C++"}

    def test_a_skill_split_across_lines(self):
        # given barry_allen_fe.pdf
        lines = [
            "Platform, Firebase, RESTful APIs, GraphQL, Agile Development, Test-Driven",
            "Development, Responsive Design, UI/UX",
        ]
        # when / then
        assert "Test-Driven Development" in _skills(lines, ["skills", "skills"])

    @pytest.mark.parametrize(
        ("line", "kind", "expected"),
        [
            ("Technical Skills: Go, Python, Node.js", "skills", {"Go", "Python", "Node.js"}),
            (
                "• Designed fraud detection processing 50K+ transactions per second using Kafka and Go,",
                "experience",
                {"Apache Kafka", "Go"},
            ),
            ("Go to market plan for the Python SDK", "experience", {"Python"}),
            ("Spring 2022 teaching assistant for Java", "experience", {"Java"}),
            ("Languages: C, C++, R", "skills", {"C", "C++", "R"}),
            ("Grade C in the final exam", "education", set()),
            ("Built the release tooling with Make and Bash", "experience", {"Make", "Bash"}),
            ("Make sure Python runs", "experience", {"Python"}),
            ("SEO, Google Analytics", "skills", {"SEO", "Google Analytics"}),
        ],
    )
    def test_short_names_need_case_and_context(self, line: str, kind: str, expected: set[str]):
        # when / then
        assert set(_skills([line], [kind])) == expected


class TestEducationDegree:
    def test_expected_graduation_is_not_part_of_the_degree(self):
        # when
        [edu] = find_education(["University of Michigan Ann Arbor, MI", "B.S. in Computer Science Exp. 2024"])
        # then
        assert (edu.degree, edu.year) == ("B.S. in Computer Science", 2024)


class TestContact:
    def test_phone_with_unicode_and_soft_hyphens(self):
        # given
        text = "Jane Roe\n+49\u00a0151\u2011234\u00ad5678 | jane@example.de"
        # when / then
        assert extract_resume(text).contact.phone == "+49 151-2345678"


class TestInstitutions:
    @pytest.mark.parametrize(
        ("lines", "institution"),
        [
            (
                [
                    "1994 – 1997 Bachelor of Science in Computer Science, University of California, Berkeley,",
                    "Berkeley, CA, USA",
                ],
                "University of California, Berkeley",
            ),
            (["2016 – 2018 Master of Business Administration, Stanford University, Stanford, CA, USA"], "Stanford University"),
            (["Princeton University – Princeton, NJ Sept 2018 – May 2023", "PhD in Computer Science"], "Princeton University"),
            (["Sept 2018 – May 2023 Princeton University, PhD in Computer Science – Princeton, NJ"], "Princeton University"),
            (["PhD Princeton University, Computer Science Princeton, NJ"], "Princeton University"),
            (["2009 – 2012 PhD in Computer Science, CalTech, Pasadena, USA"], "CalTech"),
            (["UC Berkeley", "2019", "Bachelor of Science, Computer Science"], "UC Berkeley"),
            (["UC Berkeley | 2019", "Bachelor of Science, Computer Science"], "UC Berkeley"),
            (
                [
                    "• Georgia Institute of Technology Atlanta, GA",
                    "Master of Science in Computer Science; GPA: 4.00 Aug 2012 – Dec 2013",
                ],
                "Georgia Institute of Technology",
            ),
            (["University of Michigan Ann Arbor, MI", "B.S. in Computer Science Exp. 2024"], "University of Michigan"),
            (["B.S. in Computer Science, University of Michigan, Ann Arbor, MI — May 2019, GPA 3.8"], "University of Michigan"),
            (["Bachelor of Arts in Economics", "Harvard University, Cambridge, MA", "2012 – 2016"], "Harvard University"),
            (["MIT — PhD, Electrical Engineering, 2020"], "MIT"),
        ],
    )
    def test_clean_institution(self, lines: list[str], institution: str):
        # when
        [edu] = find_education(lines)
        # then
        assert edu.institution == institution
