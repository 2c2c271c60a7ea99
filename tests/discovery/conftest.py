"""Local job-board and web-page servers on loopback, and settings that point the sources at them."""

from __future__ import annotations

import pytest

from api.config import get_settings
from tests.source.conftest import LocalServer


@pytest.fixture(scope="session")
def _boards():
    server = LocalServer()
    yield server
    server.close()


@pytest.fixture
def board(_boards, monkeypatch) -> LocalServer:
    """A loopback server every source's base URL points at, fast-failing, with no rate limit."""
    _boards.reset()
    settings = get_settings()
    names = ("greenhouse", "lever", "lever_eu", "ashby", "remotive", "arbeitnow", "remoteok", "adzuna", "usajobs")
    monkeypatch.setattr(settings, "source_base_urls", {name: _boards.base for name in names})
    monkeypatch.setattr(settings, "source_min_interval", 0.0)
    monkeypatch.setattr(settings, "source_timeout", 3.0)
    monkeypatch.setattr(settings, "source_attempts", 1)
    return _boards
