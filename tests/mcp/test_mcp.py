"""The MCP server at /mcp, driven by the official SDK's client over real HTTP."""

from __future__ import annotations

from sqlalchemy import func, select

from api.config import get_settings
from api.db import read_session
from api.models import Job
from tests.support.career import create_goal
from tests.support.documents import ACME_JOB
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import create_application, create_job
from tests.support.mcp import mcp_session, text_of
from tests.support.pages import noisy_page, sections
from tests.support.servers import Reply
from tests.support.tokens import create_pat
from tests.support.waiting import eventually

IMPORT_STATUS = "query($id: ID!) { node(id: $id) { ... on JobImport { status } } }"
APPLICATION = "query($id: ID!) { node(id: $id) { ... on Application { status notes } } }"
POSTING = """Senior Data Engineer
Northwind Analytics — Hamburg, Germany (hybrid)

We are looking for a Senior Data Engineer to build our streaming platform with Python, Kafka and PostgreSQL.
Salary: 70,000 - 85,000 EUR per year.
"""


async def job_count(user_id: str) -> int:
    async with read_session() as session:
        return (await session.execute(select(func.count()).where(Job.user_id == db_id(user_id)))).scalar_one()


class TestTools:
    async def test_the_tools_are_listed_with_their_hints(self, client, base_url):
        # given
        user = await signed_up(client)
        token = await create_pat(user, "jobs:read")
        # when
        async with mcp_session(base_url, token) as mcp:
            tools = {tool.name: tool for tool in (await mcp.list_tools()).tools}
        # then
        assert {"search_jobs", "get_job", "add_job_from_text", "move_application", "log_goal_progress"} <= set(tools)
        assert {"record_decision", "read_journey", "read_insights", "generate_cover_letter", "draft_email"} <= set(tools)
        search, move = tools["search_jobs"].annotations, tools["move_application"].annotations
        assert search.read_only_hint is True and search.destructive_hint is False
        assert move.read_only_hint is False and move.destructive_hint is True
        assert tools["add_job_from_text"].annotations.destructive_hint is False
        assert tools["search_jobs"].input_schema["properties"]["first"]["maximum"] == 100

    async def test_search_finds_the_persons_jobs_only(self, client, base_url):
        # given
        user, other = await signed_up(client), await signed_up(client)
        await create_job(user, title="Kafka Platform Engineer", company="Globex")
        await create_job(user, title="Frontend Developer")
        await create_job(other, title="Kafka Platform Engineer")
        token = await create_pat(user, "jobs:read")
        # when
        async with mcp_session(base_url, token) as mcp:
            result = await mcp.call_tool("search_jobs", {"text": "kafka"})
        # then
        assert result.is_error is False, text_of(result)
        found = result.structured_content
        assert found["total"] == 1 and found["jobs"][0]["company"] == "Globex"

    async def test_get_job_has_its_score_breakdown(self, client, base_url):
        # given
        user = await signed_up(client)
        job_id = await create_job(user, title="Python Engineer")
        token = await create_pat(user, "jobs:read")
        # when
        async with mcp_session(base_url, token) as mcp:
            result = await mcp.call_tool("get_job", {"job_id": job_id})
            missing = await mcp.call_tool("get_job", {"job_id": "Sm9iOjk5OTk5OTk5"})
        # then
        assert result.structured_content["id"] == job_id and "score_breakdown" in result.structured_content
        assert missing.is_error is True and "Job not found" in text_of(missing)

    async def test_a_job_is_added_from_text(self, client, base_url):
        # given
        user = await signed_up(client)
        token = await create_pat(user, "jobs:write")
        # when
        async with mcp_session(base_url, token) as mcp:
            result = await mcp.call_tool("add_job_from_text", {"text": POSTING})
        # then
        assert result.is_error is False, text_of(result)
        assert "Data Engineer" in result.structured_content["title"]
        assert await job_count(user.user_id) == 1

    async def test_a_job_is_added_from_its_page(self, client, base_url, worker, board, monkeypatch):
        # given a job page on an address the fetch guard allows
        monkeypatch.setattr(get_settings(), "fetch_allowed_addresses", [f"127.0.0.1:{board.port}"])
        page = noisy_page(sections("eg-0028-JobPosting_from_examples.txt")["JSON"])
        board.route("/careers/software-engineer", Reply(200, page, content_type="text/html; charset=utf-8"))
        user = await signed_up(client)
        token = await create_pat(user, "jobs:write")
        # when the assistant starts the import, waits for it, and saves it
        async with mcp_session(base_url, token) as mcp:
            started = await mcp.call_tool("add_job_from_url", {"url": f"{board.base}/careers/software-engineer"})
            import_id = started.structured_content["id"]

            async def read() -> bool:
                return (await user.gql(IMPORT_STATUS, {"id": import_id}))["node"]["status"] == "COMPLETED"

            await eventually(read)
            unnamed = await mcp.call_tool("save_job_import", {"import_id": import_id})
            saved = await mcp.call_tool("save_job_import", {"import_id": import_id, "company": "ABC Company Inc."})
        # then
        assert started.structured_content["status"] == "pending"
        assert unnamed.is_error is True and "company: Company is required" in text_of(unnamed)
        assert saved.is_error is False, text_of(saved)
        assert saved.structured_content["company"] == "ABC Company Inc." and saved.structured_content["origin"] == "imported"
        assert await job_count(user.user_id) == 1

    async def test_an_application_is_moved_and_a_refused_move_says_why(self, client, base_url):
        # given
        user = await signed_up(client)
        application = (await create_application(user, await create_job(user)))["application"]
        token = await create_pat(user, "jobs:write")
        # when
        async with mcp_session(base_url, token) as mcp:
            moved = await mcp.call_tool("move_application", {"application_id": application["id"], "status": "applied"})
            noted = await mcp.call_tool("add_application_note", {"application_id": application["id"], "note": "Sent via MCP"})
            refused = await mcp.call_tool("move_application", {"application_id": application["id"], "status": "interested"})
        # then
        assert moved.structured_content["status"] == "applied" and moved.structured_content["previous_status"] == "interested"
        assert noted.is_error is False, text_of(noted)
        assert refused.is_error is True and "Cannot move an application from applied to interested" in text_of(refused)
        node = (await user.gql(APPLICATION, {"id": application["id"]}))["node"]
        assert node == {"status": "APPLIED", "notes": "Sent via MCP"}

    async def test_career_memory_goal_progress_and_decisions(self, client, base_url):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, title="Learn Rust")
        token = await create_pat(user, "career:write")
        # when
        async with mcp_session(base_url, token) as mcp:
            logged = await mcp.call_tool("log_goal_progress", {"goal_id": goal["id"], "minutes": 45, "note": "Ownership chapter"})
            goals = await mcp.call_tool("list_goals", {})
            decided = await mcp.call_tool("record_decision", {"kind": "skill_focus", "choice": "Focus on Rust this quarter"})
            outcome = await mcp.call_tool(
                "record_decision_outcome",
                {"decision_id": decided.structured_content["id"], "outcome": "Shipped a CLI", "satisfaction": 8},
            )
            journey = await mcp.call_tool("read_journey", {})
            insights = await mcp.call_tool("read_insights", {})
        # then
        assert logged.is_error is False, text_of(logged)
        assert logged.structured_content["entry"]["minutes"] == 45
        assert [g["title"] for g in goals.structured_content["goals"]] == ["Learn Rust"]
        assert outcome.structured_content["outcome"] == "Shipped a CLI" and outcome.structured_content["satisfaction"] == 8
        assert journey.is_error is False and "journey" in journey.structured_content
        assert insights.is_error is False and set(insights.structured_content) == {"insights", "recommendations"}

    async def test_a_cover_letter_is_generated_and_read(self, client, base_url, worker, offline):
        # given
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        token = await create_pat(user, "documents:write", "jobs:read")
        # when
        async with mcp_session(base_url, token) as mcp:
            started = await mcp.call_tool("generate_cover_letter", {"job_id": job_id})
            document_id = started.structured_content["id"]

            async def written() -> dict | None:
                result = await mcp.call_tool("get_document", {"document_id": document_id})
                return result.structured_content if result.structured_content["status"] == "completed" else None

            document = await eventually(written, timeout=30)
        # then
        assert started.is_error is False, text_of(started)
        assert "Acme Robotics" in document["text"]


class TestRefusals:
    async def test_a_read_only_token_cannot_use_a_write_tool(self, client, base_url):
        # given
        user = await signed_up(client)
        token = await create_pat(user, "jobs:read", "career:read")
        # when
        async with mcp_session(base_url, token) as mcp:
            result = await mcp.call_tool("add_job_from_text", {"text": POSTING})
        # then
        assert result.is_error is True and "needs the jobs:write scope" in text_of(result)
        assert await job_count(user.user_id) == 0

    async def test_a_token_without_the_area_cannot_read_it(self, client, base_url):
        # given
        user = await signed_up(client)
        token = await create_pat(user, "jobs:read")
        # when
        async with mcp_session(base_url, token) as mcp:
            result = await mcp.call_tool("list_goals", {})
        # then
        assert result.is_error is True and "needs the career:read scope" in text_of(result)

    async def test_without_a_token_it_is_401(self, client):
        # given
        body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
        # when
        anonymous = await client.post("/mcp", json=body, headers={"accept": "application/json, text/event-stream"})
        bad = await client.post("/mcp", json=body, headers={"authorization": "Bearer cc_pat_nope_nope"})
        # then
        assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"].startswith("Bearer")
        assert bad.status_code == 401 and bad.json()["error"]["message"] == "Invalid access token"

    async def test_invalid_input_is_a_clear_error(self, client, base_url):
        # given
        user = await signed_up(client)
        token = await create_pat(user, "jobs:write", "career:write")
        # when
        async with mcp_session(base_url, token) as mcp:
            too_many = await mcp.call_tool("search_jobs", {"first": 1000})
            bad_status = await mcp.call_tool("move_application", {"application_id": "x", "status": "hired"})
            bad_id = await mcp.call_tool("log_goal_progress", {"goal_id": "not-an-id", "minutes": 10})
        # then
        assert too_many.is_error is True and "first" in text_of(too_many) and "100" in text_of(too_many)
        assert bad_status.is_error is True and "status" in text_of(bad_status)
        assert bad_id.is_error is True and "goal_id: Goal not found" in text_of(bad_id)
