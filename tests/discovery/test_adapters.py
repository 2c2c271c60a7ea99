from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

import pytest
import yaml

from api.discovery.adapters import (
    AdzunaAdapter,
    ArbeitnowAdapter,
    AshbyAdapter,
    GreenhouseAdapter,
    LeverAdapter,
    RemoteOkAdapter,
    RemotiveAdapter,
    UsaJobsAdapter,
)
from api.discovery.http import SourceError, SourceSkipped
from api.discovery.postings import SalaryRange, SourceQuery
from tests.support.servers import FIXTURES, Reply, json_reply, load_fixture


class _FailureModes:
    """Shared failure-mode tests; each adapter test class sets the attributes below."""

    adapter_cls: type
    path: str
    query = SourceQuery()
    empty_payload: ClassVar[object]
    fixture: str
    expected_count: int

    malformed = "malformed JSON"  # how the adapter names a cut-off payload

    def make(self, server, http):
        return self.adapter_cls(server.base, http)

    def recorded(self) -> Reply:
        return json_reply(load_fixture(self.fixture))

    def empty(self) -> Reply:
        return json_reply(self.empty_payload)

    async def test_429_then_success_is_retried(self, server, http):
        # given
        server.route(self.path, Reply(429, b"rate limited", {"Retry-After": "0"}), self.recorded())
        # when
        postings = await self.make(server, http).fetch(self.query)
        # then
        assert len(server.hits(self.path)) == 2
        assert len(postings) == self.expected_count

    async def test_persistent_500_is_a_clear_error(self, server, http):
        # given
        server.route(self.path, Reply(500, b"internal error"))
        # when
        with pytest.raises(SourceError) as err:
            await self.make(server, http).fetch(self.query)
        # then
        assert str(err.value) == f"{self.adapter_cls.name}: HTTP 500 after 3 attempts"

    async def test_timeout_is_a_clear_error(self, server, http):
        # given
        server.route(self.path, Reply(200, b"[]", delay=0.6))
        # when
        with pytest.raises(SourceError) as err:
            await self.make(server, http).fetch(self.query)
        # then
        assert err.value.reason == "timed out after 3 attempts"

    async def test_malformed_payload_is_a_clear_error(self, server, http):
        # given: the recorded payload cut in half
        raw = (FIXTURES / self.fixture).read_bytes()
        server.route(self.path, Reply(200, raw[: len(raw) // 2], content_type="application/json"))
        # when
        with pytest.raises(SourceError) as err:
            await self.make(server, http).fetch(self.query)
        # then
        assert err.value.source == self.adapter_cls.name
        assert err.value.reason.startswith(self.malformed)

    async def test_empty_board_gives_no_postings(self, server, http):
        # given
        server.route(self.path, self.empty())
        # when
        postings = await self.make(server, http).fetch(self.query)
        # then
        assert postings == []
        assert len(server.hits(self.path)) == 1


class TestGreenhouseAdapter(_FailureModes):
    adapter_cls = GreenhouseAdapter
    path = "/v1/boards/vercel/jobs"
    query = SourceQuery(board_token="vercel")
    empty_payload: ClassVar[object] = {"jobs": [], "meta": {"total": 0}}
    fixture = "job-boards/greenhouse/hunt_vercel_jobs_content.json"
    expected_count = 2

    async def test_normalises_the_recorded_vercel_board(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await GreenhouseAdapter(server.base, http).fetch(self.query)
        # then
        assert server.hits(self.path)[0].query == {"content": ["true"]}
        first = postings[0]
        assert (first.source, first.source_id) == ("greenhouse", "6136160004")
        assert first.title == "Account Executive, Commercial"
        assert first.company == "Vercel"
        assert first.url == "https://job-boards.greenhouse.io/vercel/jobs/6136160004"
        assert first.locations == ["London"]
        assert first.remote == "hybrid"
        assert first.posted_at == datetime(2026, 8, 6, 16, 50, 10, tzinfo=UTC)
        assert first.tags == ["Account Executive"]
        # the entity-escaped HTML content became clean text
        assert first.description.startswith("About Vercel:\n\nVercel is the agentic infrastructure company")
        assert "what's next" in first.description and "&lt;" not in first.description and "<" not in first.description

    async def test_2013_cassette_without_company_name_uses_the_board_token(self, server, http):
        # given: the body recorded by Greenhouse's own Ruby client in 2013
        cassette = yaml.safe_load(
            (FIXTURES / "job-boards/greenhouse/greenhouse_io_2013_cassette_jobs_with_content.yml").read_text()
        )
        body = cassette["http_interactions"][0]["response"]["body"]["string"]
        server.route("/v1/boards/generalassembly/jobs", Reply(200, body, content_type="application/json"))
        # when
        postings = await GreenhouseAdapter(server.base, http).fetch(SourceQuery(board_token="generalassembly"))
        # then
        assert [(p.source_id, p.title, p.locations) for p in postings] == [
            ("721", "Application developer", ["New York, NY"]),
            ("722", "Finance Analyst", ["New York"]),
        ]
        assert postings[0].company == "Generalassembly"
        assert "- Bespoke exercitation viral typewriter." in postings[0].description

    async def test_missing_board_token_is_an_error_without_a_request(self, server, http):
        # given
        adapter = GreenhouseAdapter(server.base, http)
        # when
        with pytest.raises(SourceError) as err:
            await adapter.fetch(SourceQuery())
        # then
        assert err.value.reason == "a board token (company slug) is required"
        assert server.seen == []


class TestLeverAdapter(_FailureModes):
    adapter_cls = LeverAdapter
    path = "/v0/postings/spotify"
    query = SourceQuery(board_token="spotify")
    empty_payload: ClassVar[object] = []
    fixture = "job-boards/lever/hunt_spotify_postings.json"
    expected_count = 2

    async def test_normalises_the_recorded_spotify_postings(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await LeverAdapter(server.base, http).fetch(self.query)
        # then
        assert server.hits(self.path)[0].query == {"mode": ["json"]}
        android, vietnam = postings
        assert android.source_id == "2193db3f-77c5-43b8-b030-8f92c9882bf1"
        assert android.title == "Android Engineer - Experience"
        assert android.company == "Spotify"
        assert android.locations == ["London", "Stockholm"]
        assert android.remote == "hybrid"
        assert android.posted_at == datetime(2026, 6, 23, 11, 29, 45, 805000, tzinfo=UTC)
        assert android.tags == ["Engineering", "Experience"]
        assert "What You'll Do\n- Develop and maintain mobile client components" in android.description
        assert vietnam.job_type == "temporary"  # commitment "Short Term"
        assert vietnam.locations == ["Ho Chi Minh"]
        assert "- This contract is based in Ho Chi Minh City, Vietnam." in vietnam.description

    async def test_salary_range_is_read_when_present(self, server, http):
        # given: a recorded posting plus Lever's documented salaryRange object
        payload = load_fixture(self.fixture)
        payload[0]["salaryRange"] = {"min": 60000, "max": 80000, "currency": "GBP", "interval": "per-year-salary"}
        server.route(self.path, json_reply(payload))
        # when
        postings = await LeverAdapter(server.base, http).fetch(self.query)
        # then
        assert postings[0].salary == SalaryRange(60000, 80000, "GBP", "year")
        assert postings[1].salary is None

    async def test_keyword_filter_is_applied_client_side(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await LeverAdapter(server.base, http).fetch(SourceQuery(keywords=["kotlin"], board_token="spotify"))
        # then
        assert [p.title for p in postings] == ["Android Engineer - Experience"]


class TestAshbyAdapter(_FailureModes):
    adapter_cls = AshbyAdapter
    path = "/posting-api/job-board/linear"
    query = SourceQuery(board_token="linear")
    empty_payload: ClassVar[object] = {"apiVersion": "1", "jobs": []}
    fixture = "job-boards/ashby/hunt_linear_job_board.json"
    expected_count = 2

    async def test_normalises_the_recorded_linear_board(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await AshbyAdapter(server.base, http).fetch(self.query)
        # then
        assert server.hits(self.path)[0].query == {"includeCompensation": ["true"]}
        europe, america = postings
        assert europe.source_id == "d3bc1ced-3ce4-4086-a050-555055dbb1ff"
        assert europe.title == "Senior / Staff Fullstack Engineer"
        assert europe.company == "Linear"
        assert europe.locations == ["Europe"]
        assert america.locations == ["North America"]
        assert europe.remote == "remote"
        assert europe.job_type == "full_time"
        assert europe.salary is None  # compensation block is empty in the recording
        assert europe.posted_at == datetime(2021, 4, 27, 20, 13, 45, 158000, tzinfo=UTC)
        assert europe.description.startswith("At Linear, we're building the product development system")

    async def test_compensation_component_becomes_the_salary(self, server, http):
        # given: the recording plus a compensation component in Ashby's documented shape
        payload = load_fixture(self.fixture)
        payload["jobs"][1]["compensation"]["summaryComponents"] = [
            {
                "compensationType": "Salary",
                "interval": "1 YEAR",
                "currencyCode": "USD",
                "minValue": 180000,
                "maxValue": 240000,
            },
        ]
        server.route(self.path, json_reply(payload))
        # when
        postings = await AshbyAdapter(server.base, http).fetch(self.query)
        # then
        assert postings[1].salary == SalaryRange(180000, 240000, "USD", "year")

    async def test_unlisted_jobs_are_dropped(self, server, http):
        # given
        payload = load_fixture(self.fixture)
        payload["jobs"][0]["isListed"] = False
        server.route(self.path, json_reply(payload))
        # when
        postings = await AshbyAdapter(server.base, http).fetch(self.query)
        # then
        assert [p.source_id for p in postings] == ["cd5ae036-0223-427a-b038-ba16ef9dcb32"]


class TestRemotiveAdapter(_FailureModes):
    adapter_cls = RemotiveAdapter
    path = "/api/remote-jobs"
    empty_payload: ClassVar[object] = {"job-count": 0, "jobs": []}
    fixture = "job-boards/remotive/hunt_remote_jobs.json"
    expected_count = 2

    async def test_normalises_the_recorded_feed(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await RemotiveAdapter(server.base, http).fetch(SourceQuery())
        # then
        telus, kobo = postings
        assert (telus.source_id, telus.company, telus.job_type) == ("2091144", "TELUS Digital", "part_time")
        assert telus.locations == ["USA"]
        assert kobo.title == "Frontend Web Application Developer"
        assert kobo.locations == ["USA", "Canada", "Argentina", "Mexico", "Peru"]
        assert kobo.remote == "remote"
        assert kobo.salary == SalaryRange(90000, 105000, "USD", None)  # "$90k - $105k"
        assert kobo.posted_at == datetime(2026, 9, 18, 16, 43, 22, tzinfo=UTC)
        assert kobo.description.startswith("Location: Remote\nAvailability: 35-40 hours per week")
        assert "Typescript" in kobo.tags

    async def test_only_web_addresses_are_kept_as_links_and_nul_characters_are_dropped(self, server, http):
        # given: a feed whose links are scripts and inline documents, and whose text carries NULs
        from tests.support.boards import remotive_jobs

        feed = remotive_jobs(
            "hostile",
            [
                {"title": "Script\x00 Engineer", "published": "2026-09-18T16:43:22"},
                {"title": "Data Engineer", "published": "2026-09-18T16:43:22"},
                {"title": "Web Engineer", "published": "2026-09-18T16:43:22"},
            ],
        )
        feed["jobs"][0]["url"] = "javascript:alert(document.cookie)"
        feed["jobs"][1]["url"] = "data:text/html,<script>alert(1)</script>"
        server.route(self.path, json_reply(feed))
        # when
        postings = await RemotiveAdapter(server.base, http).fetch(SourceQuery())
        # then
        script, data, web = postings
        assert (script.url, data.url) == ("", "")
        assert web.url.startswith("https://remotive.com/remote-jobs/")
        assert script.title == "Script Engineer"

    async def test_single_keyword_is_sent_as_search_and_filtered_locally(self, server, http):
        # given: the server ignores the search (as recorded), so the client filter must apply
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await RemotiveAdapter(server.base, http).fetch(SourceQuery(keywords=["django"]))
        # then
        assert server.hits(self.path)[0].query == {"search": ["django"]}
        assert [p.company for p in postings] == ["KoboToolbox"]

    async def test_location_and_remote_filters(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        adapter = RemotiveAdapter(server.base, http)
        # when
        in_canada = await adapter.fetch(SourceQuery(locations=["canada"]))
        not_remote = await adapter.fetch(SourceQuery(remote=False))
        # then
        assert [p.source_id for p in in_canada] == ["2091141"]
        assert not_remote == []


class TestArbeitnowAdapter(_FailureModes):
    adapter_cls = ArbeitnowAdapter
    path = "/api/job-board-api"
    empty_payload: ClassVar[object] = {"data": [], "links": {"next": None}}
    fixture = "job-boards/arbeitnow/hunt_job_board_api.json"
    expected_count = 2

    async def test_normalises_the_recorded_feed(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await ArbeitnowAdapter(server.base, http).fetch(SourceQuery())
        # then
        student = postings[0]
        assert student.source_id == "werkstudent-customer-success-berlin-berlin-72879"
        assert student.title == "Werkstudent Customer Success (x/f/m)"
        assert student.company == "Doctolib"
        assert student.locations == ["Berlin, Berlin"]
        assert student.remote == "onsite"
        assert student.posted_at == datetime.fromtimestamp(1790412915, tz=UTC)
        assert student.description.startswith(
            "Gemeinsam gestalten wir die Gesundheitsversorgung der Zukunft\n\nDoctolib sucht Dich ab sofort als Werkstudent:in"
        )
        assert student.tags == ["Operations"]

    async def test_follows_links_next_on_the_configured_base(self, server, http):
        # given: the recording split over two pages; "next" points at the real host
        items = load_fixture(self.fixture)["data"]
        server.route(
            self.path,
            json_reply({"data": items[:1], "links": {"next": "https://www.arbeitnow.com/api/job-board-api?page=2"}}),
            json_reply({"data": items[1:], "links": {"next": None}}),
        )
        # when
        postings = await ArbeitnowAdapter(server.base, http).fetch(SourceQuery())
        # then
        assert [p.tags for p in postings] == [["Operations"], ["Sales"]]
        assert [h.query for h in server.hits(self.path)] == [{}, {"page": ["2"]}]

    async def test_page_limit_stops_pagination(self, server, http):
        # given: a feed whose "next" always points to another page
        items = load_fixture(self.fixture)["data"]
        server.route(
            self.path,
            json_reply({"data": items[:1], "links": {"next": "/api/job-board-api?page=2"}}),
            json_reply({"data": items[1:], "links": {"next": "/api/job-board-api?page=3"}}),
        )
        # when
        postings = await ArbeitnowAdapter(server.base, http, max_pages=2).fetch(SourceQuery())
        # then
        assert len(server.hits(self.path)) == 2
        assert len(postings) == 2

    async def test_keyword_filter_is_client_side(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await ArbeitnowAdapter(server.base, http).fetch(SourceQuery(keywords=["key account"]))
        # then
        assert [p.title for p in postings] == ["(Senior) Key Account Success Manager (x/f/m)"]


class TestRemoteOkAdapter(_FailureModes):
    adapter_cls = RemoteOkAdapter
    path = "/api"
    fixture = "job-boards/remoteok/hunt_api.json"
    expected_count = 2

    @property
    def empty_payload(self):
        return load_fixture(self.fixture)[:1]  # only the legal notice

    async def test_skips_the_legal_notice_and_repairs_mojibake(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await RemoteOkAdapter(server.base, http).fetch(SourceQuery())
        # then
        assert [p.source_id for p in postings] == ["1137431", "1137429"]
        danish, mechanic = postings
        assert danish.company == "Mercier Consultancy Group"
        assert danish.salary is None  # salary_min/max are 0
        assert danish.remote == "remote" and danish.locations == []
        assert danish.posted_at == datetime(2026, 9, 24, 16, 0, 6, tzinfo=UTC)
        assert mechanic.title == "Mecánico Automotriz Diagnóstico y Presupuestos"
        assert "reparación de vehículos multimarca" in mechanic.description
        assert "- Realizar diagnósticos de fallas mecánicas, eléctricas y electrónicas." in mechanic.description

    async def test_salary_fields_and_accent_insensitive_keywords(self, server, http):
        # given
        payload = load_fixture(self.fixture)
        payload[1]["salary_min"], payload[1]["salary_max"] = 40000, 55000
        server.route(self.path, json_reply(payload))
        # when
        postings = await RemoteOkAdapter(server.base, http).fetch(SourceQuery(keywords=["mecanico", "danish"]))
        # then
        assert [p.source_id for p in postings] == ["1137431", "1137429"]
        assert postings[0].salary == SalaryRange(40000, 55000, "USD", "year")


# Synthetic payloads: no permissively licensed recordings exist (see fixtures SOURCES.md); these
# follow the providers' documented response shapes.
ADZUNA_SYNTHETIC = {
    "count": 1,
    "mean": 52000,
    "results": [
        {
            "id": "4711000001",
            "title": "Senior <strong>Python</strong> Developer",
            "description": "Build data pipelines in <strong>Python</strong>…",
            "created": "2026-09-20T08:15:00Z",
            "redirect_url": "https://www.adzuna.co.uk/jobs/land/ad/4711000001",
            "company": {"display_name": "Example Analytics Ltd"},
            "location": {
                "display_name": "Manchester, Greater Manchester",
                "area": ["UK", "North West England", "Manchester"],
            },
            "salary_min": 55000,
            "salary_max": 65000,
            "salary_is_predicted": "0",
            "contract_type": "permanent",
            "contract_time": "full_time",
            "category": {"label": "IT Jobs", "tag": "it-jobs"},
        }
    ],
}
USAJOBS_SYNTHETIC = {
    "SearchResult": {
        "SearchResultCount": 1,
        "SearchResultItems": [
            {
                "MatchedObjectId": "812345600",
                "MatchedObjectDescriptor": {
                    "PositionID": "NPS-26-001",
                    "PositionTitle": "IT Specialist (APPSW)",
                    "PositionURI": "https://www.usajobs.gov/job/812345600",
                    "ApplyURI": ["https://www.usajobs.gov/job/812345600/apply"],
                    "PositionLocation": [{"LocationName": "Denver, Colorado"}],
                    "OrganizationName": "National Park Service",
                    "DepartmentName": "Department of the Interior",
                    "JobCategory": [{"Name": "Information Technology Management", "Code": "2210"}],
                    "PositionSchedule": [{"Name": "Full-time", "Code": "1"}],
                    "PositionOfferingType": [{"Name": "Permanent", "Code": "15317"}],
                    "PositionRemuneration": [
                        {
                            "MinimumRange": "86962.0",
                            "MaximumRange": "113047.0",
                            "RateIntervalCode": "PA",
                            "Description": "Per Year",
                        }
                    ],
                    "PublicationStartDate": "2026-09-01T00:00:00.0000",
                    "QualificationSummary": "One year of specialized experience…",
                    "UserArea": {
                        "Details": {
                            "JobSummary": "<p>Develop park systems.</p>",
                            "TeleworkEligible": True,
                            "RemoteIndicator": False,
                        }
                    },
                },
            }
        ],
    }
}


class TestAdzunaAdapter:
    async def test_missing_keys_skip_instead_of_failing(self, server, http):
        # given
        adapter = AdzunaAdapter(server.base, http)
        # when
        with pytest.raises(SourceSkipped) as skipped:
            await adapter.fetch(SourceQuery(keywords=["python"]))
        # then
        assert skipped.value.reason == "ADZUNA_APP_ID and ADZUNA_APP_KEY are not set"
        assert AdzunaAdapter(server.base, http, app_id="x").skip_reason() == "ADZUNA_APP_KEY is not set"
        assert server.seen == []

    async def test_search_request_and_normalisation(self, server, http):
        # given
        server.route("/v1/api/jobs/gb/search/1", json_reply(ADZUNA_SYNTHETIC))
        adapter = AdzunaAdapter(server.base, http, app_id="id1", app_key="key1", country="gb")
        # when
        postings = await adapter.fetch(SourceQuery(keywords=["python"], locations=["Manchester"]))
        # then
        query = server.hits("/v1/api/jobs/gb/search/1")[0].query
        assert query["app_id"] == ["id1"] and query["app_key"] == ["key1"]
        assert query["what"] == ["python"] and query["where"] == ["Manchester"]
        (job,) = postings
        assert (job.source, job.source_id, job.company) == ("adzuna", "4711000001", "Example Analytics Ltd")
        assert job.title == "Senior Python Developer"
        assert job.salary == SalaryRange(55000, 65000, "GBP", "year")
        assert job.job_type == "full_time"
        assert job.locations == ["Manchester, Greater Manchester"]
        assert job.posted_at == datetime(2026, 9, 20, 8, 15, tzinfo=UTC)


class TestUsaJobsAdapter:
    async def test_missing_keys_skip_instead_of_failing(self, server, http):
        # given
        adapter = UsaJobsAdapter(server.base, http, api_key="k")
        # when
        with pytest.raises(SourceSkipped) as skipped:
            await adapter.fetch(SourceQuery())
        # then
        assert skipped.value.reason == "USAJOBS_EMAIL is not set"

    async def test_headers_and_normalisation(self, server, http):
        # given
        server.route("/api/search", json_reply(USAJOBS_SYNTHETIC))
        adapter = UsaJobsAdapter(server.base, http, api_key="secret-key", email="me@example.org")
        # when
        postings = await adapter.fetch(SourceQuery(keywords=["it", "specialist"], locations=["Denver"]))
        # then
        seen = server.hits("/api/search")[0]
        assert seen.headers["Authorization-Key"] == "secret-key"
        assert seen.headers["User-Agent"] == "me@example.org"
        assert seen.query["Keyword"] == ["it specialist"] and seen.query["LocationName"] == ["Denver"]
        (job,) = postings
        assert (job.source_id, job.title, job.company) == (
            "812345600",
            "IT Specialist (APPSW)",
            "National Park Service",
        )
        assert job.salary == SalaryRange(86962, 113047, "USD", "year")
        assert job.remote == "hybrid"  # telework eligible, not remote
        assert job.job_type == "full_time"
        assert job.description == "Develop park systems."
        assert job.posted_at == datetime(2026, 9, 1, tzinfo=UTC)
