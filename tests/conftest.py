"""The test session: real PostgreSQL and Redis (tests/support/services.py), and every shared
fixture, loaded as plugins so no test module imports another folder's tests or conftest."""

from __future__ import annotations

import os

import pytest

from tests.support.services import session_services

os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")

pytest_plugins = [
    "tests.support.running",
    "tests.support.ai",
    "tests.support.servers",
    "tests.support.mail",
    "tests.support.push",
    "tests.support.timing",
    "tests.support.processes",
    "tests.support.outbox",
    "tests.support.oidc",
]


def pytest_configure(config: pytest.Config) -> None:
    session_services.start()
    from api.config import get_settings

    get_settings.cache_clear()


def pytest_unconfigure(config: pytest.Config) -> None:
    session_services.stop()
