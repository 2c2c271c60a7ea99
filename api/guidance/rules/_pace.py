"""How a person usually works on goals and how fast a goal moves, for the check-in, the deadline and
the welcome-back rules. Pure: everything comes from `UserFacts`.

* usual gap: 7 / active days per week from the journey's cached learning patterns (cadence), when
  the patterns say they are sufficient; else unknown (None).
* last activity of a goal: the local date of its newest progress entry, else the day it started.
* pace: progress points per active day (a local date with a progress entry that added points),
  turned into calendar days by the usual gap (or by how the goal's own days were spread)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from api.dates import local_date
from api.guidance.facts import GoalFact, UserFacts

MAX_PLAN_DAYS = 730  # a proposed date never lies further out than two years


def today(facts: UserFacts) -> date:
    return local_date(facts.now, facts.timezone)


def usual_gap_days(patterns: Any) -> float | None:
    """Days between two active days, from the learning patterns' cadence; None when not known."""
    cadence = patterns.get("cadence") if isinstance(patterns, Mapping) else None
    if not isinstance(cadence, Mapping) or not cadence.get("sufficient"):
        return None
    per_week = cadence.get("active_days_per_week")
    if not isinstance(per_week, int | float) or per_week <= 0:
        return None
    return 7 / min(float(per_week), 7.0)


def usual_wording(gap: float | None) -> str:
    """ "daily", "every 3 days", "weekly" — how often the person logs."""
    if gap is None:
        return "more often than that"
    days = max(1, round(gap))
    if days == 1:
        return "daily"
    if days == 7:
        return "weekly"
    return f"every {days} days"


def active_days(facts: UserFacts, goal_id: int) -> list[date]:
    """The local dates on which the goal gained points, oldest first."""
    return sorted({local_date(e.logged_at, facts.timezone) for e in facts.entries_of(goal_id) if e.amount > 0})


def last_activity(facts: UserFacts, goal: GoalFact) -> date:
    entries = facts.entries_of(goal.id)
    if not entries:
        return goal.started_on
    newest = max(local_date(e.logged_at, facts.timezone) for e in entries)
    return max(newest, goal.started_on)


def days_to_finish(facts: UserFacts, goal: GoalFact) -> int | None:
    """Calendar days the rest of the goal needs at the person's pace so far; None without progress."""
    days = active_days(facts, goal.id)
    if goal.progress <= 0 or not days:
        return None
    remaining = 100 - goal.progress
    if remaining <= 0:
        return 0
    per_active_day = goal.progress / len(days)
    needed_active = math.ceil(remaining / per_active_day)
    gap = usual_gap_days(facts.patterns)
    if gap is None:
        span = (today(facts) - min(goal.started_on, days[0])).days + 1
        gap = max(1.0, span / len(days))
    return min(MAX_PLAN_DAYS, math.ceil(needed_active * gap))


def proposed_target(facts: UserFacts, goal: GoalFact, lost_days: int) -> date:
    """A new target date from the person's pace; without any pace yet, the old target moved by the
    days lost (or four weeks from today when the goal had none)."""
    start = today(facts)
    needed = days_to_finish(facts, goal)
    if needed is not None:
        return start + timedelta(days=max(needed, 1))
    if goal.target_date is not None:
        return max(goal.target_date, start) + timedelta(days=max(lost_days, 7))
    return start + timedelta(days=28)
