"""Shared GraphQL documents and helpers for tests that need jobs and applications."""

from __future__ import annotations

from tests.support.graphql import Session

JOB_CREATE = """
mutation Create($input: JobCreateInput!) {
  jobCreate(input: $input) { job { id title matchScore } errors { field message code } }
}
"""
PROFILE_UPDATE = """
mutation Profile($input: ProfileUpdateInput!) {
  profileUpdate(input: $input) { user { skills } errors { field message code } }
}
"""
APPLICATION_CREATE = """
mutation Apply($input: ApplicationCreateInput!) {
  applicationCreate(input: $input) {
    application { id status appliedAt interviewAt offerAt decidedAt notes allowedTransitions job { title } }
    errors { field message code }
  }
}
"""
STRONG_PROFILE = {"skills": ["Python", "PostgreSQL"], "preferredLocations": ["Berlin"], "experienceLevel": "SENIOR"}
STRONG_JOB = {
    "company": "Acme",
    "title": "Senior Python Engineer",
    "location": "Berlin",
    "techStack": ["Python", "PostgreSQL"],
}


async def create_job(session: Session, **fields: object) -> str:
    payload = (await session.gql(JOB_CREATE, {"input": {"company": "Acme", "title": "Engineer", **fields}}))["jobCreate"]
    assert payload["errors"] == [], payload
    return payload["job"]["id"]


async def create_application(session: Session, job_id: str, status: str | None = None, notes: str | None = None) -> dict:
    variables: dict = {"jobId": job_id}
    if status:
        variables["status"] = status
    if notes is not None:
        variables["notes"] = notes
    return (await session.gql(APPLICATION_CREATE, {"input": variables}))["applicationCreate"]
