"""Streaks: runs of consecutive local days with at least one progress entry (pure)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Streak:
    current: int  # days in the run that ends today, or yesterday (today is not over yet)
    longest: int
    last_active_on: date | None


def streak(days: Iterable[date], today: date) -> Streak:
    active = sorted(set(days), reverse=True)
    if not active:
        return Streak(0, 0, None)
    longest = run = 1
    for newer, older in itertools.pairwise(active):
        run = run + 1 if newer - older == timedelta(days=1) else 1
        longest = max(longest, run)
    current = 0
    if today - active[0] <= timedelta(days=1):
        current = 1
        for newer, older in itertools.pairwise(active):
            if newer - older != timedelta(days=1):
                break
            current += 1
    return Streak(current, longest, active[0])
