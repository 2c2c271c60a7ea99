"""Import a CSV of past applications with their real dates."""

from __future__ import annotations

import csv
import io

from tests.support.account import owned_counts
from tests.support.graphql import signed_up


async def send(user, text: str):
    headers = {"authorization": f"Bearer {user.token}", "content-type": "text/csv"}
    return await user.client.post("/import/applications.csv", content=text.encode(), headers=headers)


GOOD = """company,title,status,applied_at,interview_at,location
Initech,Backend Engineer,rejected,2025-03-02,2025-03-20,Remote
Hooli,Platform Engineer,applied,2025-04-11,,Berlin
"""


class TestPastApplications:
    async def test_they_arrive_with_their_real_dates_and_history(self, client):
        # given
        user = await signed_up(client)
        # when
        response = await send(user, GOOD)
        # then
        assert response.status_code == 200 and response.json() == {"imported": {"applications": 2}}
        exported = await client.get("/export/applications.csv", headers={"authorization": f"Bearer {user.token}"})
        rows = list(csv.DictReader(io.StringIO(exported.text)))
        assert [(r["company"], r["status"], r["applied_at"][:10]) for r in rows] == [
            ("Initech", "rejected", "2025-03-02"),
            ("Hooli", "applied", "2025-04-11"),
        ]
        assert [p.split("@")[0] for p in rows[0]["status_history"].split("; ")] == [
            "→applied",
            "applied→interview",
            "interview→rejected",
        ]

    async def test_a_bad_date_names_its_line_and_nothing_is_written(self, client):
        # given
        user = await signed_up(client)
        text = GOOD + "Umbrella,SRE,applied,31/02/2025,,\n"
        # when
        response = await send(user, text)
        # then
        assert response.status_code == 400
        assert response.json()["error"]["message"] == (
            "Nothing was imported: line 4: applied_at '31/02/2025' is not a date (use YYYY-MM-DD)"
        )
        counts = await owned_counts(user.user_id)
        assert counts["jobs"] == 0 and counts["applications"] == 0

    async def test_a_file_without_the_columns_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        response = await send(user, "name,when\nx,y\n")
        # then
        assert response.status_code == 400 and "company, title" in response.json()["error"]["message"]
