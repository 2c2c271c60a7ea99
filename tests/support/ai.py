"""A configured model for tests: the fake OpenAI-compatible server on loopback, and settings that
point the app and the worker at it (the same cached Settings object; restored afterwards)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.fakes.openai_server import FakeOpenAIServer

LETTER = (
    "Dear Hiring Team at Acme Robotics,\n\nI am excited to apply for the Senior Backend Engineer role. I have built "
    "Python services on PostgreSQL for years and would bring that to your team.\n\nSincerely,\nAda"
)
REPLIES: dict[str, dict[str, Any]] = {
    "EmailDraft": {
        "kind": "follow_up",
        "subject": "Following up",
        "body": "Hello, I am following up on my application. Best, Ada",
    },
    "ResumeTailoring": {
        "summary": "Lead with Python and PostgreSQL.",
        "sections": [
            {
                "section": "Experience",
                "suggested_rewrites": [
                    {
                        "original": "Worked on billing",
                        "suggested": "Built the billing service in Python",
                        "reason": "Action verb",
                    }
                ],
                "keywords_to_surface": ["Python"],
            }
        ],
        "missing_keywords": ["Kubernetes"],
    },
    "InterviewQuestionSet": {
        "questions": [
            {
                "text": "Tell me about a time you untangled a flaky deploy pipeline.",
                "kind": "behavioral",
                "skill": None,
                "expected_concepts": [],
            },
            {
                "text": "How would you index a PostgreSQL table for range queries?",
                "kind": "technical",
                "skill": "PostgreSQL",
                "expected_concepts": ["b-tree", "range scan"],
            },
            {
                "text": "Why do you want to work on robotics software?",
                "kind": "general",
                "skill": None,
                "expected_concepts": ["motivation"],
            },
        ]
    },
    "ResumeRefinement": {
        "name": "Johnathan Doe",
        "experience": [
            {"title": "Principal Engineer", "company": "Initech", "start": "2014-01", "end": None, "current": True},
            {"title": "Developer", "company": "Globex", "start": "2010-01", "end": "2013-12", "current": False},
        ],
        "education": [{"degree": "BSc Computer Science", "institution": "State University", "year": 2009}],
        "certifications": ["AWS Certified Developer"],
    },
    "RefinedFeedback": {
        "strengths": ["You named the tool you used."],
        "improvements": ["Say what the outcome was."],
        "stronger_answer_outline": ["Context", "Your action", "Measured result"],
    },
}


def schema_name(body: dict[str, Any]) -> str | None:
    """Which schema a chat request asks for: from response_format, or from the JSON prompt fallback."""
    rf = body.get("response_format") or {}
    name = (rf.get("json_schema") or {}).get("name")
    if name:
        return name
    system = body["messages"][0]["content"]
    return next((n for n in REPLIES if f'"title":"{n}"' in system), None)


def smart_reply(body: dict[str, Any]) -> str:
    name = schema_name(body)
    if name in REPLIES:
        return json.dumps(REPLIES[name])
    return LETTER


@pytest.fixture(scope="session")
def fake_openai():
    server = FakeOpenAIServer(models=["fake-model"], api_key="test-key").start()
    yield server
    server.stop()


@pytest.fixture
async def model(fake_openai: FakeOpenAIServer, monkeypatch):
    """AI settings pointing at the fake server (OPENAI_MODEL etc.), for the API and the worker."""
    from api.ai import client
    from api.config import get_settings

    fake_openai.reset()
    fake_openai.default_reply = smart_reply
    settings = get_settings()
    for name, value in {
        "openai_model": "fake-model",
        "openai_base_url": fake_openai.base_url,
        "openai_api_key": "test-key",
        "ai_timeout": 3.0,
        "ai_daily_token_budget": 200_000,
        "ai_requests_per_minute": 100,
    }.items():
        monkeypatch.setattr(settings, name, value)
    await client.close()
    yield fake_openai
    await client.close()


@pytest.fixture
async def offline(monkeypatch):
    """No model configured: the offline engine answers (the default; explicit for readability)."""
    from api.ai import client
    from api.config import get_settings

    monkeypatch.setattr(get_settings(), "openai_model", "")
    await client.close()
    yield
    await client.close()
