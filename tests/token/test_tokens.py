"""Personal access tokens: lifecycle, scopes, and Bearer use on GraphQL, the export endpoint and the
résumé upload."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, text

from api.config import get_settings
from api.db import read_session, unit_of_work
from api.models import Job, PersonalAccessToken
from tests.support.documents import ACME_JOB, cover_letter, finished
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import JOB_CREATE, PROFILE_UPDATE, create_job
from tests.support.tokens import PAT_CREATE, PAT_LIST, PAT_REVOKE, as_pat, create_pat

JOBS = "query { jobs(first: 5) { totalCount edges { node { title } } } }"
GOALS = "query { viewer { goals { totalCount } } }"


def codes(body: dict) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in body.get("errors", [])]


async def rows_of(user_id: str) -> list[PersonalAccessToken]:
    async with read_session() as session:
        query = select(PersonalAccessToken).where(PersonalAccessToken.user_id == db_id(user_id))
        return list((await session.execute(query)).scalars())


class TestCreate:
    async def test_the_token_is_shown_once_and_stored_hashed(self, client):
        # given
        user = await signed_up(client)
        # when
        created = (await user.gql(PAT_CREATE, {"input": {"name": "laptop script", "scopes": ["jobs:read", "jobs:write"]}}))[
            "personalAccessTokenCreate"
        ]
        listed = (await user.gql(PAT_LIST))["viewer"]["personalAccessTokens"]
        # then
        token, node = created["token"], created["personalAccessToken"]
        assert created["errors"] == [] and token.startswith(f"cc_pat_{node['prefix']}_")
        assert node["scopes"] == ["JOBS_READ", "JOBS_WRITE"] and node["name"] == "laptop script"
        expires = datetime.fromisoformat(node["expiresAt"])
        assert timedelta(days=89) < expires - datetime.now(UTC) <= timedelta(days=90)
        assert [t["id"] for t in listed] == [node["id"]] and token not in str(listed)
        (row,) = await rows_of(user.user_id)
        secret = token.split("_", 3)[3]
        assert row.hash == hashlib.sha256(secret.encode()).hexdigest() and secret not in str(vars(row))

    async def test_an_unknown_scope_a_blank_name_and_a_too_long_expiry_are_refused_together(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (
            await user.gql(PAT_CREATE, {"input": {"name": " ", "scopes": ["jobs:read", "admin:all"], "expiresInDays": 400}})
        )["personalAccessTokenCreate"]
        # then
        assert payload["token"] is None
        assert {(e["field"], e["code"]) for e in payload["errors"]} == {
            ("name", "REQUIRED"),
            ("scopes", "INVALID"),
            ("expiresInDays", "OUT_OF_RANGE"),
        }
        assert "admin:all" in next(e["message"] for e in payload["errors"] if e["field"] == "scopes")
        assert await rows_of(user.user_id) == []

    async def test_parallel_creates_stop_at_the_cap(self, client):
        # given
        user = await signed_up(client)
        cap = get_settings().pat_max_live
        # when
        bodies = await asyncio.gather(
            *(user.gql(PAT_CREATE, {"input": {"name": f"t{i}", "scopes": ["jobs:read"]}}) for i in range(cap + 5))
        )
        # then
        payloads = [body["personalAccessTokenCreate"] for body in bodies]
        assert sum(1 for p in payloads if p["token"]) == cap
        assert {p["errors"][0]["code"] for p in payloads if not p["token"]} == {"RATE_LIMITED"}
        assert len(await rows_of(user.user_id)) == cap


class TestBearer:
    async def test_a_token_reads_its_area_and_records_its_last_use(self, client):
        # given
        user = await signed_up(client)
        await create_job(user, title="Platform Engineer")
        token = await create_pat(user, "jobs:read")
        # when
        body = await as_pat(user, token).raw(JOBS)
        # then
        assert body["data"]["jobs"]["edges"][0]["node"]["title"] == "Platform Engineer"
        (listed,) = (await user.gql(PAT_LIST))["viewer"]["personalAccessTokens"]
        assert listed["lastUsedAt"] is not None and listed["lastUsedIp"] == "127.0.0.1"

    async def test_the_last_use_is_written_at_most_once_a_minute(self, client):
        # given a token last used 30 seconds ago from another address
        user = await signed_up(client)
        token = await create_pat(user, "jobs:read")
        update = "UPDATE personal_access_tokens SET last_used_at = now() - make_interval(secs => :ago), last_used_ip = '10.0.0.1' WHERE user_id = :u"
        async with unit_of_work() as session:
            await session.execute(text(update), {"ago": 30, "u": db_id(user.user_id)})
        # when it is used now, and again after its last use is two minutes old
        await as_pat(user, token).gql(JOBS)
        (recent,) = await rows_of(user.user_id)
        async with unit_of_work() as session:
            await session.execute(text(update), {"ago": 120, "u": db_id(user.user_id)})
        await as_pat(user, token).gql(JOBS)
        (later,) = await rows_of(user.user_id)
        # then only the second use is recorded
        assert recent.last_used_ip == "10.0.0.1"
        assert later.last_used_ip == "127.0.0.1" and datetime.now(UTC) - later.last_used_at < timedelta(seconds=30)

    async def test_a_revoked_token_stops_working(self, client):
        # given
        user = await signed_up(client)
        token = await create_pat(user, "jobs:read")
        token_id = (await user.gql(PAT_LIST))["viewer"]["personalAccessTokens"][0]["id"]
        # when
        revoked = (await user.gql(PAT_REVOKE, {"input": {"id": token_id}}))["personalAccessTokenRevoke"]
        body = await as_pat(user, token).raw(JOBS)
        # then
        assert revoked["errors"] == [] and revoked["personalAccessToken"]["revokedAt"] is not None
        assert body["data"] is None and body["errors"][0]["message"] == "Access token revoked"

    async def test_another_users_token_cannot_be_revoked(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        await create_pat(owner, "jobs:read")
        token_id = (await owner.gql(PAT_LIST))["viewer"]["personalAccessTokens"][0]["id"]
        # when
        payload = (await other.gql(PAT_REVOKE, {"input": {"id": token_id}}))["personalAccessTokenRevoke"]
        # then
        assert payload["errors"][0]["code"] == "NOT_FOUND"
        assert (await owner.gql(PAT_LIST))["viewer"]["personalAccessTokens"][0]["revokedAt"] is None

    async def test_an_expired_token_is_refused(self, client):
        # given
        user = await signed_up(client)
        token = await create_pat(user, "jobs:read", days=1)
        async with unit_of_work() as session:
            await session.execute(
                text("UPDATE personal_access_tokens SET expires_at = now() - interval '1 second' WHERE user_id = :u"),
                {"u": db_id(user.user_id)},
            )
        # when
        body = await as_pat(user, token).raw(JOBS)
        # then
        assert body["data"] is None and body["errors"][0]["message"] == "Access token expired"

    async def test_a_forged_secret_with_a_real_prefix_is_refused(self, client):
        # given
        user = await signed_up(client)
        token = await create_pat(user, "jobs:read")
        forged = token[: token.rindex("_") + 1] + "x" * 43
        # when
        body = await as_pat(user, forged).raw(JOBS)
        # then
        assert body["errors"][0]["message"] == "Invalid access token"


class TestScopes:
    async def test_a_read_only_token_cannot_run_a_mutation(self, client):
        # given
        user = await signed_up(client)
        token = await create_pat(user, "jobs:read")
        # when
        body = await as_pat(user, token).raw(JOB_CREATE, {"input": {"company": "Acme", "title": "Engineer"}})
        # then
        assert body["data"] is None and codes(body) == ["FORBIDDEN"]
        assert "jobs:write" in body["errors"][0]["message"]
        async with read_session() as session:
            assert (await session.execute(select(Job).where(Job.user_id == db_id(user.user_id)))).first() is None

    async def test_a_write_token_runs_the_mutation_of_its_area(self, client):
        # given
        user = await signed_up(client)
        token = await create_pat(user, "jobs:write")
        # when
        body = await as_pat(user, token).raw(JOB_CREATE, {"input": {"company": "Acme", "title": "Engineer"}})
        # then
        assert "errors" not in body and body["data"]["jobCreate"]["job"]["title"] == "Engineer"

    async def test_a_token_without_the_area_cannot_read_it(self, client):
        # given
        user = await signed_up(client)
        token = await create_pat(user, "career:read")
        pat = as_pat(user, token)
        # when
        jobs = await pat.raw(JOBS)
        goals = await pat.raw(GOALS)
        # then
        assert codes(jobs) == ["FORBIDDEN"] and "jobs:read" in jobs["errors"][0]["message"]
        assert "errors" not in goals and goals["data"]["viewer"]["goals"]["totalCount"] == 0

    async def test_a_token_cannot_create_tokens_or_change_the_account(self, client):
        # given
        user = await signed_up(client)
        pat = as_pat(user, await create_pat(user, *("jobs:write", "career:write", "documents:write", "profile:write")))
        # when
        created = await pat.raw(PAT_CREATE, {"input": {"name": "more", "scopes": ["jobs:read"]}})
        profile = await pat.raw(PROFILE_UPDATE, {"input": {"skills": ["Go"]}})
        # then
        assert codes(created) == ["FORBIDDEN"] and "signed-in session" in created["errors"][0]["message"]
        assert "errors" not in profile and profile["data"]["profileUpdate"]["user"]["skills"] == ["Go"]
        assert len(await rows_of(user.user_id)) == 1

    async def test_typename_and_introspection_stay_open(self, client):
        # given
        user = await signed_up(client)
        pat = as_pat(user, await create_pat(user, "jobs:read"))
        # when
        body = await pat.raw('{ __typename viewer { __typename } __type(name: "Job") { name } jobs { __typename } }')
        # then
        assert "errors" not in body, body
        assert body["data"] == {
            "__typename": "Query",
            "viewer": {"__typename": "User"},
            "__type": {"name": "Job"},
            "jobs": {"__typename": "JobConnection"},
        }


class TestExport:
    async def test_a_documents_token_downloads_and_a_jobs_token_is_forbidden(self, client, worker, offline):
        # given
        user = await signed_up(client)
        await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Python"], "preferredLocations": ["Berlin"]}})
        doc = await finished(user, (await cover_letter(user, await create_job(user, **ACME_JOB)))["id"])
        documents, jobs = await create_pat(user, "documents:read"), await create_pat(user, "jobs:read")
        path = f"/documents/{doc['id']}/export"
        # when
        allowed = await client.get(path, headers={"authorization": f"Bearer {documents}"})
        forbidden = await client.get(path, headers={"authorization": f"Bearer {jobs}"})
        bad = await client.get(path, headers={"authorization": f"Bearer {documents}x"})
        # then
        assert allowed.status_code == 200 and "Acme Robotics" in allowed.text
        assert forbidden.status_code == 403 and forbidden.json()["error"]["code"] == "FORBIDDEN"
        assert bad.status_code == 401


class TestResumeUpload:
    async def test_a_profile_write_token_uploads_and_a_read_token_is_forbidden(self, client, worker):
        # given
        user = await signed_up(client)
        writer, reader = await create_pat(user, "profile:write"), await create_pat(user, "profile:read")
        resume = Path(__file__).resolve().parent.parent / "fixtures" / "resumes" / "john_doe.pdf"

        async def upload(token: str):
            files = {"file": ("resume.pdf", resume.read_bytes(), "application/pdf")}
            return await client.post("/uploads/resume", files=files, headers={"authorization": f"Bearer {token}"})

        # when
        allowed, forbidden, bad = await upload(writer), await upload(reader), await upload(writer + "x")
        # then
        assert allowed.status_code == 202 and allowed.json()["status"] == "PENDING"
        assert forbidden.status_code == 403 and forbidden.json()["error"]["code"] == "FORBIDDEN"
        assert bad.status_code == 401
        uploads = await user.gql("query { resumeUploads { totalCount edges { node { id } } } }")
        assert [e["node"]["id"] for e in uploads["resumeUploads"]["edges"]] == [allowed.json()["id"]]
