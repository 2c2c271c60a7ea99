from __future__ import annotations

import pytest

from api.resume.extract import ParsedResume
from api.resume.parser import parse_resume_pdf
from tests.support.pdfs import FIXTURES, TODAY


@pytest.fixture(scope="session")
def parsed_fixtures() -> dict[str, ParsedResume]:
    """Every fixture résumé parsed once (each parse is a sandboxed child process)."""
    return {p.name: parse_resume_pdf(p, today=TODAY) for p in sorted(FIXTURES.glob("*.pdf"))}
