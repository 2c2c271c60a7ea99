"""Import a JSON Resume (jsonresume.org schema) into the profile and the journey."""

from __future__ import annotations

import json

from tests.support.account import owned_counts
from tests.support.graphql import signed_up

RESUME = {
    "basics": {"name": "Ada Example", "label": "Engineer", "location": {"city": "Berlin", "countryCode": "DE"}},
    "work": [
        {"name": "Initech", "position": "Engineer", "startDate": "2019-02-01", "endDate": "2022-06-30"},
        {"name": "Hooli", "position": "Senior Engineer", "startDate": "2022-07", "summary": "Platform team"},
    ],
    "education": [{"institution": "TU Berlin", "studyType": "MSc", "area": "Computer Science", "endDate": "2018"}],
    "skills": [{"name": "Backend", "keywords": ["Python", "PostgreSQL"]}],
    "languages": [{"language": "German", "fluency": "Native speaker"}, {"language": "French", "fluency": "B1"}],
}
VIEWER = """
query { viewer { skills preferredLocations languages { language level }
  journey { currentRole currentCompany roleStartedOn } } }
"""


async def send(user, body: bytes):
    headers = {"authorization": f"Bearer {user.token}", "content-type": "application/json"}
    return await user.client.post("/import/resume.json", content=body, headers=headers)


class TestJsonResume:
    async def test_it_fills_the_profile_and_the_journey(self, client):
        # given
        user = await signed_up(client)
        # when
        response = await send(user, json.dumps(RESUME).encode())
        # then
        assert response.status_code == 200, response.text
        assert response.json()["imported"] == {"skills": 3, "languages": 2, "milestones": 3}
        viewer = (await user.gql(VIEWER))["viewer"]
        assert viewer["skills"][1:] == ["Python", "PostgreSQL"] and viewer["preferredLocations"] == ["Berlin"]
        assert {(x["language"], x["level"]) for x in viewer["languages"]} == {("German", "NATIVE"), ("French", "B1")}
        assert viewer["journey"] == {"currentRole": "Senior Engineer", "currentCompany": "Hooli", "roleStartedOn": "2022-07-01"}
        assert (await owned_counts(user.user_id))["milestones"] == 3

    async def test_a_bad_date_is_refused_and_nothing_is_written(self, client):
        # given
        user = await signed_up(client)
        resume = json.loads(json.dumps(RESUME))
        resume["work"][1]["startDate"] = "summer 2022"
        # when
        response = await send(user, json.dumps(resume).encode())
        # then
        assert response.status_code == 400
        assert (
            response.json()["error"]["message"]
            == "work 2 startDate: 'summer 2022' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"
        )
        viewer = (await user.gql(VIEWER))["viewer"]
        assert viewer["skills"] == [] and (await owned_counts(user.user_id))["milestones"] == 0
