from __future__ import annotations

import json
import uuid

from api.config import get_settings
from api.discovery.tasks import sources_schedule_due
from tests.support.boards import (
    COMPANY_ADD,
    ENGINEERING_JOBS,
    REFRESH,
    RUN_FIELDS,
    add_company,
    finished,
    greenhouse_feed,
    refresh,
    remotive_feed,
)
from tests.support.graphql import signed_up
from tests.support.jobs import PROFILE_UPDATE
from tests.support.servers import Reply, json_reply, load_fixture
from tests.support.ws import Subscription

COMPANY_REMOVE = """
mutation Remove($input: WatchedCompanyRemoveInput!) { watchedCompanyRemove(input: $input) { deletedId errors { field message code } } }
"""
SEARCH_CREATE = """
mutation Create($input: SavedSearchCreateInput!) {
  savedSearchCreate(input: $input) { savedSearch { id name keywords sources intervalHours } errors { field message code } }
}
"""
SEARCH_UPDATE = """
mutation Update($input: SavedSearchUpdateInput!) {
  savedSearchUpdate(input: $input) { savedSearch { id name keywords remote intervalHours } errors { field message code } }
}
"""
SEARCH_DELETE = """
mutation Delete($input: SavedSearchDeleteInput!) { savedSearchDelete(input: $input) { deletedId errors { field message code } } }
"""
PROGRESS = f"subscription Progress($id: ID!) {{ sourceRunProgress(id: $id) {{ {RUN_FIELDS} }} }}"
DISCOVERED = """
query Discovered {
  jobs(first: 50, filter: {origin: DISCOVERED}, orderBy: NEWEST) {
    totalCount edges { node { id title company closedAt origin sourceUrl sources { source url closedAt } } }
  }
}
"""
REPOSTS = "query { jobs(first: 10, filter: {origin: DISCOVERED}) { edges { node { isRepost closedAt } } } }"
ALERTS = "query { notifications(first: 10) { totalCount edges { node { title } } } }"
SCORE = "query Score($id: ID!) { node(id: $id) { ... on Job { matchScore } } }"
COMPANIES = """
query { watchedCompanies(first: 10) { totalCount edges { node { id name lastRun { status found new } } } } }
"""


def tag() -> str:
    return uuid.uuid4().hex[:8]


async def follow(base_url: str, user, run_id: str) -> list[dict]:
    """Every progress message until the server completes the subscription."""
    received = []
    async with Subscription(base_url, user.token) as ws:
        await ws.start(PROGRESS, {"id": run_id})
        while True:
            message = await ws.next()
            if message["type"] == "complete":
                return received
            assert message["type"] == "next", message
            received.append(message["payload"]["data"]["sourceRunProgress"])


class TestWatchedCompanyRefresh:
    async def test_refresh_ingests_the_board_and_reports_progress_live(self, client, base_url, worker, board):
        # given: a watched board served from the recorded Greenhouse payload (2 jobs)
        t = tag()
        board.route(f"/v1/boards/acme-{t}/jobs", json_reply(greenhouse_feed(t, f"acme-{t}")))
        user = await signed_up(client)
        company_id = await add_company(user, f"acme-{t}")
        # when
        run = await refresh(user, watchedCompanyId=company_id)
        progress = await follow(base_url, user, run["id"])
        # then: the stream ends with the finished run; every step counts up
        assert run["status"] == "PENDING" and run["trigger"] == "MANUAL" and run["sourcesTotal"] == 1
        final = progress[-1]
        assert final["status"] == "COMPLETED"
        assert (final["sourcesDone"], final["sourcesTotal"], final["found"], final["new"], final["duplicates"]) == (
            1,
            1,
            2,
            2,
            0,
        )
        assert final["matched"] == 2
        assert final["outcomes"] == [
            {
                "source": "greenhouse",
                "status": "ok",
                "message": "2 postings",
                "found": 2,
                "new": 2,
                "duplicates": 0,
                "closed": 0,
            }
        ]
        assert [p["sourcesDone"] for p in progress] == sorted(p["sourcesDone"] for p in progress)
        jobs = (await user.gql(DISCOVERED))["jobs"]
        assert jobs["totalCount"] == 2
        assert {e["node"]["title"] for e in jobs["edges"]} == {
            "Account Executive, Commercial",
            "Account Executive, Majors",
        }
        node = jobs["edges"][0]["node"]
        assert node["origin"] == "DISCOVERED" and node["company"] == f"Vercel {t}"
        assert node["sources"] == [{"source": "greenhouse", "url": node["sourceUrl"], "closedAt": None}]

    async def test_a_recruitee_board_and_the_same_job_on_the_careers_page_are_one_posting(
        self, client, worker, board, monkeypatch
    ):
        # given: the recorded Recruitee offers (re-tagged) and a careers page whose JSON-LD is the first offer,
        # the loopback server exempted from the SSRF guard by address
        monkeypatch.setattr(get_settings(), "fetch_allowed_addresses", [f"127.0.0.1:{board.port}"])
        t = tag()
        offers = load_fixture("boards/recruitee/jobagent_aikidosecurity_offers.json")["offers"]
        for index, offer in enumerate(offers):
            offer["id"] = f"{t}{index}"
            offer["company_name"] = f"Aikido {t}"
            offer["careers_url"] = f"https://aikido-{t}.recruitee.com/o/{offer['slug']}"
        board.route(f"/aikido-{t}/api/offers/", json_reply({"offers": offers}))
        first = offers[0]
        page = (
            '<html><head><script type="application/ld+json">'
            + json.dumps(
                {
                    "@context": "https://schema.org",
                    "@type": "JobPosting",
                    "title": first["title"],
                    "hiringOrganization": {"@type": "Organization", "name": f"Aikido {t}"},
                    "jobLocation": {"@type": "Place", "address": {"addressLocality": "Tel Aviv", "addressCountry": "Israel"}},
                    "description": first["description"],
                }
            )
            + "</script></head><body></body></html>"
        )
        board.route(f"/careers-{t}", Reply(200, page, content_type="text/html"))
        user = await signed_up(client)

        async def watch(source: str, token: str) -> str:
            payload = (await user.gql(COMPANY_ADD, {"input": {"source": source, "boardToken": token}}))["watchedCompanyAdd"]
            assert payload["errors"] == [], payload
            return payload["watchedCompany"]["id"]

        recruitee = await watch("RECRUITEE", f"aikido-{t}")
        careers = await watch("CAREERS_PAGE", f"{board.base}/careers-{t}")
        # when
        from_board = await finished(user, (await refresh(user, watchedCompanyId=recruitee))["id"])
        from_page = await finished(user, (await refresh(user, watchedCompanyId=careers))["id"])
        # then
        assert (from_board["status"], from_board["found"], from_board["new"]) == ("COMPLETED", 3, 3)
        assert (from_page["status"], from_page["found"], from_page["new"], from_page["duplicates"]) == ("COMPLETED", 1, 0, 1)
        jobs = {e["node"]["title"]: e["node"] for e in (await user.gql(DISCOVERED))["jobs"]["edges"]}
        assert len(jobs) == 3
        assert [s["source"] for s in jobs[first["title"]]["sources"]] == ["recruitee", "careers_page"]

    async def test_a_second_run_counts_duplicates_and_a_vanished_posting_closes(self, client, worker, board):
        # given: one run already ingested the board
        t = tag()
        path, feed = f"/v1/boards/acme-{t}/jobs", greenhouse_feed(t, f"acme-{t}")
        board.route(path, json_reply(feed))
        user = await signed_up(client)
        company_id = await add_company(user, f"acme-{t}")
        await finished(user, (await refresh(user, watchedCompanyId=company_id))["id"])
        # when: the same feed again, then the feed without its second job
        again = await finished(user, (await refresh(user, watchedCompanyId=company_id))["id"])
        board.route(path, json_reply({**feed, "jobs": feed["jobs"][:1]}))
        shrunk = await finished(user, (await refresh(user, watchedCompanyId=company_id))["id"])
        # then
        assert (again["found"], again["new"], again["duplicates"], again["closed"], again["matched"]) == (2, 0, 2, 0, 0)
        assert (shrunk["found"], shrunk["new"], shrunk["duplicates"], shrunk["closed"]) == (1, 0, 1, 1)
        jobs = {e["node"]["title"]: e["node"] for e in (await user.gql(DISCOVERED))["jobs"]["edges"]}
        assert jobs["Account Executive, Commercial"]["closedAt"] is None
        assert jobs["Account Executive, Majors"]["closedAt"] is not None
        assert jobs["Account Executive, Majors"]["sources"][0]["closedAt"] is not None

    async def test_a_closed_posting_published_again_is_a_repost(self, client, worker, board):
        # given: a posting seen, then gone from the board (closed)
        t = tag()
        path = f"/v1/boards/acme-{t}/jobs"
        feed = greenhouse_feed(t, f"acme-{t}")
        first_job = feed["jobs"][0]
        board.route(path, json_reply({**feed, "jobs": [first_job]}))
        user = await signed_up(client)
        company_id = await add_company(user, f"acme-{t}")
        await finished(user, (await refresh(user, watchedCompanyId=company_id))["id"])
        board.route(path, json_reply({**feed, "jobs": []}))
        await finished(user, (await refresh(user, watchedCompanyId=company_id))["id"])
        # when: the same company, title and location come back under a new id
        again = {**first_job, "id": first_job["id"] + 1, "absolute_url": first_job["absolute_url"] + "1"}
        board.route(path, json_reply({**feed, "jobs": [again]}))
        run = await finished(user, (await refresh(user, watchedCompanyId=company_id))["id"])
        # then
        assert (run["found"], run["new"], run["duplicates"], run["matched"]) == (1, 1, 0, 1)
        jobs = (await user.gql(REPOSTS))["jobs"]["edges"]
        assert sorted((e["node"]["isRepost"], e["node"]["closedAt"] is None) for e in jobs) == [
            (False, False),
            (True, True),
        ]

    async def test_a_strong_new_match_raises_one_alert(self, client, worker, board):
        # given: a profile that fits the senior Python job (remote, senior, all four must-haves)
        t = tag()
        board.route(f"/v1/boards/acme-{t}/jobs", json_reply(greenhouse_feed(t, f"acme-{t}", ENGINEERING_JOBS[:1])))
        user = await signed_up(client)
        await user.gql(
            PROFILE_UPDATE,
            {"input": {"skills": ["Python", "PostgreSQL", "Kubernetes", "Docker"], "experienceLevel": "SENIOR"}},
        )
        company_id = await add_company(user, f"acme-{t}")
        # when: the board is fetched twice
        await finished(user, (await refresh(user, watchedCompanyId=company_id))["id"])
        await finished(user, (await refresh(user, watchedCompanyId=company_id))["id"])
        # then: skills 100*(0.85*4/4 + 0.15*0/2) = 85, plus the areas it names that the profile shows
        # (api.matching.score: topics close part of the gap) → 85 or a little more; remote 100; senior 100 → 93
        alerts = (await user.gql(ALERTS))["notifications"]
        assert alerts["totalCount"] == 1
        assert alerts["edges"][0]["node"]["title"] == f"Strong match: Senior Python Engineer at Vercel {t}"
        job = (await user.gql(DISCOVERED))["jobs"]["edges"][0]["node"]
        assert (await user.gql(SCORE, {"id": job["id"]}))["node"]["matchScore"] == 93

    async def test_two_users_watching_one_board_share_postings_but_own_their_jobs(self, client, worker, board):
        # given: another user already ingested the board
        t = tag()
        board.route(f"/v1/boards/acme-{t}/jobs", json_reply(greenhouse_feed(t, f"acme-{t}")))
        first, second = await signed_up(client), await signed_up(client)
        await finished(first, (await refresh(first, watchedCompanyId=await add_company(first, f"acme-{t}")))["id"])
        # when
        run = await finished(second, (await refresh(second, watchedCompanyId=await add_company(second, f"acme-{t}")))["id"])
        # then: nothing new to the database, but both jobs are new to this user
        assert (run["found"], run["new"], run["duplicates"], run["matched"]) == (2, 0, 2, 2)
        assert (await second.gql(DISCOVERED))["jobs"]["totalCount"] == 2
        assert (await first.gql(DISCOVERED))["jobs"]["totalCount"] == 2

    async def test_a_failing_board_fails_the_run_with_a_readable_reason(self, client, worker, board):
        # given: the board answers 500
        t = tag()
        board.route(f"/v1/boards/acme-{t}/jobs", Reply(500, b"oops"))
        user = await signed_up(client)
        company_id = await add_company(user, f"acme-{t}")
        # when
        run = await finished(user, (await refresh(user, watchedCompanyId=company_id))["id"])
        # then
        assert run["status"] == "FAILED"
        assert run["outcomes"][0]["status"] == "error"
        assert run["error"] == "Every source failed: greenhouse error: HTTP 500 after 1 attempt"
        listed = (await user.gql(COMPANIES))["watchedCompanies"]["edges"][0]["node"]
        assert listed["lastRun"]["status"] == "FAILED"

    async def test_a_second_refresh_while_one_runs_is_rate_limited(self, client, worker, board):
        # given: a slow board keeps the first refresh running
        t = tag()
        board.route(f"/v1/boards/acme-{t}/jobs", json_reply(greenhouse_feed(t, f"acme-{t}"), delay=1.5))
        user = await signed_up(client)
        company_id = await add_company(user, f"acme-{t}")
        first = await refresh(user, watchedCompanyId=company_id)
        # when
        second = (await user.gql(REFRESH, {"input": {"watchedCompanyId": company_id}}))["sourceRefresh"]
        await finished(user, first["id"])
        third = (await user.gql(REFRESH, {"input": {"watchedCompanyId": company_id}}))["sourceRefresh"]
        # then
        assert second == {
            "sourceRun": None,
            "errors": [
                {
                    "field": None,
                    "message": "A refresh is already running; wait for it to finish",
                    "code": "RATE_LIMITED",
                }
            ],
        }
        assert third["errors"] == [] and third["sourceRun"]["id"] != first["id"]
        await finished(user, third["sourceRun"]["id"])


class TestWatchedCompanyAdd:
    async def test_invalid_token_and_duplicates_are_payload_errors(self, client):
        # given
        user = await signed_up(client)
        await add_company(user, "acme")
        # when
        bad = (await user.gql(COMPANY_ADD, {"input": {"source": "LEVER", "boardToken": "no spaces allowed"}}))[
            "watchedCompanyAdd"
        ]
        again = (await user.gql(COMPANY_ADD, {"input": {"source": "GREENHOUSE", "boardToken": "ACME"}}))["watchedCompanyAdd"]
        from_url = (
            await user.gql(COMPANY_ADD, {"input": {"source": "GREENHOUSE", "boardToken": "https://boards.greenhouse.io/vercel"}})
        )["watchedCompanyAdd"]
        # then
        assert [(e["field"], e["code"]) for e in bad["errors"]] == [("boardToken", "INVALID")]
        assert again["errors"] == [
            {"field": "boardToken", "message": "You already watch this company board", "code": "DUPLICATE"}
        ]
        assert from_url["watchedCompany"]["boardToken"] == "vercel" and from_url["watchedCompany"]["name"] == "Vercel"

    async def test_workday_and_host_named_boards_take_their_careers_urls(self, client):
        # given
        user = await signed_up(client)

        async def add(source: str, token: str) -> dict:
            return (await user.gql(COMPANY_ADD, {"input": {"source": source, "boardToken": token}}))["watchedCompanyAdd"]

        # when
        workday = await add("WORKDAY", "https://workday.wd5.myworkdayjobs.com/en-US/Workday")
        triple = await add("WORKDAY", "salesforce/External_Career_Site/wd12")
        not_workday = await add("WORKDAY", "vercel")
        recruitee = await add("RECRUITEE", "https://aikidosecurity.recruitee.com/")
        page = await add("CAREERS_PAGE", "https://example.com/careers?team=eng")
        not_a_page = await add("CAREERS_PAGE", "example.com/careers")
        # then
        assert workday["watchedCompany"]["boardToken"] == "workday/Workday/wd5"
        assert triple["watchedCompany"]["boardToken"] == "salesforce/External_Career_Site/wd12"
        assert not_workday["errors"] == [
            {
                "field": "boardToken",
                "message": "A Workday board is 'tenant/site/wdN' or its careers URL, e.g. 'https://workday.wd5.myworkdayjobs.com/Workday'",
                "code": "INVALID",
            }
        ]
        assert recruitee["watchedCompany"]["boardToken"] == "aikidosecurity"
        assert page["watchedCompany"]["boardToken"] == "https://example.com/careers?team=eng"
        assert [(e["field"], e["code"]) for e in not_a_page["errors"]] == [("boardToken", "INVALID")]

    async def test_another_users_company_behaves_like_a_missing_one(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        company_id = await add_company(owner, "acme")
        # when
        refreshed = (await other.gql(REFRESH, {"input": {"watchedCompanyId": company_id}}))["sourceRefresh"]
        removed = (await other.gql(COMPANY_REMOVE, {"input": {"id": company_id}}))["watchedCompanyRemove"]
        # then
        assert refreshed["errors"] == [{"field": "watchedCompanyId", "message": "Watched company not found", "code": "NOT_FOUND"}]
        assert removed["errors"] == [{"field": "id", "message": "Watched company not found", "code": "NOT_FOUND"}]


class TestSavedSearches:
    async def test_a_search_runs_its_sources_and_skips_unconfigured_ones(self, client, worker, board):
        # given: Remotive serves its recorded feed; Adzuna has no keys configured
        t = tag()
        board.route("/api/remote-jobs", json_reply(remotive_feed(t)))
        user = await signed_up(client)
        search = (
            await user.gql(SEARCH_CREATE, {"input": {"keywords": ["content reviewer"], "sources": ["REMOTIVE", "ADZUNA"]}})
        )["savedSearchCreate"]
        # when
        run = await finished(user, (await refresh(user, savedSearchId=search["savedSearch"]["id"]))["id"])
        # then: the keyword keeps one of the two recorded postings
        assert search["savedSearch"]["name"] == "content reviewer" and search["savedSearch"]["intervalHours"] == 24
        assert run["status"] == "COMPLETED" and (run["sourcesDone"], run["sourcesTotal"]) == (2, 2)
        by_source = {o["source"]: o for o in run["outcomes"]}
        assert (by_source["remotive"]["status"], by_source["remotive"]["found"], by_source["remotive"]["new"]) == (
            "ok",
            1,
            1,
        )
        assert by_source["adzuna"]["status"] == "skipped"
        assert "ADZUNA_APP_ID" in by_source["adzuna"]["message"]
        titles = [e["node"]["title"] for e in (await user.gql(DISCOVERED))["jobs"]["edges"]]
        assert titles == ["Content Reviewer - United States"]

    async def test_a_search_whose_sources_all_fail_fails_with_each_reason_live(self, client, base_url, worker, board):
        # given: Remotive answers 500 at once; Arbeitnow answers 503 after a pause (under the 3 s source timeout), so the first failure shows mid-run
        board.route("/api/remote-jobs", Reply(500, b"oops"))
        board.route("/api/job-board-api", Reply(503, b"busy", delay=2.0))
        user = await signed_up(client)
        search = (await user.gql(SEARCH_CREATE, {"input": {"keywords": ["python"], "sources": ["REMOTIVE", "ARBEITNOW"]}}))[
            "savedSearchCreate"
        ]["savedSearch"]
        # when
        run = await refresh(user, savedSearchId=search["id"])
        progress = await follow(base_url, user, run["id"])
        # then: Remotive's reason arrives while the run still runs, and the run ends failed with both reasons
        running = [p for p in progress if p["status"] == "RUNNING" and p["outcomes"]]
        assert running and [(o["source"], o["status"]) for o in running[0]["outcomes"]] == [("remotive", "error")]
        final = progress[-1]
        assert final["status"] == "FAILED" and (final["sourcesDone"], final["found"]) == (2, 0)
        assert {o["source"]: o["message"] for o in final["outcomes"]} == {
            "remotive": "error: HTTP 500 after 1 attempt",
            "arbeitnow": "error: HTTP 503 after 1 attempt",
        }
        assert final["error"] == (
            "Every source failed: remotive error: HTTP 500 after 1 attempt; arbeitnow error: HTTP 503 after 1 attempt"
        )

    async def test_a_search_on_every_source_where_none_delivers_fails(self, client, worker, board):
        # given: no source answers (every path is unknown to the local server) and Adzuna/USAJobs have no keys
        user = await signed_up(client)
        search = (await user.gql(SEARCH_CREATE, {"input": {"keywords": ["python"]}}))["savedSearchCreate"]["savedSearch"]
        # when
        run = await finished(user, (await refresh(user, savedSearchId=search["id"]))["id"])
        # then: not "completed" with 0 found: failed, saying why
        assert run["status"] == "FAILED" and run["sourcesDone"] == run["sourcesTotal"] == 10
        assert run["error"].startswith("No source delivered: remotive error: HTTP 404")
        assert {o["source"] for o in run["outcomes"] if o["status"] == "skipped"} == {"adzuna", "usajobs"}

    async def test_a_search_where_some_sources_fail_completes_with_failures(self, client, worker, board):
        # given: Remotive serves its feed, Arbeitnow answers 500
        t = tag()
        board.route("/api/remote-jobs", json_reply(remotive_feed(t)))
        board.route("/api/job-board-api", Reply(500, b"oops"))
        user = await signed_up(client)
        search = (
            await user.gql(SEARCH_CREATE, {"input": {"keywords": ["content reviewer"], "sources": ["REMOTIVE", "ARBEITNOW"]}})
        )["savedSearchCreate"]["savedSearch"]
        # when
        run = await finished(user, (await refresh(user, savedSearchId=search["id"]))["id"])
        # then
        assert run["status"] == "COMPLETED_WITH_FAILURES" and run["found"] == 1
        assert run["error"] == "1 source of 2 failed: arbeitnow error: HTTP 500 after 1 attempt"

    async def test_validation_update_and_delete(self, client):
        # given
        user = await signed_up(client)
        bad = (await user.gql(SEARCH_CREATE, {"input": {"keywords": [" "], "intervalHours": 0}}))["savedSearchCreate"]
        search = (await user.gql(SEARCH_CREATE, {"input": {"keywords": ["python"], "name": "Python"}}))["savedSearchCreate"][
            "savedSearch"
        ]
        # when
        updated = (await user.gql(SEARCH_UPDATE, {"input": {"id": search["id"], "remote": True, "intervalHours": 12}}))[
            "savedSearchUpdate"
        ]
        deleted = (await user.gql(SEARCH_DELETE, {"input": {"id": search["id"]}}))["savedSearchDelete"]
        again = (await user.gql(SEARCH_DELETE, {"input": {"id": search["id"]}}))["savedSearchDelete"]
        # then
        assert {(e["field"], e["code"]) for e in bad["errors"]} == {
            ("keywords", "REQUIRED"),
            ("intervalHours", "OUT_OF_RANGE"),
        }
        assert updated["savedSearch"] == {
            "id": search["id"],
            "name": "Python",
            "keywords": ["python"],
            "remote": True,
            "intervalHours": 12,
        }
        assert deleted == {"deletedId": search["id"], "errors": []}
        assert again["errors"][0]["code"] == "NOT_FOUND"


class TestSchedule:
    async def test_due_searches_get_one_scheduled_run_each(self, client, worker, board):
        # given: a saved search whose next run is due
        from sqlalchemy import text

        from api.db import unit_of_work

        board.route("/api/remote-jobs", json_reply({"jobs": []}))
        user = await signed_up(client)
        search = (await user.gql(SEARCH_CREATE, {"input": {"keywords": ["nothing-matches-this"], "sources": ["REMOTIVE"]}}))[
            "savedSearchCreate"
        ]["savedSearch"]
        async with unit_of_work() as session:
            await session.execute(
                text(
                    "UPDATE saved_searches SET next_run_at = now() - interval '1 minute' "
                    "WHERE user_id = (SELECT id FROM users WHERE username = :u)"
                ),
                {"u": user.username},
            )
        # when: the cron fires twice (a re-delivered job)
        first = await sources_schedule_due({})
        second = await sources_schedule_due({})
        # then
        runs = (await user.gql("query { sourceRuns(first: 5) { totalCount edges { node { id trigger savedSearchId } } } }"))[
            "sourceRuns"
        ]
        assert first >= 1 and second == 0
        assert runs["totalCount"] == 1
        node = runs["edges"][0]["node"]
        assert (node["trigger"], node["savedSearchId"]) == ("SCHEDULE", search["id"])
        assert (await finished(user, node["id"]))["status"] == "COMPLETED"
