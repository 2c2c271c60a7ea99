"""Documents written by the worker: offline engine and a configured model (the fake server)."""

from __future__ import annotations

from tests.support.documents import ACME_JOB, COVER_LETTER, EMAIL, cover_letter, finished
from tests.support.graphql import signed_up
from tests.support.jobs import PROFILE_UPDATE, create_job


async def acme_user(client):
    user = await signed_up(client)
    await user.gql(
        PROFILE_UPDATE,
        {"input": {"skills": ["Python", "Docker"], "preferredLocations": ["Berlin"], "experienceLevel": "SENIOR"}},
    )
    return user, await create_job(user, **ACME_JOB)


class TestOfflineCoverLetter:
    async def test_the_mutation_returns_a_pending_document_at_once(self, client, offline):
        # given
        user, job_id = await acme_user(client)
        # when
        payload = (await user.gql(COVER_LETTER, {"input": {"jobId": job_id, "tone": "CASUAL"}}))["coverLetterGenerate"]
        # then
        doc = payload["document"]
        assert payload["errors"] == []
        assert doc["status"] == "PENDING" and doc["versions"] == [] and doc["offline"] is True
        assert doc["tone"] == "CASUAL" and doc["job"]["id"] == job_id
        assert doc["title"] == "Cover letter: Senior Backend Engineer at Acme Robotics"

    async def test_the_worker_writes_a_job_specific_letter(self, client, worker, offline):
        # given
        user, job_id = await acme_user(client)
        # when
        doc = await finished(user, (await cover_letter(user, job_id))["id"])
        # then: it names the company, the title and at least two of the job's skills
        assert doc["status"] == "COMPLETED", doc
        text = doc["text"]
        assert "Acme Robotics" in text and "Senior Backend Engineer" in text
        assert sum(skill in text for skill in ("Python", "PostgreSQL", "Kubernetes")) >= 2
        assert [(v["number"], v["source"], v["model"]) for v in doc["versions"]] == [(1, "GENERATED", None)]
        assert doc["versions"][0]["text"] == text


class TestOfflineEmails:
    async def test_every_email_kind_is_about_the_job(self, client, worker, offline):
        # given
        user, job_id = await acme_user(client)
        ids = []
        for kind in ("FOLLOW_UP", "THANK_YOU", "NETWORKING", "OFFER_NEGOTIATION"):
            payload = (await user.gql(EMAIL, {"input": {"jobId": job_id, "kind": kind}}))["emailDraft"]
            assert payload["errors"] == []
            ids.append(payload["document"]["id"])
        # when
        docs = [await finished(user, i) for i in ids]
        # then
        for doc in docs:
            assert doc["status"] == "COMPLETED"
            assert doc["text"].startswith("Subject: ")
            assert "Acme Robotics" in doc["text"] and "Senior Backend Engineer" in doc["text"]
