"""Aggregator sources a saved search runs on (Himalayas, Jobicy, We Work Remotely, Working Nomads, Hacker News).

Each one replays a recorded payload (tests/fixtures/boards/) from the loopback server and shares the
failure-mode tests of tests/discovery/test_adapters.py (429 retried, 500, timeout, malformed, empty).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import ClassVar

import pytest
from sqlalchemy import func, select

from api.db import read_session
from api.discovery.adapters import HackerNewsAdapter, HimalayasAdapter, JobicyAdapter, WeWorkRemotelyAdapter, WorkingNomadsAdapter
from api.discovery.adapters.weworkremotely import DEFAULT_CATEGORIES
from api.discovery.http import SourceError
from api.discovery.postings import SalaryRange, SourceQuery
from api.discovery.registry import SOURCES, create_adapter
from api.models import Posting
from api.vocabulary import SearchSource, values
from tests.discovery.test_adapters import _FailureModes
from tests.discovery.test_sources import DISCOVERED, SEARCH_CREATE
from tests.support.boards import finished, refresh
from tests.support.graphql import signed_up
from tests.support.servers import Reply, fixture_text, json_reply, load_fixture


class TestHimalayasAdapter(_FailureModes):
    adapter_cls = HimalayasAdapter
    path = "/jobs/api"
    empty_payload: ClassVar[object] = {"totalCount": 0, "jobs": []}
    fixture = "boards/himalayas/jobagent_himalayas_jobs_api.json"
    expected_count = 3

    async def test_normalises_the_recorded_jobs(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await HimalayasAdapter(server.base, http).fetch(SourceQuery())
        # then
        assert server.hits(self.path)[0].query == {"limit": ["20"], "offset": ["0"]}
        mercor, scalejet = postings[0], postings[1]
        assert (mercor.source, mercor.source_id) == (
            "himalayas",
            "https://himalayas.app/companies/mercor/jobs/physics-expert-fully-remote-upto-135-hr-9819995926",
        )
        assert mercor.url == mercor.source_id
        assert (mercor.company, mercor.title) == ("mercor", "Physics Expert - Fully Remote | Upto $135/hr")
        assert (mercor.locations, mercor.remote, mercor.job_type) == (["United Kingdom"], "remote", "contract")
        assert mercor.salary == SalaryRange(min=80, max=135, currency="USD", period="hour")
        assert mercor.posted_at == datetime(2026, 8, 11, 5, 4, 31, tzinfo=UTC)
        assert mercor.expires_at == datetime(2026, 10, 10, 5, 4, 30, tzinfo=UTC)
        assert mercor.tags[:3] == ["Senior", "Physics Research", "Research Science"]
        assert mercor.description.startswith("About the job\n\nMercor connects elite creative")
        assert "<" not in mercor.description
        # no amounts: no salary, even with a period and the seniority + parent category as tags
        assert (scalejet.salary, scalejet.job_type, scalejet.tags[:2]) == (None, "full_time", ["Manager", "Marketing"])

    async def test_reads_pages_until_a_short_one(self, server, http):
        # given: a full page of 20 then the recorded 3
        recorded = load_fixture(self.fixture)
        template = recorded["jobs"][0]
        full = {"totalCount": 23, "jobs": [{**template, "guid": f"https://himalayas.app/j/{i}"} for i in range(20)]}
        server.route(self.path, json_reply(full), json_reply({"totalCount": 23, "jobs": recorded["jobs"]}))
        # when
        postings = await HimalayasAdapter(server.base, http).fetch(SourceQuery())
        # then
        assert [h.query["offset"] for h in server.hits(self.path)] == [["0"], ["20"]]
        assert len(postings) == 23

    async def test_query_filters_on_keywords_and_location(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await HimalayasAdapter(server.base, http).fetch(SourceQuery(keywords=["audit"], locations=["United States"]))
        # then
        assert [p.company for p in postings] == ["Pearson"]


class TestJobicyAdapter(_FailureModes):
    adapter_cls = JobicyAdapter
    path = "/api/v2/remote-jobs"
    empty_payload: ClassVar[object] = {"apiVersion": "2.0", "jobCount": 0, "jobs": []}
    fixture = "boards/jobicy/go-api-libs_2024-12-08_tag-python.json"
    expected_count = 20

    async def test_normalises_the_recorded_python_jobs(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await JobicyAdapter(server.base, http).fetch(SourceQuery(keywords=["python"]))
        # then: the one keyword is Jobicy's tag
        assert server.hits(self.path)[0].query == {"count": ["50"], "tag": ["python"]}
        by_id = {p.source_id: p for p in postings}
        dynatrace, deepgram, revolut = by_id["113597"], by_id["74847"], by_id["109041"]
        assert (dynatrace.source, dynatrace.company, dynatrace.title) == (
            "jobicy",
            "Dynatrace",
            "Senior Site Reliability Engineer",
        )
        assert dynatrace.url == "https://jobicy.com/jobs/113597-senior-site-reliability-engineer"
        # 'Anywhere' is no place: no location restriction
        assert (dynatrace.locations, dynatrace.remote, dynatrace.job_type) == ([], "remote", "full_time")
        assert dynatrace.tags == ["Software Engineering", "Senior"]
        assert dynatrace.posted_at == datetime(2024, 12, 7, 4, 10, 26, tzinfo=UTC)
        assert dynatrace.salary is None
        assert deepgram.salary == SalaryRange(min=150000, max=220000, currency="USD", period="year")
        assert deepgram.tags == ["Data Science"]  # level 'Any' is no tag
        assert revolut.locations == ["Poland", "Portugal", "Romania", "Spain"]
        # the full HTML description became clean text with its lists
        assert "Responsibilities include:\n\n- Use your insights into production" in dynatrace.description
        assert len(deepgram.description) > 3000
        assert not any("<" in p.description or "&amp;" in p.description for p in postings)

    async def test_one_known_location_is_the_geo_and_several_keywords_no_tag(self, server, http):
        # given
        server.route(
            self.path, json_reply(load_fixture("boards/jobicy/go-api-libs_2024-12-05_geo-usa_industry-marketing_tag-seo.json"))
        )
        # when
        postings = await JobicyAdapter(server.base, http).fetch(SourceQuery(keywords=["seo", "marketing"], locations=["USA"]))
        # then
        assert server.hits(self.path)[0].query == {"count": ["50"], "geo": ["usa"]}
        # the two 'Anywhere' jobs are open from the USA too: the client-side location filter keeps them
        assert [p.source_id for p in postings] == ["111984", "111786", "111788", "108626", "110777", "17394", "111598", "105069"]
        assert postings[3].tags == ["Marketing & Sales", "Product & Operations"]  # entity-escaped in the feed

    async def test_client_side_filter_keeps_the_matching_location(self, server, http):
        # given: the python feed, and a place Jobicy has no slug for
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await JobicyAdapter(server.base, http).fetch(SourceQuery(locations=["Portugal"]))
        # then
        assert server.hits(self.path)[0].query == {"count": ["50"]}
        # Portugal named, Europe (which holds it) and the 'Anywhere' jobs; not the USA, Canada or LATAM ones
        assert [p.source_id for p in postings] == ["113597", "109041", "112126", "111985", "112942", "101867", "101869"]


class TestWeWorkRemotelyAdapter(_FailureModes):
    adapter_cls = WeWorkRemotelyAdapter
    path = "/categories/remote-sales-and-marketing-jobs.rss"
    fixture = "boards/weworkremotely/jobagent_wwr_sales_marketing.rss"
    expected_count = 3
    malformed = "malformed XML"

    def make(self, server, http):
        return WeWorkRemotelyAdapter(server.base, http, categories=["remote-sales-and-marketing-jobs"])

    def recorded(self) -> Reply:
        return Reply(200, fixture_text(self.fixture).encode(), content_type="application/rss+xml")

    def empty(self) -> Reply:
        return Reply(200, RSS.format(items="").encode(), content_type="application/rss+xml")

    async def test_normalises_the_recorded_feed(self, server, http):
        # given
        server.route(self.path, self.recorded())
        # when
        postings = await self.make(server, http).fetch(SourceQuery())
        # then
        first, justworks, amplitude = postings
        assert (first.source, first.source_id) == (
            "weworkremotely",
            "https://weworkremotely.com/remote-jobs/remote-account-executive-dach-1",
        )
        assert first.url == first.source_id
        # 'Company: Role' titles are split, also with a space before the colon
        assert (first.company, first.title) == ("Remote", "Account Executive DACH")
        assert (justworks.company, justworks.title) == ("Justworks", "Account Executive - In-Territory (SF/Bay Area, CA)")
        assert (amplitude.company, amplitude.title) == ("Amplitude", "Senior Enterprise Account Executive")
        # 'Anywhere in the World' is no place
        assert (first.locations, first.remote, first.job_type) == ([], "remote", "full_time")
        assert first.tags == ["Sales and Marketing"]
        assert first.posted_at == datetime(2026, 8, 11, 7, 30, 41, tzinfo=UTC)
        assert first.expires_at == datetime(2026, 9, 10, 7, 30, 41, tzinfo=UTC)
        # the entity-escaped HTML became clean text
        assert first.description.startswith("Headquarters: Austria Remote\n\nAbout Remote\n\nRemote is solving")
        assert "<" not in first.description and "&lt;" not in first.description

    async def test_region_country_and_skills_become_places_and_tags_across_categories(self, server, http):
        # given: the same job in two categories, with WWR's place and skill elements filled in
        item = ITEM.format(guid="https://weworkremotely.com/remote-jobs/acme-python-developer", title="Acme: Python Developer")
        server.route("/categories/remote-back-end-programming-jobs.rss", Reply(200, RSS.format(items=item).encode()))
        server.route("/categories/remote-full-stack-programming-jobs.rss", Reply(200, RSS.format(items=item).encode()))
        adapter = WeWorkRemotelyAdapter(
            server.base, http, categories="remote-back-end-programming-jobs, remote-full-stack-programming-jobs"
        )
        # when
        postings = await adapter.fetch(SourceQuery(keywords=["django"], locations=["Germany"]))
        # then
        assert len(server.seen) == 2
        (acme,) = postings
        assert (acme.company, acme.title, acme.job_type) == ("Acme", "Python Developer", "contract")
        assert acme.locations == ["Germany", "Europe Only"]
        assert acme.tags == ["Back-End Programming", "Python", "Django"]

    async def test_a_document_type_declaration_is_refused(self, server, http):
        # given: an entity-expansion attempt
        bomb = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><channel><title>&a;</title></channel></rss>'
        server.route(self.path, Reply(200, bomb, content_type="application/rss+xml"))
        # when
        with pytest.raises(SourceError) as err:
            await self.make(server, http).fetch(SourceQuery())
        # then
        assert err.value.reason == "malformed XML (document type declarations are not accepted)"

    async def test_a_document_that_is_not_rss_is_a_clear_error(self, server, http):
        # given
        server.route(self.path, Reply(200, b"<feed><entry/></feed>", content_type="application/xml"))
        # when
        with pytest.raises(SourceError) as err:
            await self.make(server, http).fetch(SourceQuery())
        # then
        assert err.value.reason == "unexpected response shape: root element <feed>, expected an RSS channel"


RSS = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>WWR</title>{items}</channel></rss>'
ITEM = """<item><title>{title}</title><region>Europe Only</region><country>Germany</country><state />
<skills>Python, Django</skills><category>Back-End Programming</category><type>Contract</type>
<description>&lt;p&gt;Build APIs.&lt;/p&gt;</description><pubDate>Mon, 10 Aug 2026 09:00:00 +0000</pubDate>
<guid>{guid}</guid><link>{guid}</link></item>"""


class TestWorkingNomadsAdapter(_FailureModes):
    adapter_cls = WorkingNomadsAdapter
    path = "/api/exposed_jobs/"
    empty_payload: ClassVar[object] = []
    fixture = "boards/workingnomads/louisinayinde_exposed_jobs.json"
    expected_count = 3

    async def test_normalises_the_recorded_jobs(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await WorkingNomadsAdapter(server.base, http).fetch(SourceQuery())
        # then
        first, japan = postings[0], postings[2]
        assert (first.source, first.source_id) == ("workingnomads", "1835309")
        assert first.url == "https://www.workingnomads.com/job/go/1835309/"
        assert (first.company, first.title) == ("Peroptyx", "AI Content Analyst (No Experience Required)")
        assert (first.locations, first.remote) == (["Australia"], "remote")
        assert first.tags == ["Administration", "analyst", "english", "media", "researcher"]
        assert first.posted_at == datetime(2026, 9, 4, 12, 15, 4, tzinfo=timezone(timedelta(hours=-4)))
        assert first.description.startswith("Help Shape the Future of AI — From Anywhere")
        assert "<" not in first.description
        # 'Japan - Remote' is the place Japan, remote
        assert (japan.source_id, japan.locations) == ("1835291", ["Japan"])

    async def test_query_filters_on_keywords_and_location(self, server, http):
        # given
        server.route(self.path, json_reply(load_fixture(self.fixture)))
        # when
        postings = await WorkingNomadsAdapter(server.base, http).fetch(
            SourceQuery(keywords=["data analyst"], locations=["Canada"])
        )
        # then
        assert [p.source_id for p in postings] == ["1835307"]

    async def test_an_object_instead_of_a_list_is_a_clear_error(self, server, http):
        # given
        server.route(self.path, json_reply({"jobs": []}))
        # when
        with pytest.raises(SourceError) as err:
            await WorkingNomadsAdapter(server.base, http).fetch(SourceQuery())
        # then
        assert str(err.value) == "workingnomads: unexpected response shape: expected a list of jobs"


class TestHackerNewsAdapter(_FailureModes):
    """The failure modes are those of the story search; the item request has its own tests."""

    adapter_cls = HackerNewsAdapter
    path = "/api/v1/search_by_date"
    empty_payload: ClassVar[object] = {"hits": [], "nbHits": 0, "page": 0}
    fixture = "boards/hackernews/louisinayinde_algolia_search_whoishiring_stories.json"
    thread = "boards/hackernews/louisinayinde_algolia_item_whoishiring_2026-09.json"
    item_path = "/api/v1/items/49522897"
    expected_count = 3

    def recorded(self) -> Reply:
        return json_reply(load_fixture(self.fixture))

    @pytest.fixture(autouse=True)
    def _thread(self, server):
        server.route(self.item_path, json_reply(load_fixture(self.thread)))

    async def test_the_latest_hiring_thread_becomes_postings(self, server, http):
        # given: the search lists September's and August's hiring and wants-to-be-hired threads
        server.route(self.path, self.recorded())
        # when
        postings = await HackerNewsAdapter(server.base, http).fetch(SourceQuery())
        # then: September's "Who is hiring?" was read, not "Who wants to be hired?" of the same minute
        assert server.hits(self.path)[0].query == {"tags": ["story,author_whoishiring"], "hitsPerPage": ["20"]}
        assert [s.path for s in server.seen] == [self.path, self.item_path]
        # the fourth top-level comment is a meta comment, not a posting; replies are never postings
        modash, neon, snout = postings
        assert (modash.source, modash.source_id, modash.company, modash.title) == (
            "hackernews",
            "49522903",
            "Modash.io",
            "Senior Product Engineer",
        )
        assert (modash.locations, modash.remote, modash.job_type) == (["Europe"], "remote", "full_time")
        assert modash.salary == SalaryRange(min=75000, max=110000, currency="EUR")
        assert modash.url == "https://modash.io"
        assert modash.posted_at == datetime(2026, 9, 1, 15, 1, 54, tzinfo=UTC)
        assert "We're 85 people, raised an €11M Series A" in modash.description
        assert "<" not in modash.description
        # several roles on one line: one posting, each role a tag
        assert neon.company == "Open Education Applications / Neon"
        assert neon.title == "Senior/Lead Platform & DevOps Engineer, Senior Frontend Engineer, Senior Full-Stack Engineer"
        assert neon.tags == ["Senior/Lead Platform & DevOps Engineer", "Senior Frontend Engineer", "Senior Full-Stack Engineer"]
        assert (neon.locations, neon.remote, neon.url) == (
            ["Utrecht, The Netherlands"],
            "hybrid",
            "https://openeducation.foundation",
        )
        # the URL after the company name is the company's, 'Remote US or Ontario, Canada' two places
        assert (snout.company, snout.url, snout.title) == ("Snout", "https://snout.com/", "Multiple Engineering + Product Roles")
        assert (snout.locations, snout.remote) == (["US", "Ontario, Canada"], "remote")

    async def test_dashes_missing_parts_deleted_and_dead_comments(self, server, http):
        # given
        story = load_fixture(self.thread)
        top = lambda i, text, **extra: {"id": i, "author": "someone", "type": "comment", "text": text, "children": [], **extra}  # noqa: E731
        reply = top(9, "Data Co | Data Engineer | Paris")
        story["children"] = [
            top(1, "Acme - Data Engineer - REMOTE (US) - $150,000 - $180,000<p>We move data."),
            top(2, "Beta | Backend Developer<p>Email jobs@beta.example", children=[reply]),
            {"id": 3, "author": None, "text": None, "type": "comment", "children": []},
            top(4, "Gamma | Platform Engineer | Berlin", dead=True),
            top(5, "Thanks for posting these - very useful"),
        ]
        server.route(self.path, self.recorded())
        server.route(self.item_path, json_reply(story))
        # when
        postings = await HackerNewsAdapter(server.base, http).fetch(SourceQuery())
        # then
        acme, beta = postings
        assert (acme.company, acme.title, acme.locations, acme.remote) == ("Acme", "Data Engineer", ["US"], "remote")
        assert acme.salary == SalaryRange(min=150000, max=180000, currency="USD")
        assert acme.url == "https://news.ycombinator.com/item?id=1"  # no link anywhere: the comment itself
        assert (beta.company, beta.title, beta.locations, beta.remote, beta.salary) == (
            "Beta",
            "Backend Developer",
            [],
            None,
            None,
        )

    async def test_keywords_and_remote_filter_the_thread(self, server, http):
        # given
        server.route(self.path, self.recorded())
        # when
        postings = await HackerNewsAdapter(server.base, http).fetch(SourceQuery(keywords=["typescript"], remote=True))
        # then: Neon's stack names TypeScript too, but it is hybrid
        assert [p.company for p in postings] == ["Snout"]

    async def test_no_hiring_story_gives_no_postings(self, server, http):
        # given: only a "Who wants to be hired?" thread
        hits = [h for h in load_fixture(self.fixture)["hits"] if "hired?" in h["title"]]
        server.route(self.path, json_reply({"hits": hits}))
        # when
        postings = await HackerNewsAdapter(server.base, http).fetch(SourceQuery())
        # then
        assert postings == []
        assert [s.path for s in server.seen] == [self.path]

    async def test_a_failing_thread_is_a_clear_error(self, server, http):
        # given
        server.route(self.path, self.recorded())
        server.route(self.item_path, Reply(500, b"internal error"))
        # when
        with pytest.raises(SourceError) as err:
            await HackerNewsAdapter(server.base, http).fetch(SourceQuery())
        # then
        assert str(err.value) == "hackernews: HTTP 500 after 3 attempts"


class TestAggregatorRegistration:
    def test_every_search_source_is_registered_with_a_default_host(self):
        # given / when
        names = ["himalayas", "jobicy", "weworkremotely", "workingnomads", "hackernews"]
        # then
        assert set(names) <= set(values(SearchSource))
        assert SOURCES["himalayas"].default_base_url == "https://himalayas.app"
        assert SOURCES["workingnomads"].default_base_url == "https://www.workingnomads.com"
        assert create_adapter("himalayas", None, base_urls={"himalayas": "http://127.0.0.1:9/"}).base_url == "http://127.0.0.1:9"


class TestAggregatorSearch:
    async def test_a_saved_search_runs_the_aggregators_and_keeps_one_job_per_posting(self, client, worker, board):
        # given: every aggregator serves its recording; WWR's categories all carry the same feed
        board.route("/jobs/api", json_reply(load_fixture("boards/himalayas/jobagent_himalayas_jobs_api.json")))
        board.route("/api/v2/remote-jobs", json_reply(load_fixture("boards/jobicy/go-api-libs_2024-12-08_tag-python.json")))
        board.route("/api/exposed_jobs/", json_reply(load_fixture("boards/workingnomads/louisinayinde_exposed_jobs.json")))
        rss = Reply(200, fixture_text("boards/weworkremotely/jobagent_wwr_sales_marketing.rss").encode())
        for category in DEFAULT_CATEGORIES:
            board.route(f"/categories/{category}.rss", rss)
        board.route("/api/v1/search_by_date", json_reply(load_fixture(TestHackerNewsAdapter.fixture)))
        board.route(TestHackerNewsAdapter.item_path, json_reply(load_fixture(TestHackerNewsAdapter.thread)))
        user = await signed_up(client)
        sources = ["HIMALAYAS", "JOBICY", "WEWORKREMOTELY", "WORKINGNOMADS", "HACKERNEWS"]
        search = (
            await user.gql(
                SEARCH_CREATE, {"input": {"keywords": ["engineer", "analyst", "account", "audit"], "sources": sources}}
            )
        )["savedSearchCreate"]["savedSearch"]
        # when
        run = await finished(user, (await refresh(user, savedSearchId=search["id"]))["id"])
        again = await finished(user, (await refresh(user, savedSearchId=search["id"]))["id"])
        # then
        assert run["status"] == "COMPLETED" and (run["sourcesDone"], run["sourcesTotal"]) == (5, 5)
        found = {o["source"]: (o["status"], o["found"]) for o in run["outcomes"]}
        assert found == {
            "himalayas": ("ok", 1),
            "jobicy": ("ok", 13),
            "weworkremotely": ("ok", 3),  # once, though each of its categories lists them
            "workingnomads": ("ok", 3),
            "hackernews": ("ok", 3),
        }
        assert (run["found"], run["new"], run["duplicates"]) == (23, 23, 0)
        jobs = (await user.gql(DISCOVERED))["jobs"]
        # a recorded posting whose own expiry has passed is stored closed and becomes no job
        assert jobs["totalCount"] == await open_postings() <= run["new"]
        # the second run finds the same postings: nothing new, all duplicates
        assert (again["new"], again["duplicates"]) == (0, again["found"])
        assert (await user.gql(DISCOVERED))["jobs"]["totalCount"] == jobs["totalCount"]


async def open_postings() -> int:
    """Postings not closed (postings are global; the `board` fixture starts and ends with none)."""
    async with read_session() as session:
        return (await session.execute(select(func.count()).select_from(Posting).where(Posting.closed_at.is_(None)))).scalar_one()
