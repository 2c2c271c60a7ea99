from __future__ import annotations

from tests.support.graphql import signed_up
from tests.support.jobs import PROFILE_UPDATE
from tests.support.waiting import eventually

BREAKDOWN = "total band provisional parts { name score weight detail } matched missingMustHave missingNiceToHave explanation whatWouldRaiseIt"
JOB = f"query Job($id: ID!) {{ node(id: $id) {{ ... on Job {{ title matchScore scoreBreakdown {{ {BREAKDOWN} }} }} }} }}"
PROFILE = {"skills": ["Python", "PostgreSQL"], "preferredLocations": ["Berlin"], "experienceLevel": "SENIOR"}

FULL_STACK_JOB = {
    "company": "Acme",
    "title": "Senior Python Engineer",
    "location": "Berlin, Germany",
    "description": "Requirements: Python, PostgreSQL and Kubernetes. Nice to have: Go and Terraform.",
}


async def scored(user, job_id: str, total: int | None = None) -> dict:
    async def check():
        node = (await user.gql(JOB, {"id": job_id}))["node"]
        breakdown = node["scoreBreakdown"]
        return breakdown is not None and (total is None or breakdown["total"] == total) and node

    return await eventually(check)


async def profiled_user(client):
    user = await signed_up(client)
    await user.gql(PROFILE_UPDATE, {"input": PROFILE})
    return user
