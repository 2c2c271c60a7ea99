from __future__ import annotations

from api.config import get_settings
from tests.support.graphql import signed_up
from tests.support.pages import noisy_page, sections
from tests.support.servers import Reply
from tests.support.waiting import eventually

IMPORT = """
mutation Import($input: JobImportFromUrlInput!) {
  jobImportFromUrl(input: $input) { jobImport { id url status preview { title } } errors { field message code } }
}
"""
IMPORT_NODE = """
query Import($id: ID!) {
  node(id: $id) {
    ... on JobImport {
      status error errorCode
      preview { title company locations jobType salary { min max currency period } description skills url extraction }
      job { id }
    }
  }
}
"""
SAVE = """
mutation Save($input: JobImportSaveInput!) {
  jobImportSave(input: $input) { job { id title company location origin salary { min max currency } techStack } errors { field message code } }
}
"""
PARSE = """
query Parse($text: String!) { jobParseText(text: $text) { title company locations remoteOption salary { min max currency period } skills extraction } }
"""
FROM_TEXT = """
mutation FromText($input: JobCreateFromTextInput!) {
  jobCreateFromText(input: $input) { job { id title company location origin techStack } errors { field message code } }
}
"""
SCORED = "query Score($id: ID!) { node(id: $id) { ... on Job { matchScore scoreBreakdown { total } } } }"


async def imported(user, import_id: str) -> dict:
    async def done():
        node = (await user.gql(IMPORT_NODE, {"id": import_id}))["node"]
        return node["status"] != "PENDING" and node

    return await eventually(done)


async def start_import(user, url: str) -> str:
    payload = (await user.gql(IMPORT, {"input": {"url": url}}))["jobImportFromUrl"]
    assert payload["errors"] == [] and payload["jobImport"]["status"] == "PENDING", payload
    return payload["jobImport"]["id"]


class TestJobImportFromUrl:
    async def test_reads_the_json_ld_job_posting_then_saves_it_with_overrides(self, client, worker, board, monkeypatch):
        # given: the official schema.org example inside a noisy page, on an address the guard allows
        monkeypatch.setattr(get_settings(), "fetch_allowed_addresses", [f"127.0.0.1:{board.port}"])
        board.route(
            "/careers/software-engineer",
            Reply(
                200,
                noisy_page(sections("eg-0028-JobPosting_from_examples.txt")["JSON"]),
                content_type="text/html; charset=utf-8",
            ),
        )
        user = await signed_up(client)
        # when
        import_id = await start_import(user, f"{board.base}/careers/software-engineer?utm_source=mail")
        result = await imported(user, import_id)
        saved = (await user.gql(SAVE, {"input": {"id": import_id, "company": "ABC Company Inc."}}))["jobImportSave"]
        again = (await user.gql(SAVE, {"input": {"id": import_id}}))["jobImportSave"]
        # then
        preview = result["preview"]
        assert result["status"] == "COMPLETED" and result["error"] is None
        assert (preview["title"], preview["locations"], preview["jobType"], preview["extraction"]) == (
            "Software Engineer",
            ["Kirkland, WA"],
            "FULL_TIME",
            "json-ld",
        )
        assert preview["salary"] == {"min": 100000.0, "max": 100000.0, "currency": "USD", "period": None}
        assert saved["errors"] == []
        job = saved["job"]
        assert (job["title"], job["company"], job["location"], job["origin"]) == (
            "Software Engineer",
            "ABC Company Inc.",
            "Kirkland, WA",
            "IMPORTED",
        )
        assert job["salary"] == {"min": 100000, "max": 100000, "currency": "USD"}
        assert again["errors"] == [{"field": "id", "message": "This import was already saved as a job", "code": "DUPLICATE"}]
        assert (await imported(user, import_id))["job"] == {"id": job["id"]}

        async def scored():
            node = (await user.gql(SCORED, {"id": job["id"]}))["node"]
            return node["scoreBreakdown"] and node

        node = await eventually(scored)
        assert node["matchScore"] == node["scoreBreakdown"]["total"]  # the worker stored the score it explains
        assert 0 <= node["matchScore"] <= 100

    async def test_a_loopback_address_is_refused_with_a_readable_reason(self, client, worker, board):
        # given: no exemption configured (the production default)
        assert get_settings().allow_private_fetch is False
        board.route("/careers/internal", Reply(200, "<html><h1>Secret</h1></html>", content_type="text/html"))
        user = await signed_up(client)
        # when
        import_id = await start_import(user, f"{board.base}/careers/internal")
        result = await imported(user, import_id)
        saved = (await user.gql(SAVE, {"input": {"id": import_id}}))["jobImportSave"]
        # then: the worker never reached the server, and there is nothing to save
        assert result["status"] == "FAILED" and result["errorCode"] == "FORBIDDEN_ADDRESS"
        assert result["error"] == (
            "This address is not allowed (private, local or internal network): "
            "127.0.0.1 resolves to 127.0.0.1, a loopback address"
        )
        assert result["preview"] is None
        assert board.hits("/careers/internal") == []
        assert saved["job"] is None
        assert saved["errors"][0]["code"] == "INVALID" and saved["errors"][0]["message"].startswith("This import failed:")

    async def test_only_http_urls_are_accepted(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(IMPORT, {"input": {"url": "file:///etc/passwd"}}))["jobImportFromUrl"]
        # then
        assert payload == {
            "jobImport": None,
            "errors": [{"field": "url", "message": "URL must start with http:// or https://", "code": "INVALID"}],
        }


TEXT = """Senior Backend Engineer at Globex
Location: Berlin, Germany
Salary: €70,000 - €90,000 per year

We build payment APIs in Python and PostgreSQL on Kubernetes.
Requirements: 5+ years of Python. Nice to have: Terraform."""


class TestPastedDescription:
    async def test_parse_shows_a_preview_without_saving(self, client):
        # given
        user = await signed_up(client)
        # when
        preview = (await user.gql(PARSE, {"text": TEXT}))["jobParseText"]
        # then
        assert (preview["title"], preview["company"], preview["locations"]) == (
            "Senior Backend Engineer",
            "Globex",
            ["Berlin, Germany"],
        )
        assert preview["salary"] == {"min": 70000.0, "max": 90000.0, "currency": "EUR", "period": "year"}
        assert {"Python", "PostgreSQL", "Kubernetes", "Terraform"} <= set(preview["skills"])
        assert preview["extraction"] == "pasted"

    async def test_create_from_text_makes_an_imported_job(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(FROM_TEXT, {"input": {"text": TEXT, "title": "Staff Backend Engineer"}}))["jobCreateFromText"]
        empty = (await user.gql(FROM_TEXT, {"input": {"text": "   "}}))["jobCreateFromText"]
        # then
        assert payload["errors"] == []
        job = payload["job"]
        assert (job["title"], job["company"], job["location"], job["origin"]) == (
            "Staff Backend Engineer",
            "Globex",
            "Berlin, Germany",
            "IMPORTED",
        )
        assert "Kubernetes" in job["techStack"]
        assert empty["errors"] == [{"field": "text", "message": "Description is required", "code": "REQUIRED"}]
