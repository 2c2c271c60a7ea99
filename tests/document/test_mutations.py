"""Editing, improving, rating, tailoring and exporting documents."""

from __future__ import annotations

import io
import zipfile

import docx

from tests.support.documents import ACME_JOB, EMAIL, cover_letter, document, finished
from tests.support.graphql import signed_up
from tests.support.jobs import PROFILE_UPDATE, create_application, create_job

IMPROVE = """
mutation Improve($input: DocumentImproveInput!) {
  documentImprove(input: $input) { document { id status } errors { field message code } }
}
"""
UPDATE = """
mutation Update($input: DocumentUpdateInput!) {
  documentUpdate(input: $input) { document { id status text versions { number source } } errors { field message code } }
}
"""
RATE = """
mutation Rate($input: DocumentRateInput!) {
  documentRate(input: $input) { rating { rating comment } document { ratings { rating comment } } errors { field message code } }
}
"""
TAILOR = """
mutation Tailor($input: ResumeTailorInput!) {
  resumeTailor(input: $input) { document { id kind status } errors { field message code } }
}
"""
TAILORING = """
query Tailoring($id: ID!) {
  node(id: $id) { ... on Document { status text tailoring { summary missingKeywords
    sections { section keywordsToSurface rewrites { original suggested reason decision } } } versions { source } } }
}
"""
DECIDE = """
mutation Decide($input: TailoringRewriteDecideInput!) {
  tailoringRewriteDecide(input: $input) { document { id text tailoring { sections { rewrites { decision } } } } errors { field message code } }
}
"""
JOB_DOCUMENTS = """
query JobDocs($id: ID!) {
  node(id: $id) { ... on Job { documents { id kind } applications { documents { id } } } }
}
"""


async def letter_for_new_user(client) -> tuple:
    user = await signed_up(client)
    await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Python"], "preferredLocations": ["Berlin"], "experienceLevel": "MID"}})
    job_id = await create_job(user, **ACME_JOB)
    doc = await finished(user, (await cover_letter(user, job_id))["id"])
    assert doc["status"] == "COMPLETED"
    return user, job_id, doc


class TestDocumentUpdate:
    async def test_an_edit_is_a_new_version(self, client, worker, offline):
        # given
        user, _, doc = await letter_for_new_user(client)
        # when
        payload = (await user.gql(UPDATE, {"input": {"id": doc["id"], "text": "Dear team,\n\nMy own words."}}))["documentUpdate"]
        # then
        assert payload["errors"] == []
        assert payload["document"]["text"] == "Dear team,\n\nMy own words."
        assert [(v["number"], v["source"]) for v in payload["document"]["versions"]] == [
            (1, "GENERATED"),
            (2, "EDITED"),
        ]

    async def test_empty_text_is_refused(self, client, worker, offline):
        # given
        user, _, doc = await letter_for_new_user(client)
        # when
        payload = (await user.gql(UPDATE, {"input": {"id": doc["id"], "text": "  "}}))["documentUpdate"]
        # then
        assert payload["errors"] == [{"field": "text", "message": "Text is required", "code": "REQUIRED"}]
        assert len((await document(user, doc["id"]))["versions"]) == 1

    async def test_another_users_document_is_not_found(self, client, worker, offline):
        # given
        _, _, doc = await letter_for_new_user(client)
        other = await signed_up(client)
        # when
        payload = (await other.gql(UPDATE, {"input": {"id": doc["id"], "text": "Mine now"}}))["documentUpdate"]
        # then
        assert payload["errors"] == [{"field": "id", "message": "Document not found", "code": "NOT_FOUND"}]


class TestDocumentImprove:
    async def test_offline_improve_follows_the_feedback(self, client, worker, offline):
        # given
        user, _, doc = await letter_for_new_user(client)
        # when
        feedback = "Make it more enthusiastic and mention Docker"
        payload = (await user.gql(IMPROVE, {"input": {"id": doc["id"], "feedback": feedback}}))["documentImprove"]
        improved = await finished(user, doc["id"])
        # then
        assert payload["errors"] == [] and payload["document"]["status"] == "PENDING"
        assert [(v["number"], v["source"]) for v in improved["versions"]] == [(1, "GENERATED"), (2, "IMPROVED")]
        assert "Docker" in improved["text"] and "thrilled" in improved["text"] and "Acme Robotics" in improved["text"]

    async def test_with_a_model_the_feedback_and_previous_text_are_data(self, client, worker, model):
        # given
        user, _, doc = await letter_for_new_user(client)
        model.queue_reply("Dear Acme Robotics,\n\nShorter and warmer.\n\nAda")
        # when
        await user.gql(IMPROVE, {"input": {"id": doc["id"], "feedback": "Shorter and warmer please"}})
        improved = await finished(user, doc["id"])
        # then
        assert improved["text"] == "Dear Acme Robotics,\n\nShorter and warmer.\n\nAda"
        assert improved["versions"][-1]["source"] == "IMPROVED" and improved["versions"][-1]["model"] == "fake-model"
        sent = model.chat_requests[-1]["messages"][1]["content"]
        assert "<<<USER_FEEDBACK\nShorter and warmer please\n>>>" in sent and "<<<PREVIOUS_VERSION\n" in sent

    async def test_empty_feedback_is_refused(self, client, worker, offline):
        # given
        user, _, doc = await letter_for_new_user(client)
        # when
        payload = (await user.gql(IMPROVE, {"input": {"id": doc["id"], "feedback": ""}}))["documentImprove"]
        # then
        assert payload["errors"] == [{"field": "feedback", "message": "Feedback is required", "code": "REQUIRED"}]


class TestDocumentRate:
    async def test_a_rating_and_comment_are_kept(self, client, worker, offline):
        # given
        user, _, doc = await letter_for_new_user(client)
        # when
        payload = (await user.gql(RATE, {"input": {"id": doc["id"], "rating": 4, "comment": "Nice opening"}}))["documentRate"]
        # then
        assert payload["errors"] == [] and payload["rating"] == {"rating": 4, "comment": "Nice opening"}
        assert payload["document"]["ratings"] == [{"rating": 4, "comment": "Nice opening"}]

    async def test_a_rating_outside_one_to_five_is_refused(self, client, worker, offline):
        # given
        user, _, doc = await letter_for_new_user(client)
        # when
        payload = (await user.gql(RATE, {"input": {"id": doc["id"], "rating": 6}}))["documentRate"]
        # then
        assert payload["errors"] == [{"field": "rating", "message": "Rating must be between 1 and 5", "code": "OUT_OF_RANGE"}]


class TestLinks:
    async def test_documents_are_linked_to_job_and_application(self, client, worker, offline):
        # given: a job with an application
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        await create_application(user, job_id)
        # when
        letter = await cover_letter(user, job_id)
        mail = (await user.gql(EMAIL, {"input": {"jobId": job_id, "kind": "THANK_YOU"}}))["emailDraft"]["document"]
        # then
        node = (await user.gql(JOB_DOCUMENTS, {"id": job_id}))["node"]
        assert [d["id"] for d in node["documents"]] == [mail["id"], letter["id"]]
        assert [d["id"] for d in node["applications"][0]["documents"]] == [mail["id"], letter["id"]]

    async def test_an_unknown_job_is_a_payload_error(self, client, offline):
        # given
        user, other = await signed_up(client), await signed_up(client)
        others_job = await create_job(other, **ACME_JOB)
        # when
        from tests.support.documents import COVER_LETTER

        payload = (await user.gql(COVER_LETTER, {"input": {"jobId": others_job}}))["coverLetterGenerate"]
        # then
        assert payload == {
            "document": None,
            "errors": [{"field": "jobId", "message": "Job not found", "code": "NOT_FOUND"}],
        }


class TestTailoring:
    async def test_tailoring_without_a_resume_uses_the_profile_and_can_be_decided(self, client, worker, offline):
        # given
        user = await signed_up(client)
        await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Java", "Python", "Docker"]}})
        job_id = await create_job(user, **ACME_JOB)
        # when
        payload = (await user.gql(TAILOR, {"input": {"jobId": job_id}}))["resumeTailor"]
        doc = await finished(user, payload["document"]["id"])
        node = (await user.gql(TAILORING, {"id": doc["id"]}))["node"]
        # then: the skills line lists the job's skills first, and missing ones are named
        tailoring = node["tailoring"]
        [skills] = tailoring["sections"]
        assert skills["section"] == "Skills" and skills["rewrites"][0]["suggested"].startswith("Python")
        assert "Kubernetes" in tailoring["missingKeywords"] and "PostgreSQL" in tailoring["missingKeywords"]
        # when the user accepts the rewrite
        decided = await user.gql(
            DECIDE, {"input": {"id": doc["id"], "sectionIndex": 0, "rewriteIndex": 0, "decision": "ACCEPTED"}}
        )
        decided = decided["tailoringRewriteDecide"]
        # then
        assert (
            decided["errors"] == [] and decided["document"]["tailoring"]["sections"][0]["rewrites"][0]["decision"] == "ACCEPTED"
        )
        assert "**Accepted:** Python" in decided["document"]["text"]

    async def test_with_a_model_the_tailoring_is_structured_output(self, client, worker, model):
        # given
        user = await signed_up(client)
        job_id = await create_job(user, **ACME_JOB)
        # when
        payload = (await user.gql(TAILOR, {"input": {"jobId": job_id}}))["resumeTailor"]
        await finished(user, payload["document"]["id"])
        node = (await user.gql(TAILORING, {"id": payload["document"]["id"]}))["node"]
        # then
        assert node["tailoring"]["sections"][0]["rewrites"][0] == {
            "original": "Worked on billing",
            "suggested": "Built the billing service in Python",
            "reason": "Action verb",
            "decision": None,
        }
        assert model.chat_requests[-1]["response_format"]["json_schema"]["name"] == "ResumeTailoring"

    async def test_a_decision_on_a_missing_rewrite_is_not_found(self, client, worker, offline):
        # given
        user = await signed_up(client)
        await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Java", "Python"]}})
        job_id = await create_job(user, **ACME_JOB)
        doc_id = (await user.gql(TAILOR, {"input": {"jobId": job_id}}))["resumeTailor"]["document"]["id"]
        await finished(user, doc_id)
        # when
        payload = await user.gql(DECIDE, {"input": {"id": doc_id, "sectionIndex": 0, "rewriteIndex": 9, "decision": "REJECTED"}})
        # then
        assert payload["tailoringRewriteDecide"]["errors"][0]["code"] == "NOT_FOUND"


class TestExport:
    async def test_markdown_pdf_and_docx(self, client, worker, offline):
        # given
        user, _, doc = await letter_for_new_user(client)
        path = f"/documents/{doc['id']}/export"
        headers = {"authorization": f"Bearer {user.token}"}
        # when
        md = await client.get(path, params={"format": "md"}, headers=headers)
        pdf = await client.get(path, params={"format": "pdf"}, headers=headers)
        word = await client.get(path, params={"format": "docx"}, headers=headers)
        # then
        assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
        assert (
            "Acme Robotics" in md.text
            and 'filename="cover-letter-senior-backend-engineer-at-acme-robotics.md"' in md.headers["content-disposition"]
        )
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
        assert word.status_code == 200 and zipfile.is_zipfile(io.BytesIO(word.content))
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
        assert "Acme Robotics" in text

    async def test_another_users_document_is_404_like_a_missing_one(self, client, worker, offline):
        # given
        _, _, doc = await letter_for_new_user(client)
        other = await signed_up(client)
        headers = {"authorization": f"Bearer {other.token}"}
        # when
        theirs = await client.get(f"/documents/{doc['id']}/export", headers=headers)
        missing = await client.get("/documents/RG9jdW1lbnQ6OTk5OTk5/export", headers=headers)
        # then
        assert theirs.status_code == missing.status_code == 404
        assert theirs.json() == missing.json() == {"error": {"message": "Document not found", "code": "NOT_FOUND"}}

    async def test_without_a_token_it_is_401(self, client, worker, offline):
        # given
        _, _, doc = await letter_for_new_user(client)
        # when
        response = await client.get(f"/documents/{doc['id']}/export")
        # then
        assert response.status_code == 401
