"""Adapters of company boards watched by token, beyond Greenhouse / Lever / Ashby.

Each one replays recorded payloads (tests/fixtures/boards/) from the loopback server and shares the
failure-mode tests of tests/discovery/test_adapters.py (429 retried, 500, timeout, malformed, empty).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import ClassVar

import pytest

from api.discovery.adapters import (
    BambooHrAdapter,
    CareersPageAdapter,
    IcimsAdapter,
    PersonioAdapter,
    RecruiteeAdapter,
    SmartRecruitersAdapter,
    TeamtailorAdapter,
    WorkableAdapter,
    WorkdayAdapter,
)
from api.discovery.adapters.workday import posted_on, workday_token
from api.discovery.http import SourceError
from api.discovery.postings import SalaryRange, SourceQuery
from tests.discovery.test_adapters import _FailureModes
from tests.support.servers import Reply, fixture_text, json_reply, load_fixture


class TestSmartRecruitersAdapter(_FailureModes):
    adapter_cls = SmartRecruitersAdapter
    path = "/v1/companies/hirevue/postings"
    query = SourceQuery(board_token="hirevue")
    empty_payload: ClassVar[object] = {"offset": 0, "limit": 100, "totalFound": 0, "content": []}
    fixture = "boards/smartrecruiters/candidatezero_hirevue_postings.json"
    detail = "boards/smartrecruiters/candidatezero_hirevue_posting_detail.json"
    expected_count = 3

    async def test_list_and_detail_become_postings(self, server, http):
        # given: the list of 3 and the detail of the first (the others' details are missing: 404)
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        server.route(f"{self.path}/744000138728139", json_reply(load_fixture(self.detail)))
        # when
        postings = await SmartRecruitersAdapter(server.base, http).fetch(self.query)
        # then
        assert server.hits(self.path)[0].query == {"offset": ["0"], "limit": ["100"]}
        first, second = postings[0], postings[1]
        assert (first.source, first.source_id) == ("smartrecruiters", "744000138728139")
        assert first.title == "Data Science Intern | Fully Remote US"
        assert first.company == "HireVue Inc"
        assert first.url == "https://jobs.smartrecruiters.com/HireVue/744000138728139-data-science-intern-fully-remote-us"
        assert first.locations == ["Sandy, UT, US"]
        assert first.remote == "remote"
        assert first.job_type == "internship"
        assert first.posted_at == datetime(2026, 7, 20, 20, 54, 18, 136000, tzinfo=UTC)
        assert first.tags == ["Data Science"]
        # the jobAd sections became headed, clean text
        assert first.description.startswith("Company Description\n\nHirevue is where hiring happens")
        assert "Job Description\n\nAs a Data Science Intern, you will support" in first.description
        assert "Qualifications\n\nRequired\n\n- Bachelor’s degree required" in first.description
        assert "<" not in first.description
        # a posting whose detail could not be fetched keeps the list's fields, without a description
        assert (second.title, second.locations, second.job_type, second.description) == (
            "Deal Desk Analyst | Fully Remote Poland and UK",
            ["Warsaw, PL"],
            "full_time",
            "",
        )
        assert second.url == "https://jobs.smartrecruiters.com/HireVue/744000136509359"

    async def test_pages_until_total_found(self, server, http, monkeypatch):
        # given: totalFound says 150, served as 100 + 50; job pages are read for the first 120 only
        monkeypatch.setattr("api.discovery.adapters.smartrecruiters.MAX_DETAILS", 120)
        first_page = load_fixture(self.fixture)
        template = first_page["content"][0]
        page = lambda start, n: {  # noqa: E731
            "offset": start,
            "limit": 100,
            "totalFound": 150,
            "content": [{**template, "id": str(start + i), "name": f"Role {start + i}"} for i in range(n)],
        }
        server.route(self.path, json_reply(page(0, 100)), json_reply(page(100, 50)))
        # when
        postings = await SmartRecruitersAdapter(server.base, http).fetch(self.query)
        # then
        assert [h.query["offset"] for h in server.hits(self.path)] == [["0"], ["100"]]
        assert len(postings) == 150
        assert len([s for s in server.seen if s.path.startswith(f"{self.path}/")]) == 120

    async def test_keyword_filter_applies_to_the_board(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await SmartRecruitersAdapter(server.base, http).fetch(SourceQuery(board_token="hirevue", keywords=["poland"]))
        # then
        assert [p.source_id for p in postings] == ["744000136509359", "744000133640099"]


class TestRecruiteeAdapter(_FailureModes):
    adapter_cls = RecruiteeAdapter
    path = "/aikidosecurity/api/offers/"
    query = SourceQuery(board_token="aikidosecurity")
    empty_payload: ClassVar[object] = {"offers": []}
    fixture = "boards/recruitee/jobagent_aikidosecurity_offers.json"
    expected_count = 3

    def test_the_token_goes_in_the_host_name_by_default(self):
        # given
        adapter = RecruiteeAdapter()
        # when / then
        assert adapter._board_base("aikidosecurity") == "https://aikidosecurity.recruitee.com"
        assert RecruiteeAdapter("http://127.0.0.1:9/")._board_base("aikidosecurity") == "http://127.0.0.1:9/aikidosecurity"

    async def test_normalises_the_recorded_offers(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await RecruiteeAdapter(server.base, http).fetch(self.query)
        # then
        first, chicago = postings[0], postings[2]
        assert (first.source, first.source_id) == ("recruitee", "2707521")
        assert first.title == "Customer Success Engineer Tel Aviv"
        assert first.company == "Aikido Security"
        assert first.url == "https://aikidosecurity.recruitee.com/o/customer-success-engineer-tel-aviv"
        assert first.locations == ["Tel Aviv, Israel"]
        assert first.remote == "remote"
        assert first.job_type == "full_time"
        assert first.salary is None  # all-null salary object
        assert first.posted_at == datetime(2026, 8, 11, 20, 45, 29, tzinfo=UTC)
        assert first.expires_at is None
        assert first.tags == ["Sales"]
        assert first.description.startswith("🌍 We’re making security suck less for developers.")
        assert "- Medior/Senior profile with prior experience in customer success" in first.description
        assert "<" not in first.description
        assert chicago.locations == ["Chicago, Illinois, United States"]
        assert chicago.remote == "onsite"
        # '75.00'–'95.00' per year means thousands
        assert chicago.salary == SalaryRange(min=75000, max=95000, currency="USD", period="year")

    async def test_close_date_becomes_the_expiry_and_drafts_are_dropped(self, server, http):
        # given
        offers = load_fixture(self.fixture)["offers"]
        offers[0]["close_at"] = "2026-09-30 21:59:59 UTC"
        offers[1]["status"] = "draft"
        server.route(self.path, json_reply({"offers": offers}))
        # when
        postings = await RecruiteeAdapter(server.base, http).fetch(self.query)
        # then
        assert [p.source_id for p in postings] == ["2707521", "2705729"]
        assert postings[0].expires_at == datetime(2026, 9, 30, 21, 59, 59, tzinfo=UTC)


class TestWorkableAdapter(_FailureModes):
    adapter_cls = WorkableAdapter
    path = "/api/v1/widget/accounts/crewai"
    query = SourceQuery(board_token="crewai")
    empty_payload: ClassVar[object] = {"name": "CrewAI", "description": "", "jobs": []}
    fixture = "boards/workable/candidatezero_crewai_widget_account.json"
    expected_count = 4

    async def test_normalises_the_recorded_widget_account(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await WorkableAdapter(server.base, http).fetch(self.query)
        # then
        assert server.hits(self.path)[0].query == {"details": ["true"]}
        first = postings[0]
        assert (first.source, first.source_id) == ("workable", "3862836931")
        assert first.title == "Customer Success Manager, LATAM"
        assert first.company == "CrewAI"  # the account's name
        assert first.url == "https://apply.workable.com/j/3862836931"
        assert first.locations == ["São Paulo, State of São Paulo, Brazil"]
        assert first.remote == "remote"
        assert first.job_type == "full_time"
        assert first.posted_at == datetime(2026, 6, 30, tzinfo=UTC)
        assert first.tags == ["Support", "Sales"]
        assert first.description.startswith("About the Role\n\nAs a Customer Success Manager, LATAM at CrewAI")
        assert "<" not in first.description

    async def test_office_job_without_a_city_and_not_remote(self, server, http):
        # given
        server.route(
            "/api/v1/widget/accounts/vasion", json_reply(load_fixture("boards/workable/jobagent_vasion_widget_account.json"))
        )
        # when
        postings = await WorkableAdapter(server.base, http).fetch(SourceQuery(board_token="vasion"))
        # then
        apac, uk = postings
        assert (apac.company, apac.locations, apac.remote) == ("Vasion", ["New South Wales, Australia"], "remote")
        assert (uk.locations, uk.remote, uk.posted_at) == (
            ["London, England, United Kingdom"],
            None,
            datetime(2026, 8, 10, tzinfo=UTC),
        )


class TestWorkdayAdapter(_FailureModes):
    adapter_cls = WorkdayAdapter
    path = "/wday/cxs/workday/Workday/jobs"
    query = SourceQuery(board_token="workday/Workday/wd5")
    empty_payload: ClassVar[object] = {"total": 0, "jobPostings": [], "facets": [], "userAuthenticated": False}
    fixture = "boards/workday/candidatezero_workday_cxs_jobs.json"
    detail_path = "/wday/cxs/workday/Workday/job/USAVAReston/Sr-Site-Reliability-Engineer--US-Federal-_JR-0105486"
    expected_count = 4

    def test_token_from_the_triple_or_the_careers_url(self):
        # given / when / then
        assert workday_token("workday/Workday/WD5") == "workday/Workday/wd5"
        assert workday_token("https://workday.wd5.myworkdayjobs.com/Workday") == "workday/Workday/wd5"
        assert (
            workday_token("https://salesforce.wd12.myworkdayjobs.com/en-US/External_Career_Site/job/x")
            == "salesforce/External_Career_Site/wd12"
        )
        assert workday_token("vercel") is None
        assert workday_token("https://evil.example/wday/cxs/a/b") is None
        assert WorkdayAdapter()._host("workday", "wd5") == "https://workday.wd5.myworkdayjobs.com"

    def test_relative_posted_dates(self):
        # given
        today = date(2026, 7, 26)
        # when / then
        assert posted_on("Posted Today", today) == datetime(2026, 7, 26, tzinfo=UTC)
        assert posted_on("Posted Yesterday", today) == datetime(2026, 7, 25, tzinfo=UTC)
        assert posted_on("Posted 30+ Days Ago", today) == datetime(2026, 6, 26, tzinfo=UTC)
        assert posted_on("soon", today) is None

    async def test_posts_the_search_and_reads_each_detail(self, server, http):
        # given: the list of 4, the detail of the second (the others' details are missing: 404)
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        server.route(self.detail_path, json_reply(load_fixture("boards/workday/candidatezero_workday_cxs_job_detail.json")))
        # when
        postings = await WorkdayAdapter(server.base, http).fetch(self.query)
        # then
        search = server.hits(self.path)[0]
        assert search.method == "POST"
        assert json.loads(search.body) == {"appliedFacets": {}, "limit": 20, "offset": 0, "searchText": ""}
        detailed, flex = postings[1], postings[3]
        assert (detailed.source, detailed.source_id) == ("workday", "JR-0105486")
        assert detailed.title == "Sr. Site Reliability Engineer (US Federal)"
        assert detailed.company == "Workday Government, LLC"
        assert (
            detailed.url
            == "https://workday.wd5.myworkdayjobs.com/Workday/job/USAVAReston/Sr-Site-Reliability-Engineer--US-Federal-_JR-0105486"
        )
        assert detailed.locations == ["Reston, VA, USA"]
        assert detailed.remote == "onsite"
        assert detailed.job_type == "full_time"
        assert detailed.posted_at == datetime(2026, 7, 25, tzinfo=UTC)
        assert detailed.salary == SalaryRange(min=151500, max=227300, currency="USD", period="year")
        assert detailed.description.startswith(
            "Your work days are brighter here.\n\nWe’re obsessed with making hard work pay off"
        )
        assert "<" not in detailed.description
        # without its detail: the list's fields, the tenant as company, the relative date read against today
        assert (flex.source_id, flex.company, flex.remote, flex.description) == ("JR-0105494", "Workday", "hybrid", "")
        assert (
            flex.url
            == "https://workday.wd5.myworkdayjobs.com/Workday/job/USAVAReston/Analytics-Sr-Software-Engineer--US-Federal-_JR-0105494"
        )
        assert flex.posted_at == datetime.combine(datetime.now(UTC).date() - timedelta(days=2), datetime.min.time(), UTC)

    async def test_pages_by_offset_until_the_total(self, server, http):
        # given: 25 postings served as 20 + 5
        template = load_fixture(self.fixture)["jobPostings"][0]
        jobs = [{**template, "bulletFields": [f"JR-{i}"], "externalPath": f"/job/x/{i}"} for i in range(25)]
        server.route(
            self.path,
            json_reply({"total": 25, "jobPostings": jobs[:20]}),
            json_reply({"total": 25, "jobPostings": jobs[20:]}),
        )
        # when
        postings = await WorkdayAdapter(server.base, http).fetch(self.query)
        # then
        assert [json.loads(h.body)["offset"] for h in server.hits(self.path)] == [0, 20]
        assert len(postings) == 25

    async def test_a_multi_location_summary_is_not_a_location(self, server, http):
        # given
        server.route(
            "/wday/cxs/salesforce/External_Career_Site/jobs",
            json_reply(load_fixture("boards/workday/careerkit_salesforce_cxs_jobs.json")),
        )
        # when
        postings = await WorkdayAdapter(server.base, http).fetch(
            SourceQuery(board_token="https://salesforce.wd12.myworkdayjobs.com/en-US/External_Career_Site")
        )
        # then
        assert [(p.source_id, p.locations, p.company) for p in postings] == [
            ("JR354232", [], "Salesforce"),
            ("JR332446", [], "Salesforce"),
        ]

    async def test_a_token_that_is_not_a_workday_site_is_an_error_without_a_request(self, server, http):
        # given
        adapter = WorkdayAdapter(server.base, http)
        # when
        with pytest.raises(SourceError) as err:
            await adapter.fetch(SourceQuery(board_token="vercel"))
        # then
        assert err.value.reason == "the board token must be 'tenant/site/wdN' or the careers site URL"
        assert server.seen == []


class TestPersonioAdapter(_FailureModes):
    adapter_cls = PersonioAdapter
    path = "/personio/xml"
    query = SourceQuery(board_token="personio")
    fixture = "boards/personio/clearfetch_personio_xml_feed.xml"
    expected_count = 1
    malformed = "malformed XML"

    def recorded(self) -> Reply:
        return Reply(200, fixture_text(self.fixture), content_type="application/xml")

    def empty(self) -> Reply:
        return Reply(
            200, '<?xml version="1.0" encoding="UTF-8"?>\n<workzag-jobs>\n</workzag-jobs>', content_type="application/xml"
        )

    async def test_normalises_the_recorded_feed(self, server, http):
        # given
        server.route(self.path, self.recorded())
        # when
        [posting] = await PersonioAdapter(server.base, http).fetch(self.query)
        # then
        assert (posting.source, posting.source_id) == ("personio", "1834171")
        assert posting.title == "Staff Software Engineer, Data Platform"
        assert posting.company == "Personio SE & Co. KG"
        assert posting.url == "https://personio.jobs.personio.de/job/1834171"
        assert posting.locations == ["Munich", "Berlin"]
        assert posting.job_type == "full_time"
        assert posting.posted_at == datetime(2024, 11, 13, 14, 10, 41, tzinfo=UTC)
        assert posting.tags == ["Product and Tech", "Engineering"]
        # four CDATA sections, each under its heading, as clean text
        assert posting.description.startswith(
            "The Role: How you'll make an impact at Personio\n\nThis position is hybrid based in either Dublin or Munich locations"
        )
        assert (
            "Role Requirements: What you need to succeed\n\n- 10+ years of software engineering experience" in posting.description
        )
        assert "<" not in posting.description

    async def test_a_document_type_declaration_is_refused(self, server, http):
        # given: an entity-expansion bomb and an external entity
        bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><workzag-jobs>&b;</workzag-jobs>'
        external = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><workzag-jobs>&e;</workzag-jobs>'
        server.route(self.path, Reply(200, bomb), Reply(200, external))
        adapter = PersonioAdapter(server.base, http)
        # when
        with pytest.raises(SourceError) as first:
            await adapter.fetch(self.query)
        with pytest.raises(SourceError) as second:
            await adapter.fetch(self.query)
        # then
        assert first.value.reason == second.value.reason == "malformed XML (document type declarations are not accepted)"

    async def test_an_oversized_feed_is_refused(self, server, http, monkeypatch):
        # given
        monkeypatch.setattr("api.discovery.adapters.personio.MAX_FEED_BYTES", 1000)
        server.route(self.path, self.recorded())
        # when
        with pytest.raises(SourceError) as err:
            await PersonioAdapter(server.base, http).fetch(self.query)
        # then
        assert err.value.reason == "feed too large (over 1,000 bytes)"

    def test_the_token_goes_in_the_host_name_by_default(self):
        # given / when / then
        assert PersonioAdapter()._board_base("acme") == "https://acme.jobs.personio.de"


class TestTeamtailorAdapter(_FailureModes):
    adapter_cls = TeamtailorAdapter
    path = "/career/jobs.json"
    query = SourceQuery(board_token="career")
    empty_payload: ClassVar[object] = {"version": "https://jsonfeed.org/version/1.1", "title": "Teamtailor", "items": []}
    fixture = "boards/teamtailor/careerkit_teamtailor_jobs_jsonfeed.json"
    expected_count = 2

    async def test_normalises_the_recorded_feed(self, server, http):
        # given
        server.route(self.path, self.recorded())
        # when
        postings = await TeamtailorAdapter(server.base, http).fetch(self.query)
        # then
        madrid, copenhagen = postings
        assert (madrid.source, madrid.source_id) == ("teamtailor", "7167985")
        assert madrid.title == "Account Executive - Italy (Madrid based)"
        assert madrid.company == "Teamtailor"  # the feed's title: the JobPosting names no organisation
        assert madrid.url == "https://career.teamtailor.com/jobs/7167985-account-executive-italy-madrid-based"
        assert madrid.locations == ["Madrid, Europe, ES"]
        assert madrid.posted_at == datetime(2026, 2, 4, 8, 26, 20, tzinfo=UTC)
        assert copenhagen.locations == ["Stockholm, Sweden, SE", "København, Europe, DK"]

    async def test_the_job_posting_gives_description_pay_type_and_expiry(self, server, http):
        # given: the first recorded item with the JobPosting fields the recording dropped
        feed = load_fixture(self.fixture)
        feed["items"][0]["_jobposting"].update(
            {
                "description": "<p>Sell <b>Teamtailor</b> in Italy.</p><ul><li>Quota</li></ul>",
                "hiringOrganization": {"@type": "Organization", "name": "Teamtailor AB"},
                "employmentType": "FULL_TIME",
                "jobLocationType": "TELECOMMUTE",
                "validThrough": "2026-03-31T23:59:59+01:00",
                "baseSalary": {
                    "@type": "MonetaryAmount",
                    "currency": "EUR",
                    "value": {"@type": "QuantitativeValue", "minValue": 50000, "maxValue": 70000, "unitText": "YEAR"},
                },
            }
        )
        server.route(self.path, json_reply(feed))
        # when
        posting = (await TeamtailorAdapter(server.base, http).fetch(self.query))[0]
        # then
        assert posting.description == "Sell Teamtailor in Italy.\n\n- Quota"
        assert (posting.company, posting.job_type, posting.remote) == ("Teamtailor AB", "full_time", "remote")
        assert posting.salary == SalaryRange(min=50000, max=70000, currency="EUR", period="year")
        assert posting.expires_at == datetime(2026, 3, 31, 22, 59, 59, tzinfo=UTC)


class TestBambooHrAdapter(_FailureModes):
    adapter_cls = BambooHrAdapter
    path = "/acme/careers/list"
    query = SourceQuery(board_token="acme")
    empty_payload: ClassVar[object] = {"meta": {"totalCount": 0}, "result": []}
    fixture = "boards/bamboohr/careerkit_bamboohr_careers_list.json"
    expected_count = 2

    async def test_normalises_the_recorded_list(self, server, http):
        # given
        server.route(self.path, self.recorded())
        # when
        paralegal, intern = await BambooHrAdapter(server.base, http).fetch(self.query)
        # then
        assert (paralegal.source, paralegal.source_id) == ("bamboohr", "86")
        assert paralegal.title == "Nurse Paralegal"
        assert paralegal.company == "Acme"
        assert paralegal.url == "https://acme.bamboohr.com/careers/86"
        assert paralegal.locations == ["Fort Lauderdale, Florida"]
        assert paralegal.remote == "onsite"
        assert paralegal.job_type == "full_time"
        assert paralegal.tags == ["Legal"]
        assert (intern.title, intern.job_type, intern.tags) == ("Marketing & Social Media Intern", "internship", ["Marketing"])

    async def test_remote_openings(self, server, http):
        # given
        feed = load_fixture(self.fixture)
        feed["result"][0].update({"isRemote": True, "locationType": "1", "location": {"city": None, "state": None}})
        feed["result"][1]["locationType"] = "2"
        server.route(self.path, json_reply(feed))
        # when
        remote, hybrid = await BambooHrAdapter(server.base, http).fetch(self.query)
        # then
        assert (remote.remote, remote.locations) == ("remote", [])
        assert hybrid.remote == "hybrid"


ICIMS_JOB_PAGE = """<!doctype html><html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@type": "JobPosting", "title": "Payroll Tax Specialist",
 "hiringOrganization": {"@type": "Organization", "name": "Wipfli LLP"},
 "datePosted": "2026-08-03", "validThrough": "2026-10-01T00:00:00Z", "employmentType": "FULL_TIME",
 "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Milwaukee",
   "addressRegion": "WI", "addressCountry": "US"}},
 "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
   "value": {"@type": "QuantitativeValue", "minValue": 60000, "maxValue": 80000, "unitText": "YEAR"}},
 "description": "&lt;p&gt;Prepare &lt;b&gt;payroll tax&lt;/b&gt; filings.&lt;/p&gt;"}
</script></head><body><div class="iCIMS_JobContent">…</div></body></html>"""


class TestIcimsAdapter(_FailureModes):
    adapter_cls = IcimsAdapter
    path = "/careers-wipfli/jobs/search"
    query = SourceQuery(board_token="careers-wipfli")
    fixture = "boards/icims/careerkit_wipfli_icims_search.html"
    expected_count = 2
    malformed = "unexpected response shape: not an iCIMS job search page"

    def recorded(self) -> Reply:
        return Reply(200, fixture_text(self.fixture), content_type="text/html")

    def empty(self) -> Reply:
        return Reply(200, '<html><body><div class="iCIMS_JobsTable"></div></body></html>', content_type="text/html")

    async def test_malformed_payload_is_a_clear_error(self, server, http):
        # given: a page that is not an iCIMS listing (a cut-off listing still parses: HTML has no "malformed")
        server.route(self.path, json_reply({"jobs": []}))
        # when
        with pytest.raises(SourceError) as err:
            await IcimsAdapter(server.base, http).fetch(self.query)
        # then
        assert err.value.reason == self.malformed

    async def test_reads_the_recorded_job_cards(self, server, http):
        # given: the search page; the job pages are missing (404)
        server.route(self.path, self.recorded())
        # when
        postings = await IcimsAdapter(server.base, http).fetch(self.query)
        # then
        assert server.hits(self.path)[0].query == {"ss": ["1"], "in_iframe": ["1"], "pr": ["0"]}
        first = postings[0]
        assert (first.source, first.source_id) == ("icims", "8214")
        assert first.title == "Payroll Tax Specialist"
        assert first.company == "Wipfli"
        assert first.url == "https://careers-wipfli.icims.com/jobs/8214/payroll-tax-specialist/job"
        assert first.locations == ["US"]
        assert first.description == ""
        assert [p.source_id for p in postings] == ["8214", "8212"]
        assert len(server.hits("/careers-wipfli/jobs/8214/job")) == 1

    async def test_the_job_page_json_ld_completes_the_card(self, server, http):
        # given
        server.route(self.path, self.recorded())
        server.route("/careers-wipfli/jobs/8214/job", Reply(200, ICIMS_JOB_PAGE, content_type="text/html"))
        # when
        posting = (await IcimsAdapter(server.base, http).fetch(self.query))[0]
        # then
        assert posting.description == "Prepare payroll tax filings."
        assert (posting.company, posting.locations, posting.job_type) == ("Wipfli LLP", ["Milwaukee, WI, US"], "full_time")
        assert posting.salary == SalaryRange(min=60000, max=80000, currency="USD", period="year")
        assert posting.posted_at == datetime(2026, 8, 3, tzinfo=UTC)
        assert posting.expires_at == datetime(2026, 10, 1, tzinfo=UTC)

    async def test_follows_the_next_page_link(self, server, http):
        # given: page 0 links to page 1, which repeats one card and adds none new
        first_page = fixture_text(self.fixture).replace("</ul>", '</ul><a href="/jobs/search?pr=1&amp;in_iframe=1">Next</a>')
        server.route(self.path, Reply(200, first_page), self.recorded())
        # when
        postings = await IcimsAdapter(server.base, http).fetch(self.query)
        # then
        assert [h.query["pr"] for h in server.hits(self.path)] == [["0"], ["1"]]
        assert [p.source_id for p in postings] == ["8214", "8212"]


class TestCareersPageAdapter(_FailureModes):
    """A careers page's URL is the token: the loopback server is let through the SSRF guard by address."""

    adapter_cls = CareersPageAdapter
    path = "/careers/alpaca"
    fixture = "boards/jsonld-pages/louisinayinde_japandev_alpaca_job_head.html"
    expected_count = 1
    malformed = "malformed JSON-LD on the page"

    def make(self, server, http):
        self.base = server.base  # the token (self.query) is a URL on this server
        return CareersPageAdapter(None, http, allowed_addresses=[f"127.0.0.1:{server.port}"])

    @property
    def query(self) -> SourceQuery:  # type: ignore[override]
        return SourceQuery(board_token=f"{self.base}{self.path}")

    def recorded(self) -> Reply:
        return Reply(200, fixture_text(self.fixture), content_type="text/html; charset=utf-8")

    def empty(self) -> Reply:
        # a page with structured data but no JobPosting: no openings
        return Reply(
            200, fixture_text(self.fixture).split('<script type="application/ld+json">{"@context":"https://schema.org/"')[0]
        )

    async def test_malformed_payload_is_a_clear_error(self, server, http):
        # given: the recorded page cut in half, inside its JobPosting's JSON-LD
        raw = fixture_text(self.fixture)
        server.route(self.path, Reply(200, raw[: len(raw) // 2], content_type="text/html"))
        # when
        with pytest.raises(SourceError) as err:
            await self.make(server, http).fetch(self.query)
        # then
        assert err.value.reason == "malformed JSON-LD on the page (1 of 3 blocks unreadable)"

    async def test_reads_the_job_posting_of_the_recorded_page(self, server, http):
        # given
        server.route(self.path, self.recorded())
        # when
        [posting] = await self.make(server, http).fetch(self.query)
        # then
        assert (posting.source, posting.source_id) == ("careers_page", f"{server.base}/careers/alpaca")
        assert posting.title == "Senior Software Engineer - Clearing"
        assert posting.company == "Alpaca"
        assert posting.url == f"{server.base}/careers/alpaca"
        assert posting.locations == ["Tokyo, Tokyo, JP", "JP"]
        assert posting.remote == "remote"
        assert posting.job_type == "full_time"
        assert posting.posted_at == datetime(2026, 4, 8, tzinfo=UTC)
        assert posting.expires_at == datetime(2026, 10, 8, tzinfo=UTC)
        assert posting.description.startswith("Note: While 100% remote, this position gives preference to candidates")
        assert "<" not in posting.description

    async def test_a_private_address_is_refused_by_the_ssrf_guard(self, server, http):
        # given: no exemption for the loopback server
        server.route(self.path, self.recorded())
        adapter = CareersPageAdapter(None, http)
        # when
        with pytest.raises(SourceError) as err:
            await adapter.fetch(SourceQuery(board_token=f"{server.base}{self.path}"))
        # then
        assert err.value.reason.startswith("the page's address is not allowed")
        assert server.hits(self.path) == []

    async def test_a_page_listing_several_postings_gives_each(self, server, http):
        # given
        page = """<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
          {"@type": "JobPosting", "title": "Backend Engineer", "hiringOrganization": {"name": "Acme"}, "description": "<p>Go</p>"},
          {"@type": "JobPosting", "title": "Designer", "hiringOrganization": {"name": "Acme"}, "description": "<p>Figma</p>"}
        ]}</script></head><body></body></html>"""
        server.route("/jobs", Reply(200, page, content_type="text/html"))
        # when
        postings = await self.make(server, http).fetch(SourceQuery(board_token=f"{server.base}/jobs"))
        # then
        assert [(p.title, p.company, p.description) for p in postings] == [
            ("Backend Engineer", "Acme", "Go"),
            ("Designer", "Acme", "Figma"),
        ]
        assert len({p.source_id for p in postings}) == 2
