"""Spoken languages, years per skill and total years on the profile: saved, validated, scored."""

from __future__ import annotations

from tests.support.graphql import signed_up
from tests.support.jobs import create_job
from tests.support.waiting import eventually

PROFILE = """
mutation Profile($input: ProfileUpdateInput!) {
  profileUpdate(input: $input) {
    user { skills languages { language level } skillYears { skill years } yearsExperience }
    errors { field message code }
  }
}
"""
VIEWER = "query { viewer { skills languages { language level } skillYears { skill years } yearsExperience } }"
EXPLANATION = "query Job($id: ID!) { node(id: $id) { ... on Job { matchScore scoreBreakdown { explanation } } } }"
POSTING = {
    "company": "Acme",
    "title": "Backend Engineer",
    "location": "Berlin, Germany",
    "description": "Requirements:\n- 5+ years of Python\n- Fluent German\n- PostgreSQL",
}


class TestProfileLanguagesAndYears:
    async def test_saves_languages_in_english_names_and_years_per_skill(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (
            await user.gql(
                PROFILE,
                {
                    "input": {
                        "languages": [{"language": "Deutsch", "level": "B2"}, {"language": "english", "level": "NATIVE"}],
                        "skillYears": [{"skill": "python", "years": 6}],
                        "yearsExperience": 7.5,
                    }
                },
            )
        )["profileUpdate"]
        # then: the skill with years joins the skills
        assert payload["errors"] == []
        assert payload["user"] == {
            "skills": ["Python"],
            "languages": [{"language": "German", "level": "B2"}, {"language": "English", "level": "NATIVE"}],
            "skillYears": [{"skill": "Python", "years": 6.0}],
            "yearsExperience": 7.5,
        }

    async def test_negative_years_and_duplicate_languages_are_field_errors_and_nothing_is_written(self, client):
        # given
        user = await signed_up(client)
        bad = {
            "languages": [{"language": "German", "level": "B2"}, {"language": "Deutsch", "level": "C1"}],
            "skillYears": [{"skill": "Python", "years": -1}],
            "yearsExperience": 61,
            "skills": ["Go"],
        }
        # when
        payload = (await user.gql(PROFILE, {"input": bad}))["profileUpdate"]
        viewer = (await user.gql(VIEWER))["viewer"]
        # then
        assert payload["user"] is None
        assert {(e["field"], e["code"]) for e in payload["errors"]} == {
            ("languages", "DUPLICATE"),
            ("skillYears", "OUT_OF_RANGE"),
            ("yearsExperience", "OUT_OF_RANGE"),
        }
        assert viewer == {"skills": [], "languages": [], "skillYears": [], "yearsExperience": None}

    async def test_duplicate_skill_years_and_too_many_languages_are_refused(self, client):
        # given
        user = await signed_up(client)
        many = [{"language": f"Lang{chr(97 + i)}", "level": "A1"} for i in range(21)]
        # when
        payload = (
            await user.gql(
                PROFILE,
                {"input": {"languages": many, "skillYears": [{"skill": "py", "years": 2}, {"skill": "Python", "years": 3}]}},
            )
        )["profileUpdate"]
        # then
        assert {(e["field"], e["code"]) for e in payload["errors"]} == {("languages", "TOO_LONG"), ("skillYears", "DUPLICATE")}
        assert (await user.gql(VIEWER))["viewer"]["skillYears"] == []

    async def test_a_level_outside_the_vocabulary_is_refused_by_the_schema(self, client):
        # given
        user = await signed_up(client)
        # when
        body = await user.raw(PROFILE, {"input": {"languages": [{"language": "German", "level": "D9"}]}})
        # then
        assert "D9" in body["errors"][0]["message"]
        assert (await user.gql(VIEWER))["viewer"]["languages"] == []

    async def test_a_language_name_must_be_words(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(PROFILE, {"input": {"languages": [{"language": "<script>", "level": "B2"}]}}))["profileUpdate"]
        # then
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [("languages", "INVALID")]

    async def test_removing_a_skill_drops_its_years(self, client):
        # given
        user = await signed_up(client)
        await user.gql(PROFILE, {"input": {"skillYears": [{"skill": "Python", "years": 6}, {"skill": "Go", "years": 2}]}})
        # when
        payload = (await user.gql(PROFILE, {"input": {"skills": ["Go"]}}))["profileUpdate"]
        # then
        assert payload["user"]["skillYears"] == [{"skill": "Go", "years": 2.0}]


class TestScoredLanguagesAndYears:
    async def test_languages_and_years_rescore_the_jobs_and_are_matched_in_the_explanation(self, client, worker):
        # given: a job asking fluent German and 5+ years of Python, scored against basic German and 3 years
        user = await signed_up(client)
        await user.gql(
            PROFILE,
            {
                "input": {
                    "skills": ["PostgreSQL"],
                    "languages": [{"language": "German", "level": "A2"}],
                    "skillYears": [{"skill": "Python", "years": 3}],
                }
            },
        )
        job_id = await create_job(user, **POSTING)

        async def node():
            return (await user.gql(EXPLANATION, {"id": job_id}))["node"]

        before = await eventually(lambda: _scored(node))
        assert "Languages: it asks for German; you do not list German." in before["scoreBreakdown"]["explanation"]
        assert any("5+ years of Python asked, you have 3" in line for line in before["scoreBreakdown"]["explanation"])
        # when
        await user.gql(
            PROFILE,
            {"input": {"languages": [{"language": "German", "level": "B2"}], "skillYears": [{"skill": "Python", "years": 6}]}},
        )
        # then
        after = await eventually(lambda: _changed(node, before))
        lines = after["scoreBreakdown"]["explanation"]
        assert "Languages: it asks for German, which you speak." in lines
        assert any(line.startswith("Skill years:") and "you have 6" in line for line in lines), lines
        assert after["matchScore"] > before["matchScore"]


async def _scored(node):
    n = await node()
    return n["matchScore"] is not None and n


async def _changed(node, before):
    n = await node()
    return n["scoreBreakdown"]["explanation"] != before["scoreBreakdown"]["explanation"] and n
