"""A URL import still pending after PENDING_TIMEOUT_MINUTES fails with a message to import it again,
and its slot of the per-user cap is free again."""

from __future__ import annotations

from api.discovery.service import MAX_PENDING_IMPORTS
from api.discovery.tasks import job_imports_fail_stale
from api.models import JobImport
from tests.support.graphql import db_id, signed_up
from tests.support.outbox import made_old

IMPORT = """
mutation Import($input: JobImportFromUrlInput!) {
  jobImportFromUrl(input: $input) { jobImport { id status } errors { field message code } }
}
"""
IMPORT_NODE = "query Import($id: ID!) { node(id: $id) { ... on JobImport { status error errorCode } } }"


async def request_import(user, n: int = 0) -> dict:
    return (await user.gql(IMPORT, {"input": {"url": f"https://jobs.example.com/postings/{n}"}}))["jobImportFromUrl"]


async def pending_imports(user, count: int) -> list[str]:
    """Imports whose fetch no worker takes (the queue is idle)."""
    ids = []
    for n in range(count):
        payload = await request_import(user, n)
        assert payload["errors"] == [], payload
        ids.append(payload["jobImport"]["id"])
    return ids


class TestPendingImportTimeout:
    async def test_an_import_pending_too_long_fails_with_a_message_to_import_again(self, client, idle_queue):
        # given
        user = await signed_up(client)
        [import_id] = await pending_imports(user, 1)
        await made_old(JobImport.created_at, db_id(import_id), minutes=20)
        # when
        await job_imports_fail_stale({})
        # then
        node = (await user.gql(IMPORT_NODE, {"id": import_id}))["node"]
        assert (node["status"], node["errorCode"]) == ("FAILED", "TIMED_OUT")
        assert "Please import it again" in node["error"]

    async def test_the_timed_out_imports_release_their_slots(self, client, idle_queue):
        # given: the cap is reached
        user = await signed_up(client)
        ids = await pending_imports(user, MAX_PENDING_IMPORTS)
        refused = await request_import(user, 99)
        for import_id in ids:
            await made_old(JobImport.created_at, db_id(import_id), minutes=20)
        # when
        failed = await job_imports_fail_stale({})
        accepted = await request_import(user, 99)
        # then
        assert refused["errors"][0]["code"] == "RATE_LIMITED", refused
        assert failed == MAX_PENDING_IMPORTS
        assert accepted["errors"] == [] and accepted["jobImport"]["status"] == "PENDING"

    async def test_a_recent_pending_import_is_left_alone(self, client, idle_queue):
        # given
        user = await signed_up(client)
        [import_id] = await pending_imports(user, 1)
        await made_old(JobImport.created_at, db_id(import_id), minutes=5)
        # when
        await job_imports_fail_stale({})
        # then
        assert (await user.gql(IMPORT_NODE, {"id": import_id}))["node"]["status"] == "PENDING"
