"""Pasted descriptions read the way a person reads them: title, company and location from the top
lines and the usual sentences, never a pronoun as the company, print headers and footers ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.discovery.preview import parse_job_text
from api.vocabulary import RemoteOption

FIXTURES = Path(__file__).parent.parent / "fixtures" / "pasted"

# microsoft/SkillsExtractorCognitiveSearch deployment/microsoft_careers_sample.json, id 558783 (MIT): the title,
# the location as the careers site shows it, and the first sentences of the description
MICROSOFT_FPGA = """Sr. FPGA Acceleration Engineer
Redmond, Washington, United States
Microsoft is a highly innovative company that collaborates across disciplines to produce cutting edge technologies \
that change our world. Microsoft is seeking a highly motivated, FPGA and ASIC IP design engineer to help build \
innovative FPGA-based computing systems within a large design team."""

LINKEDIN_STYLE = """Fjord Labs
Senior Product Designer
Remote – Europe · Full-time · 2 weeks ago
About the job
Our team is small and we ship every week. The team is looking for a designer who loves research.
We are looking for a Senior Product Designer to own our onboarding.
Requirements: 5+ years in product design, Figma, user research."""

PRINTED_PAGE = """12/1/24, 18:12 Staff Site Reliability Engineer | Kestrel Payments
Staff Site Reliability Engineer
Hybrid – Berlin
Join Kestrel Payments and help us keep 40 million card payments a day flowing.
You will run Kubernetes, Terraform and Prometheus across three regions.
https://jobs.kestrelpay.com/sre-staff?gh_jid=4471 12/1/24 1/3
Requirements
- 6+ years operating production systems
- Go or Python
https://jobs.kestrelpay.com/sre-staff?gh_jid=4471 2/3"""

CITY_STATE_SECOND_LINE = """Data Analyst
Austin, TX
As a Data Analyst at Brightwave, you will turn product data into decisions.
We use SQL, dbt and Looker every day. Our analysts sit with product teams."""

ABOUT_COMPANY = """Backend Engineer (Python)
Hamburg, Germany
About Nordlicht Energy
Nordlicht Energy builds software that balances wind farms against the grid.
We are looking for a Backend Engineer to join our platform team.
What you bring: Python, PostgreSQL, Docker."""

IS_HIRING = """We are a 30-person team building tools for clinics.
Medisync is hiring a Frontend Engineer to rebuild our scheduling app in React and TypeScript.
Remote
The team works across European time zones."""


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


class TestRealDescriptions:
    @pytest.mark.parametrize(
        "name, title, company, locations",
        [
            # "We are looking for a Senior Backend Engineer …": no company named, never "We"
            ("backend-eng.txt", "Senior Backend Engineer", "", []),
            ("product-manager.txt", "Senior Product Manager", "", []),
            # "Job Description: Front End Engineer (2 Years of Experience)" / "Tech Solutions, San Francisco, CA, USA"
            ("job_desc_front_end_engineer.pdf.txt", "Front End Engineer", "Tech Solutions", ["San Francisco, CA, USA"]),
            # the title wraps onto a second line inside its parentheses
            ("job_desc_full_stack_engineer.pdf.txt", "Senior Full Stack Engineer", "Tech Solutions", ["San Francisco, CA, USA"]),
            # print header "5/10/24, 11:52 AM servicenow jobs", then "We are seeking a senior software engineer for …"
            ("servicenow_job1.pdf.txt", "Senior Software Engineer", "ServiceNow", []),
            # print header "13/1/24, 15:01 RQ-0950-2023-1-Practicante … en BCP - Otras posiciones - Laborum",
            # a job-board sidebar above the posting, "Perú, Lima, Lima, Lima Full-time Hace 8 días", URL footers
            ("laborum_bcp_practicante_finanzas_ti_es.pdf.txt", "Practicante pre profesional-Finanzas TI", "BCP", ["Lima, Perú"]),
        ],
    )
    def test_title_company_and_location(self, name, title, company, locations):
        # given
        text = fixture(name)
        # when
        preview = parse_job_text(text)
        # then
        assert (preview["title"], preview["company"], preview["locations"]) == (title, company, locations)
        assert preview["extraction"] == "pasted"

    def test_a_company_seeking_an_engineer_in_a_career_site_description(self):
        # when
        preview = parse_job_text(MICROSOFT_FPGA)
        # then
        assert (preview["title"], preview["company"], preview["locations"]) == (
            "Sr. FPGA Acceleration Engineer",
            "Microsoft",
            ["Redmond, Washington, United States"],
        )

    def test_print_headers_and_url_footers_are_not_in_the_description(self):
        # given
        text = fixture("laborum_bcp_practicante_finanzas_ti_es.pdf.txt")
        # when
        preview = parse_job_text(text)
        # then
        assert "13/1/24" not in preview["description"] and "laborum.pe" not in preview["description"]
        assert "Practicante pre profesional-Finanzas TI" in preview["description"]


class TestPastedShapes:
    @pytest.mark.parametrize(
        "text, title, company, locations, remote",
        [
            pytest.param(
                LINKEDIN_STYLE, "Senior Product Designer", "Fjord Labs", ["Europe"], RemoteOption.REMOTE, id="company-line"
            ),
            pytest.param(
                PRINTED_PAGE, "Staff Site Reliability Engineer", "Kestrel Payments", ["Berlin"], RemoteOption.HYBRID, id="printed"
            ),
            pytest.param(CITY_STATE_SECOND_LINE, "Data Analyst", "Brightwave", ["Austin, TX"], None, id="title-at-company"),
            pytest.param(ABOUT_COMPANY, "Backend Engineer (Python)", "Nordlicht Energy", ["Hamburg, Germany"], None, id="about"),
            pytest.param(IS_HIRING, "Frontend Engineer", "Medisync", [], RemoteOption.REMOTE, id="is-hiring"),
        ],
    )
    def test_title_company_location_and_mode(self, text, title, company, locations, remote):
        # when
        preview = parse_job_text(text)
        # then
        assert (preview["title"], preview["company"], preview["locations"], preview["remote"]) == (
            title,
            company,
            locations,
            remote,
        )

    @pytest.mark.parametrize(
        "text",
        [
            "We are looking for a Python developer.\nOur office is in Leipzig.",
            "Our mission is simple.\nThe team is hiring a QA Engineer who loves automation.",
            "You will join The team at a fast pace.\nThey are seeking a Support Specialist.",
            "Senior Go Developer\nPrevious experience at Google, Meta or a similar company is a plus.",
            "Site Reliability Engineer\nYou will join Platform Engineering, a group of six.",
        ],
    )
    def test_pronouns_and_generic_words_are_never_the_company(self, text):
        # when
        preview = parse_job_text(text)
        # then
        assert preview["company"] == ""

    def test_printed_footers_are_not_in_the_description(self):
        # when
        preview = parse_job_text(PRINTED_PAGE)
        # then
        assert "12/1/24" not in preview["description"] and "gh_jid" not in preview["description"]
        assert preview["description"].startswith("Staff Site Reliability Engineer\nHybrid – Berlin")
