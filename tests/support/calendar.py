"""GraphQL documents and helpers for follow-ups, interview appointments and the calendar feed."""

from __future__ import annotations

from tests.support.graphql import Session
from tests.support.jobs import PROFILE_UPDATE, create_application, create_job

ERRORS = "errors { field message code }"
APPLICATION_FIELDS = "id status appliedAt followUpOn"
INTERVIEW_FIELDS = "id startsAt timezone durationMinutes kind location link notes application { id status }"

APPLICATION_UPDATE = f"""
mutation Update($input: ApplicationUpdateInput!) {{
  applicationUpdate(input: $input) {{ application {{ {APPLICATION_FIELDS} notes }} {ERRORS} }}
}}
"""
APPLICATION_MOVE = f"""
mutation Move($input: ApplicationStatusUpdateInput!) {{
  applicationStatusUpdate(input: $input) {{ application {{ {APPLICATION_FIELDS} }} {ERRORS} }}
}}
"""
FOLLOW_UPS_DUE = "query Due { viewer { followUpsDue { id followUpOn job { title company } } } }"
INTERVIEW_CREATE = f"""
mutation Create($input: InterviewAppointmentCreateInput!) {{
  interviewAppointmentCreate(input: $input) {{ interview {{ {INTERVIEW_FIELDS} }} {ERRORS} }}
}}
"""
INTERVIEW_UPDATE = f"""
mutation Update($input: InterviewAppointmentUpdateInput!) {{
  interviewAppointmentUpdate(input: $input) {{ interview {{ {INTERVIEW_FIELDS} }} {ERRORS} }}
}}
"""
INTERVIEW_DELETE = f"""
mutation Delete($input: InterviewAppointmentDeleteInput!) {{
  interviewAppointmentDelete(input: $input) {{ deletedId {ERRORS} }}
}}
"""
UPCOMING = """
query Upcoming($first: Int) {
  viewer { upcomingInterviews(first: $first) { totalCount edges { node { id startsAt kind application { id job { title } } } } } }
}
"""
FEED = "query Feed { viewer { calendarFeed { active createdAt } } }"
FEED_CREATE = f"mutation {{ calendarFeedCreate(input: {{}}) {{ feed {{ active createdAt }} url {ERRORS} }} }}"
FEED_REVOKE = f"mutation {{ calendarFeedRevoke(input: {{}}) {{ feed {{ active createdAt }} url {ERRORS} }} }}"


async def set_timezone(session: Session, timezone: str) -> None:
    payload = (await session.gql(PROFILE_UPDATE, {"input": {"timezone": timezone}}))["profileUpdate"]
    assert payload["errors"] == [], payload


async def applied(session: Session, company: str = "Acme", title: str = "Engineer") -> str:
    """A new application in "applied"; its global id."""
    job_id = await create_job(session, company=company, title=title)
    payload = await create_application(session, job_id, status="APPLIED")
    assert payload["errors"] == [], payload
    return payload["application"]["id"]


async def update_application(session: Session, **input: object) -> dict:
    return (await session.gql(APPLICATION_UPDATE, {"input": input}))["applicationUpdate"]


async def move(session: Session, application_id: str, status: str) -> dict:
    return (await session.gql(APPLICATION_MOVE, {"input": {"id": application_id, "status": status}}))["applicationStatusUpdate"]


async def create_interview(session: Session, application_id: str, **fields: object) -> dict:
    input = {"applicationId": application_id, "startsAt": "2030-07-01T10:00:00+02:00", "timezone": "Europe/Berlin", **fields}
    return (await session.gql(INTERVIEW_CREATE, {"input": input}))["interviewAppointmentCreate"]


async def update_interview(session: Session, interview_id: str, **fields: object) -> dict:
    return (await session.gql(INTERVIEW_UPDATE, {"input": {"id": interview_id, **fields}}))["interviewAppointmentUpdate"]
