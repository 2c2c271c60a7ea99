"""Prints the wall time of the test session at the end of the run (never asserted)."""

from __future__ import annotations

import time

import pytest

_started = time.monotonic()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    minutes, seconds = divmod(time.monotonic() - _started, 60)
    terminalreporter.write_line(f"test session wall time: {int(minutes)} min {seconds:.0f} s")
