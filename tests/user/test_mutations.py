from __future__ import annotations

from tests.support.graphql import signed_up

PROFILE = """
mutation Profile($input: ProfileUpdateInput!) {
  profileUpdate(input: $input) { user { skills preferredLocations experienceLevel timezone } errors { field message code } }
}
"""
VIEWER = "query { viewer { skills experienceLevel timezone } }"


class TestProfileUpdate:
    async def test_saves_canonical_deduplicated_skills(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (
            await user.gql(
                PROFILE,
                {
                    "input": {
                        "skills": ["js", "JavaScript", " k8s "],
                        "experienceLevel": "LEAD",
                        "timezone": "Europe/Berlin",
                    }
                },
            )
        )["profileUpdate"]
        # then
        assert payload["errors"] == []
        assert payload["user"] == {
            "skills": ["JavaScript", "Kubernetes"],
            "preferredLocations": [],
            "experienceLevel": "LEAD",
            "timezone": "Europe/Berlin",
        }

    async def test_unknown_timezone_and_overlong_skill_write_nothing(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(PROFILE, {"input": {"skills": ["x" * 81], "timezone": "Mars/Olympus"}}))["profileUpdate"]
        viewer = (await user.gql(VIEWER))["viewer"]
        # then
        assert {(e["field"], e["code"]) for e in payload["errors"]} == {("skills", "TOO_LONG"), ("timezone", "INVALID")}
        assert viewer == {"skills": [], "experienceLevel": "MID", "timezone": "UTC"}

    async def test_an_unknown_experience_level_is_refused_by_the_schema(self, client):
        # given
        user = await signed_up(client)
        # when
        body = await user.raw(PROFILE, {"input": {"experienceLevel": "WIZARD"}})
        # then
        assert "WIZARD" in body["errors"][0]["message"]
