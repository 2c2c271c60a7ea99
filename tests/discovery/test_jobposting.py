from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from api.discovery.fetch import fetch_page
from api.discovery.jobposting import extract_job_posting, import_job_from_url
from api.discovery.postings import SalaryRange
from tests.support.pages import noisy_page, sections
from tests.support.servers import Reply


async def serve_and_extract(server, path: str, page: str):
    server.route(path.split("?", 1)[0], Reply(200, page, content_type="text/html; charset=utf-8"))
    fetched = await fetch_page(server.base + path, allow_private=True)
    return extract_job_posting(fetched.text, fetched.final_url)


class TestExtractJobPosting:
    @pytest.mark.parametrize("form, kind", [("JSON", "json-ld"), ("MICRODATA", "microdata"), ("RDFA", "rdfa")])
    async def test_the_three_markup_forms_of_eg_0028_agree(self, server, form, kind):
        # given: the official example in one markup form inside a noisy page
        page = noisy_page(sections("eg-0028-JobPosting_from_examples.txt")[form])
        # when
        posting = await serve_and_extract(server, f"/jobs/eg-0028-{kind}?utm_source=feed", page)
        # then
        assert posting.extraction == kind
        assert posting.title == "Software Engineer"
        assert posting.locations == ["Kirkland, WA"]
        assert posting.salary == SalaryRange(100000, 100000, "USD", None)
        assert posting.job_type == "full_time"
        assert posting.posted_at == datetime(2011, 10, 31, tzinfo=UTC)
        assert posting.description == (
            "Description: ABC Company Inc. seeks a full-time mid-level software engineer to develop in-house tools."
        )
        assert posting.source == "import"
        assert posting.source_id == f"http://127.0.0.1:{server.port}/jobs/eg-0028-{kind}"
        # the example's JSON-LD form has no hiringOrganization; microdata and RDFa have one
        assert posting.company == ("" if kind == "json-ld" else "ABC Company Inc.")

    async def test_json_ld_without_hiring_organization_falls_back_to_og_site_name(self, server):
        # given
        page = noisy_page(sections("eg-0028-JobPosting_from_examples.txt")["JSON"], site_name="ABC Company Inc.")
        # when
        posting = await serve_and_extract(server, "/jobs/og", page)
        # then
        assert (posting.extraction, posting.company) == ("json-ld", "ABC Company Inc.")

    async def test_json_ld_is_preferred_over_microdata_on_the_same_page(self, server):
        # given: both forms on one page; the JSON-LD one carries a different title to tell them apart
        parts = sections("eg-0028-JobPosting_from_examples.txt")
        json_ld = parts["JSON"].replace('"title": "Software Engineer"', '"title": "Software Engineer (JSON-LD)"')
        page = noisy_page(parts["MICRODATA"] + "\n" + json_ld)
        # when
        posting = await serve_and_extract(server, "/jobs/both", page)
        # then
        assert (posting.extraction, posting.title) == ("json-ld", "Software Engineer (JSON-LD)")

    async def test_name_and_hiring_organization_from_eg_0251(self, server):
        # given: JobPosting with "name" instead of "title"
        page = noisy_page(sections("issue-1698-examples.txt", "eg-0251")["JSON"])
        # when
        posting = await serve_and_extract(server, "/jobs/eg-0251", page)
        # then
        assert (posting.title, posting.company) == ("Mobile App Developer", "ACME Software")

    async def test_applicant_location_requirements_and_telecommute(self, server):
        # given: eg-0268, as published and with jobLocationType TELECOMMUTE added (as Google requires)
        published = sections("issue-2083-examples.txt")["JSON"]
        telecommute = published.replace('"@type": "JobPosting",', '"@type": "JobPosting", "jobLocationType": "TELECOMMUTE",')
        # when
        plain = await serve_and_extract(server, "/jobs/eg-0268", noisy_page(published))
        remote = await serve_and_extract(server, "/jobs/eg-0268-remote", noisy_page(telecommute))
        # then
        assert plain.title == "Telecommute from anywhere in USA!"
        assert (plain.locations, plain.remote) == (["USA"], None)
        assert (remote.locations, remote.remote) == (["USA"], "remote")

    async def test_monetary_amount_salary_html_description_and_valid_through(self, server):
        # given: eg-0028's JSON-LD with a structured MonetaryAmount salary and an HTML description
        data = json.loads(re.sub(r"</?script[^>]*>", "", sections("eg-0028-JobPosting_from_examples.txt")["JSON"]))
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": 90000, "maxValue": 110000, "unitText": "YEAR"},
        }
        data["description"] = "<p>ABC Company Inc. seeks an engineer.</p><ul><li>Java</li><li>Python</li></ul>"
        data["validThrough"] = "2011-12-31T23:59:00-08:00"
        data["hiringOrganization"] = {"@type": "Organization", "name": "ABC Company Inc."}
        page = noisy_page(f'<script type="application/ld+json">{json.dumps(data)}</script>')
        # when
        posting = await serve_and_extract(server, "/jobs/structured", page)
        # then
        assert posting.salary == SalaryRange(90000, 110000, "USD", "year")
        assert posting.description == "ABC Company Inc. seeks an engineer.\n\n- Java\n- Python"
        assert posting.valid_through == datetime(2012, 1, 1, 7, 59, tzinfo=UTC)
        assert posting.company == "ABC Company Inc."

    async def test_plain_page_falls_back_to_main_text(self, server):
        # given: the example's PRE-MARKUP (no structured data) in the noisy page
        page = noisy_page(
            sections("eg-0028-JobPosting_from_examples.txt")["PRE-MARKUP"], title="Software Engineer | ABC Company Inc."
        )
        # when
        posting = await serve_and_extract(server, "/jobs/plain", page)
        # then
        assert posting.extraction == "text"
        assert posting.title == "Software Engineer"  # <title> minus the site suffix, not the header's <h1>
        assert posting.company == "ABC Company Inc."  # the <title>'s "Title | Company"
        assert posting.locations == ["Kirkland WA"]
        assert posting.salary == SalaryRange(100000, 100000, "USD", None)
        assert posting.job_type == "full_time"
        assert posting.description.startswith("Software Engineer\n\nLocation: Kirkland WA")
        assert "- Build tools according to specifications" in posting.description
        for noise in ("cookies", "dataLayer", "All jobs", "Similar jobs", "2026 ABC", "ABC Careers", "Config title"):
            assert noise not in posting.description

    def test_structured_data_wins_over_what_the_text_says(self):
        # given: the microdata example with body text that would read otherwise
        prose = "<p>About Initech</p><p>We are looking for a Chief Morale Officer.</p><p>Hybrid – Berlin</p>"
        page = noisy_page(prose + sections("eg-0028-JobPosting_from_examples.txt")["MICRODATA"])
        # when
        posting = extract_job_posting(page, "https://careers.example.com/jobs/7")
        # then
        assert (posting.extraction, posting.title, posting.company, posting.locations) == (
            "microdata",
            "Software Engineer",
            "ABC Company Inc.",
            ["Kirkland, WA"],
        )

    def test_a_plain_page_is_read_like_pasted_text(self):
        # given: no structured data, no og:site_name
        page = noisy_page(
            "<article><h1>Backend Engineer</h1><p>Hybrid – Hamburg, Germany</p><h2>About Nordlicht Energy</h2>"
            "<p>We are looking for a Backend Engineer to join our platform team.</p></article>"
        )
        # when
        posting = extract_job_posting(page, "https://careers.example.com/jobs/8")
        # then
        assert (posting.title, posting.company, posting.locations, posting.remote) == (
            "Backend Engineer",
            "Nordlicht Energy",
            ["Hamburg, Germany"],
            "hybrid",
        )

    async def test_h1_inside_main_wins_in_the_fallback(self):
        # given
        page = noisy_page("<article><h1>Staff Data Engineer</h1><p>Salary: €60k–80k per year</p></article>")
        # when
        posting = extract_job_posting(page, "https://careers.example.com/jobs/9#apply")
        # then
        assert posting.title == "Staff Data Engineer"
        assert posting.salary == SalaryRange(60000, 80000, "EUR", "year")
        assert posting.source_id == "https://careers.example.com/jobs/9"


class TestImportJobFromUrl:
    async def test_fetches_and_extracts_in_one_call(self, server):
        # given
        server.route(
            "/jobs/1",
            Reply(200, noisy_page(sections("eg-0028-JobPosting_from_examples.txt")["MICRODATA"]), content_type="text/html"),
        )
        server.route("/apply/1", Reply(301, b"", {"Location": "/jobs/1"}))
        # when
        posting = await import_job_from_url(server.base + "/apply/1", allow_private=True)
        # then
        assert (posting.extraction, posting.title, posting.company) == (
            "microdata",
            "Software Engineer",
            "ABC Company Inc.",
        )
        assert posting.url == server.base + "/jobs/1"
