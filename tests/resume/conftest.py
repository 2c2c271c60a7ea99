from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from api.resume.extract import ParsedResume
from api.resume.parser import parse_resume_pdf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "resumes"
TODAY = date(2025, 6, 1)


@pytest.fixture(scope="session")
def parsed_fixtures() -> dict[str, ParsedResume]:
    """Every fixture résumé parsed once (each parse is a sandboxed child process)."""
    return {p.name: parse_resume_pdf(p, today=TODAY) for p in sorted(FIXTURES.glob("*.pdf"))}


from tests.support.ai import fake_openai, model, offline  # noqa: E402,F401
