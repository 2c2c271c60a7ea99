"""GraphQL documents and helpers shared by the AI-assistance tests."""

from __future__ import annotations

from tests.support.graphql import Session
from tests.support.waiting import eventually

DOCUMENT_FIELDS = """
  id kind tone title status error errorCode offline text
  versions { number text source model promptTokens completionTokens totalTokens }
  job { id title }
"""
COVER_LETTER = f"""
mutation Letter($input: CoverLetterGenerateInput!) {{
  coverLetterGenerate(input: $input) {{ document {{ {DOCUMENT_FIELDS} }} errors {{ field message code }} }}
}}
"""
EMAIL = f"""
mutation Email($input: EmailDraftInput!) {{
  emailDraft(input: $input) {{ document {{ {DOCUMENT_FIELDS} }} errors {{ field message code }} }}
}}
"""
DOCUMENT = f"query Doc($id: ID!) {{ node(id: $id) {{ ... on Document {{ {DOCUMENT_FIELDS} }} }} }}"
ACME_JOB = {
    "company": "Acme Robotics",
    "title": "Senior Backend Engineer",
    "location": "Berlin",
    "techStack": ["Python", "PostgreSQL", "Kubernetes"],
    "description": "We build robot fleets. You will design APIs in Python and run them on Kubernetes.",
    "requirements": "- 5+ years of backend work\n- Python and PostgreSQL required\n- Kubernetes a plus",
}


async def document(session: Session, document_id: str) -> dict:
    return (await session.gql(DOCUMENT, {"id": document_id}))["node"]


async def finished(session: Session, document_id: str, timeout: float = 20.0) -> dict:
    """The document once the worker completed or failed it."""

    async def done():
        doc = await document(session, document_id)
        return doc if doc["status"] in ("COMPLETED", "FAILED") else None

    return await eventually(done, timeout=timeout)


async def cover_letter(session: Session, job_id: str, tone: str = "PROFESSIONAL") -> dict:
    payload = (await session.gql(COVER_LETTER, {"input": {"jobId": job_id, "tone": tone}}))["coverLetterGenerate"]
    assert payload["errors"] == [], payload
    return payload["document"]
