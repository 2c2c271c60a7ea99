"""Local job-board and web-page servers on loopback, and settings that point the sources at them."""

from __future__ import annotations

import pytest

from api.config import get_settings
from tests.discovery.servers import (  # noqa: F401 - fixtures
    LocalServer,
    _server_pair,
    http,
    other_server,
    server,
)


@pytest.fixture(scope="session")
def _boards():
    boards = LocalServer()
    yield boards
    boards.close()


@pytest.fixture
def board(_boards, monkeypatch) -> LocalServer:
    """A loopback server every source's base URL points at, fast-failing, with no rate limit."""
    _boards.reset()
    settings = get_settings()
    names = ("greenhouse", "lever", "lever_eu", "ashby", "remotive", "arbeitnow", "remoteok", "adzuna", "usajobs")
    monkeypatch.setattr(settings, "source_base_urls", dict.fromkeys(names, _boards.base))
    monkeypatch.setattr(settings, "source_min_interval", 0.0)
    monkeypatch.setattr(settings, "source_timeout", 3.0)
    monkeypatch.setattr(settings, "source_attempts", 1)
    return _boards
