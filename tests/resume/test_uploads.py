"""Résumé uploads over real HTTP, parsed by the real worker in the sandbox."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.db import read_session
from api.graphql.relay import decode_id
from api.models import SkillSnapshot
from tests.support.graphql import signed_up
from tests.support.jobs import create_job
from tests.support.pdfs import FIXTURES, many_pages_pdf, text_pdf
from tests.support.resume_text import LANGUAGES_RESUME
from tests.support.waiting import eventually

UPLOAD = """
query Upload($id: ID!) {
  node(id: $id) { ... on ResumeUpload {
    id filename size status error errorCode
    parsed { name email skills { name mentions evidence } experience { title company } totalYears experienceLevel pages
      languages { language level } skillYears { skill years } }
    suggestions { id kind value reason accepted dismissed }
  } }
}
"""
ACCEPT = """
mutation Accept($input: ResumeSuggestionAcceptInput!) {
  resumeSuggestionAccept(input: $input) {
    upload { suggestions { id accepted } } user { skills experienceLevel } errors { field message code }
  }
}
"""
ACCEPT_ALL = """
mutation AcceptAll($input: ResumeSuggestionsInput!) {
  resumeSuggestionsAccept(input: $input) {
    upload { suggestions { id kind value accepted dismissed } } user { skills experienceLevel } errors { field message code }
  }
}
"""
DISMISS = """
mutation Dismiss($input: ResumeSuggestionsInput!) {
  resumeSuggestionsDismiss(input: $input) { upload { suggestions { id accepted dismissed } } errors { field message code } }
}
"""
PROFILE_FIELDS = "query { viewer { skills languages { language level } skillYears { skill years } yearsExperience } }"
UPLOADS = "query { resumeUploads { totalCount edges { node { id status } } } }"
JOB_SCORE = "query Job($id: ID!) { node(id: $id) { ... on Job { matchScore } } }"

# Written by hand after reading each file (taxonomy spellings: Kafka is "Apache Kafka").
EXPECTED_SKILLS = {
    "john_doe.pdf": {
        "Java",
        "Spring Boot",
        "Hibernate",
        "Angular",
        "TypeScript",
        "MySQL",
        "MongoDB",
        "Docker",
        "JUnit",
    },
    "barry_allen_fe.pdf": {"JavaScript", "React", "Redux", "Vue.js", "Node.js", "Webpack", "GraphQL", "Firebase"},
    "single-column.pdf": {
        "Go",
        "PostgreSQL",
        "Redis",
        "Kubernetes",
        "Terraform",
        "gRPC",
        "Apache Kafka",
        "Elasticsearch",
    },
    "sourabh_bajaj_resume.pdf": {"Python", "TensorFlow", "Hadoop", "Cassandra", "Amazon Redshift"},
}


async def upload(client, session, content: bytes, filename: str = "resume.pdf", content_type: str = "application/pdf"):
    return await client.post(
        "/uploads/resume",
        files={"file": (filename, content, content_type)},
        headers={"authorization": f"Bearer {session.token}"},
    )


async def parsed(session, upload_id: str) -> dict:
    async def done():
        node = (await session.gql(UPLOAD, {"id": upload_id}))["node"]
        return node if node["status"] != "PENDING" else None

    return await eventually(done, timeout=40)


async def uploaded(client, session, content: bytes, filename: str = "resume.pdf") -> dict:
    response = await upload(client, session, content, filename)
    assert response.status_code == 202, response.text
    return await parsed(session, response.json()["id"])


class TestUploadRealResumes:
    @pytest.mark.parametrize("name", sorted(EXPECTED_SKILLS))
    async def test_skills_are_found_and_suggested(self, client, worker, name):
        # given
        user = await signed_up(client)
        # when
        node = await uploaded(client, user, (FIXTURES / name).read_bytes(), name)
        # then
        assert node["status"] == "COMPLETED", node
        assert node["filename"] == name and node["error"] is None
        found = {s["name"] for s in node["parsed"]["skills"]}
        assert EXPECTED_SKILLS[name] <= found, EXPECTED_SKILLS[name] - found
        suggested = {s["value"] for s in node["suggestions"] if s["kind"] == "SKILL_ADD"}
        assert EXPECTED_SKILLS[name] <= suggested or len(suggested) == 15  # at most 15 skill suggestions
        assert all(not s["accepted"] for s in node["suggestions"])

    async def test_the_answer_is_a_pending_upload_at_once(self, client, worker):
        # given
        user = await signed_up(client)
        # when
        response = await upload(client, user, (FIXTURES / "john_doe.pdf").read_bytes(), "john_doe.pdf")
        # then
        body = response.json()
        assert response.status_code == 202 and body["status"] == "PENDING" and body["filename"] == "john_doe.pdf"
        assert (await parsed(user, body["id"]))["parsed"]["name"] == "John Doe"


class TestAcceptSuggestion:
    async def test_an_accepted_skill_joins_the_profile_rescores_jobs_and_a_snapshot(self, client, worker):
        # given: a Java job scored against an empty profile, and a parsed Java résumé
        user = await signed_up(client)
        job_id = await create_job(user, company="Acme", title="Java Developer", techStack=["Java"])

        async def score():
            return (await user.gql(JOB_SCORE, {"id": job_id}))["node"]["matchScore"]

        before = await eventually(lambda: score())
        node = await uploaded(client, user, (FIXTURES / "john_doe.pdf").read_bytes())
        java = next(s for s in node["suggestions"] if s["kind"] == "SKILL_ADD" and s["value"] == "Java")
        # when
        payload = (await user.gql(ACCEPT, {"input": {"uploadId": node["id"], "suggestionId": java["id"]}}))[
            "resumeSuggestionAccept"
        ]
        # then
        assert payload["errors"] == [] and payload["user"]["skills"] == ["Java"]
        assert next(s for s in payload["upload"]["suggestions"] if s["id"] == java["id"])["accepted"] is True
        assert await eventually(lambda: _higher(score, before))
        user_id = decode_id(user.user_id, "User")
        async with read_session() as session:
            snapshot = (await session.execute(select(SkillSnapshot).where(SkillSnapshot.user_id == user_id))).scalar_one()
        assert "Java" in snapshot.skills

    async def test_a_level_suggestion_sets_the_experience_level(self, client, worker):
        # given
        user = await signed_up(client)
        node = await uploaded(client, user, (FIXTURES / "single-column.pdf").read_bytes())
        level = next(s for s in node["suggestions"] if s["kind"] == "LEVEL")
        # when
        payload = (await user.gql(ACCEPT, {"input": {"uploadId": node["id"], "suggestionId": level["id"]}}))[
            "resumeSuggestionAccept"
        ]
        # then
        assert payload["errors"] == [] and payload["user"]["experienceLevel"] == level["value"].upper()

    async def test_language_years_and_total_suggestions_fill_the_profile(self, client, worker):
        # given: a parsed PDF résumé with a Languages section, "5 years of Python" and dated positions
        user = await signed_up(client)
        node = await uploaded(client, user, text_pdf(LANGUAGES_RESUME.splitlines()), "ana.pdf")
        assert node["parsed"]["languages"] == [{"language": "English", "level": "NATIVE"}, {"language": "Spanish", "level": "B1"}]
        assert {"skill": "Python", "years": 5.0} in node["parsed"]["skillYears"]
        by_kind = {s["kind"]: s for s in node["suggestions"] if s["kind"] in ("LANGUAGE", "SKILL_YEARS", "YEARS_EXPERIENCE")}
        spanish = next(s for s in node["suggestions"] if s["kind"] == "LANGUAGE" and s["value"] == "Spanish (B1)")
        python = next(s for s in node["suggestions"] if s["kind"] == "SKILL_YEARS" and s["value"] == "Python: 5 years")
        # when
        for suggestion in (spanish, python, by_kind["YEARS_EXPERIENCE"]):
            payload = await user.gql(ACCEPT, {"input": {"uploadId": node["id"], "suggestionId": suggestion["id"]}})
            assert payload["resumeSuggestionAccept"]["errors"] == []
        # then
        profile = (await user.gql(PROFILE_FIELDS))["viewer"]
        assert {"language": "Spanish", "level": "B1"} in profile["languages"]
        assert {"skill": "Python", "years": 5.0} in profile["skillYears"] and "Python" in profile["skills"]
        assert profile["yearsExperience"] == 4.0  # Jan 2018 – Dec 2021

    async def test_an_unknown_suggestion_is_not_found(self, client, worker):
        # given
        user = await signed_up(client)
        node = await uploaded(client, user, (FIXTURES / "john_doe.pdf").read_bytes())
        # when
        payload = (await user.gql(ACCEPT, {"input": {"uploadId": node["id"], "suggestionId": "s999"}}))["resumeSuggestionAccept"]
        # then
        assert payload["errors"] == [{"field": "suggestionId", "message": "Suggestion not found", "code": "NOT_FOUND"}]

    async def test_another_users_upload_is_not_found(self, client, worker):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        node = await uploaded(client, owner, (FIXTURES / "john_doe.pdf").read_bytes())
        # when
        payload = (await other.gql(ACCEPT, {"input": {"uploadId": node["id"], "suggestionId": "s1"}}))["resumeSuggestionAccept"]
        seen = (await other.gql(UPLOAD, {"id": node["id"]}))["node"]
        # then
        assert payload["errors"] == [{"field": "uploadId", "message": "Résumé upload not found", "code": "NOT_FOUND"}]
        assert seen is None


class TestAcceptAllAndDismiss:
    async def test_accept_all_applies_every_open_suggestion_at_once(self, client, worker):
        # given a parsed résumé whose first skill suggestion was dismissed
        user = await signed_up(client)
        node = await uploaded(client, user, (FIXTURES / "john_doe.pdf").read_bytes())
        skills = [s for s in node["suggestions"] if s["kind"] == "SKILL_ADD"]
        await user.gql(DISMISS, {"input": {"uploadId": node["id"], "suggestionIds": [skills[0]["id"]]}})
        # when
        payload = (await user.gql(ACCEPT_ALL, {"input": {"uploadId": node["id"]}}))["resumeSuggestionsAccept"]
        # then every other suggestion is accepted and its skill is in the profile; the dismissed one is not
        assert payload["errors"] == []
        states = {s["id"]: (s["accepted"], s["dismissed"]) for s in payload["upload"]["suggestions"]}
        assert states[skills[0]["id"]] == (False, True)
        assert all(states[s["id"]] == (True, False) for s in node["suggestions"] if s["id"] != skills[0]["id"])
        assert {s["value"] for s in skills[1:]} <= set(payload["user"]["skills"])

    async def test_dismiss_all_hides_every_open_suggestion_and_keeps_the_profile(self, client, worker):
        # given one accepted suggestion
        user = await signed_up(client)
        node = await uploaded(client, user, (FIXTURES / "john_doe.pdf").read_bytes())
        first = node["suggestions"][0]
        await user.gql(ACCEPT, {"input": {"uploadId": node["id"], "suggestionId": first["id"]}})
        # when
        payload = (await user.gql(DISMISS, {"input": {"uploadId": node["id"]}}))["resumeSuggestionsDismiss"]
        # then
        assert payload["errors"] == []
        states = {s["id"]: (s["accepted"], s["dismissed"]) for s in payload["upload"]["suggestions"]}
        assert states.pop(first["id"]) == (True, False)
        assert set(states.values()) == {(False, True)}
        assert (await user.gql(PROFILE_FIELDS))["viewer"]["skills"] == [first["value"]]

    async def test_an_unknown_id_among_several_accepts_none(self, client, worker):
        # given
        user = await signed_up(client)
        node = await uploaded(client, user, (FIXTURES / "john_doe.pdf").read_bytes())
        ids = [node["suggestions"][0]["id"], "s999"]
        # when
        payload = (await user.gql(ACCEPT_ALL, {"input": {"uploadId": node["id"], "suggestionIds": ids}}))[
            "resumeSuggestionsAccept"
        ]
        # then nothing was written
        assert payload["errors"] == [{"field": "suggestionIds", "message": "Suggestion not found", "code": "NOT_FOUND"}]
        assert not any(s["accepted"] for s in (await parsed(user, node["id"]))["suggestions"])
        assert (await user.gql(PROFILE_FIELDS))["viewer"]["skills"] == []

    async def test_another_users_upload_is_not_found(self, client, worker):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        node = await uploaded(client, owner, (FIXTURES / "john_doe.pdf").read_bytes())
        # when
        accepted = (await other.gql(ACCEPT_ALL, {"input": {"uploadId": node["id"]}}))["resumeSuggestionsAccept"]
        dismissed = (await other.gql(DISMISS, {"input": {"uploadId": node["id"]}}))["resumeSuggestionsDismiss"]
        # then
        error = [{"field": "uploadId", "message": "Résumé upload not found", "code": "NOT_FOUND"}]
        assert accepted["errors"] == error and dismissed["errors"] == error
        assert not any(s["accepted"] or s["dismissed"] for s in (await parsed(owner, node["id"]))["suggestions"])

    async def test_reasons_say_once_and_times(self, client, worker):
        user = await signed_up(client)
        node = await uploaded(client, user, (FIXTURES / "john_doe.pdf").read_bytes())
        reasons = [s["reason"] for s in node["suggestions"] if s["kind"] == "SKILL_ADD"]
        assert not any("time(s)" in r for r in reasons)
        assert any(" once, e.g." in r or " times, e.g." in r for r in reasons)


async def _higher(score, before):
    now = await score()
    return now is not None and now > before


class TestBadFiles:
    async def test_a_non_pdf_fails_with_a_clear_reason(self, client, worker):
        # given
        user = await signed_up(client)
        # when
        node = await uploaded(client, user, b"Just some plain text, not a document.", "notes.txt")
        # then
        assert node["status"] == "FAILED" and node["errorCode"] == "NOT_PDF"
        assert node["error"] == "The file is not a PDF or DOCX document." and node["parsed"] is None

    async def test_a_corrupt_pdf_fails(self, client, worker):
        # given: the first half of a real PDF
        user = await signed_up(client)
        data = (FIXTURES / "john_doe.pdf").read_bytes()
        # when
        node = await uploaded(client, user, data[: len(data) // 2])
        # then
        assert node["status"] == "FAILED" and node["errorCode"] == "CORRUPT"
        assert "truncated or incomplete" in node["error"]

    async def test_too_many_pages_fails(self, client, worker):
        # given
        user = await signed_up(client)
        # when
        node = await uploaded(client, user, many_pages_pdf(25))
        # then
        assert node["status"] == "FAILED" and node["errorCode"] == "TOO_MANY_PAGES"
        assert node["error"] == "The PDF has about 25 pages; résumés are limited to 20."

    async def test_the_worker_survives_bad_files(self, client, worker):
        # given: a run of bad uploads
        user = await signed_up(client)
        for bad in (b"%PDF-1.4 garbage", b"PK\x03\x04 not a zip", many_pages_pdf(40)):
            assert (await uploaded(client, user, bad))["status"] == "FAILED"
        # when
        node = await uploaded(client, user, text_pdf(["Jane Roe", "Skills", "Python, PostgreSQL, Docker"]))
        # then
        assert node["status"] == "COMPLETED" and {"Python", "PostgreSQL", "Docker"} <= {
            s["name"] for s in node["parsed"]["skills"]
        }

    async def test_an_oversized_file_is_refused_with_413_and_not_stored(self, client, worker):
        # given: one byte over the 5 MB cap
        user = await signed_up(client)
        # when
        response = await upload(client, user, b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 - 8))
        # then
        assert response.status_code == 413
        assert response.json() == {"error": {"message": "The file is larger than the 5.0 MB limit.", "code": "TOO_LARGE"}}
        assert (await user.gql(UPLOADS))["resumeUploads"]["totalCount"] == 0

    async def test_a_body_far_over_the_cap_is_cut_off_while_streaming(self, client, worker):
        # given
        user = await signed_up(client)

        async def body():
            yield b'--x\r\nContent-Disposition: form-data; name="file"; filename="r.pdf"\r\n\r\n%PDF-1.4\n'
            for _ in range(7):
                yield b"0" * (1024 * 1024)

        # when: no content-length, so only counting while it streams can stop it
        response = await client.post(
            "/uploads/resume",
            content=body(),
            headers={"authorization": f"Bearer {user.token}", "content-type": "multipart/form-data; boundary=x"},
        )
        # then
        assert response.status_code == 413
        assert (await user.gql(UPLOADS))["resumeUploads"]["totalCount"] == 0


class TestUploadRequest:
    async def test_without_a_token_it_is_401(self, client):
        # given / when
        response = await client.post("/uploads/resume", files={"file": ("r.pdf", b"%PDF-1.4", "application/pdf")})
        # then
        assert response.status_code == 401 and response.json()["error"]["code"] == "UNAUTHENTICATED"

    async def test_a_body_that_is_not_multipart_is_415(self, client):
        # given
        user = await signed_up(client)
        # when
        response = await client.post("/uploads/resume", content=b"%PDF-1.4", headers={"authorization": f"Bearer {user.token}"})
        # then
        assert response.status_code == 415

    async def test_a_form_without_the_file_field_is_400(self, client):
        # given
        user = await signed_up(client)
        # when
        response = await client.post(
            "/uploads/resume",
            data={"name": "x"},
            files={"other": ("r.pdf", b"x")},
            headers={"authorization": f"Bearer {user.token}"},
        )
        # then
        assert response.status_code == 400 and response.json()["error"]["message"] == "No file in the 'file' field."


class TestModelRefinement:
    async def test_the_model_refines_entries_and_our_rules_recompute_years_and_level(self, client, worker, model):
        # given
        user = await signed_up(client)
        # when
        node = await uploaded(client, user, (FIXTURES / "john_doe.pdf").read_bytes())
        # then: the model's entries, but years, level and skills computed by us
        assert node["status"] == "COMPLETED"
        assert node["parsed"]["name"] == "Johnathan Doe"
        assert [e["company"] for e in node["parsed"]["experience"]] == ["Initech", "Globex"]
        assert node["parsed"]["totalYears"] >= 14 and node["parsed"]["experienceLevel"] == "LEAD"
        assert {"Java", "Spring Boot"} <= {s["name"] for s in node["parsed"]["skills"]}
        request = model.chat_requests[-1]
        assert request["response_format"]["json_schema"]["name"] == "ResumeRefinement"
        assert "<<<RESUME\n" in request["messages"][1]["content"]

    async def test_a_failing_model_keeps_the_rule_based_parse(self, client, worker, model):
        # given
        model.fail_next(500, times=3)
        user = await signed_up(client)
        # when
        node = await uploaded(client, user, (FIXTURES / "john_doe.pdf").read_bytes())
        # then
        assert node["status"] == "COMPLETED" and node["parsed"]["name"] == "John Doe"
