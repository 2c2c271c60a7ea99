"""Pacing and wellbeing (opt-in: silent unless `facts.wellbeing`). Over the last `window_days`:

- late nights: progress logged at a local hour (in `facts.timezone`) in [late_from_hour,
  late_until_hour), wrapping midnight when from > until (equal hours: no late window), counted as
  distinct *nights* — an entry after midnight belongs to the evening before, so 23:30 and 00:30 are one
  night — firing on at least `late_days` nights;
- low mood or energy: at least `low_entries` entries with mood or energy <= `low_score`.

Kind wording only (the "headline" and "observation" values); suggests a lighter version of the most
active goal (ADAPT_GOAL) or a pause (PAUSE_GOAL). At most one per local ISO week.
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from api.dates import aware
from api.guidance.conditions import PacingWellbeing
from api.guidance.facts import Action, Draft, EntryFact, Evidence, UserFacts
from api.guidance.rules._common import listing, plural, week, within
from api.guidance.rules._links import goal_action, goal_href, open_page
from api.vocabulary import GoalStatus, InsightActionKind

KEY = "pacing_wellbeing"
VALID_DAYS = 7


def evaluate(facts: UserFacts, conditions: PacingWellbeing) -> list[Draft]:
    if not facts.wellbeing:
        return []
    days = conditions.window_days
    entries = [e for e in facts.entries if within(e.logged_at, facts.now, days)]
    nights = _late_nights(entries, facts.timezone, conditions)
    low = [e for e in entries if _low(e, conditions.low_score)]
    late_fires = len(nights) >= conditions.late_days
    low_fires = len(low) >= conditions.low_entries
    if not late_fires and not low_fires:
        return []
    observations: list[str] = []
    evidence: list[Evidence] = []
    if late_fires:
        observations.append(f"you logged progress late at night on {len(nights)} of the last {days} days")
        evidence.append(
            Evidence(
                "Late-night sessions",
                f"{plural(len(nights), 'night')} in the last {days} days between "
                f"{conditions.late_from_hour:02d}:00 and {conditions.late_until_hour:02d}:00",
            )
        )
    if low_fires:
        observations.append(f"{plural(len(low), 'entry', 'entries')} noted low mood or energy")
        evidence.append(
            Evidence("Low mood or energy", f"{len(low)} of {len(entries)} entries at {conditions.low_score}/5 or below")
        )
    if late_fires and low_fires:
        headline = "Taking care of yourself matters too"
    elif late_fires:
        headline = "A gentle note about late nights"
    else:
        headline = "Checking in on how you feel"
    observation = f"You have been putting in real effort: {listing(observations)}."
    return [
        Draft(
            rule_key=KEY,
            dedupe_key=f"{KEY}:{week(facts)}",
            values={"headline": headline, "observation": observation},
            evidence=tuple(evidence),
            actions=_actions(facts, entries),
            valid_until=facts.now + timedelta(days=VALID_DAYS),
        )
    ]


def _late_hour(hour: int, conditions: PacingWellbeing) -> bool:
    start, end = conditions.late_from_hour, conditions.late_until_hour
    if start < end:
        return start <= hour < end
    if start > end:
        return hour >= start or hour < end
    return False


def _late_nights(entries: list[EntryFact], timezone: str, conditions: PacingWellbeing) -> set[date]:
    zone = ZoneInfo(timezone)
    nights: set[date] = set()
    for entry in entries:
        local = aware(entry.logged_at).astimezone(zone)
        if not _late_hour(local.hour, conditions):
            continue
        after_midnight = conditions.late_from_hour > conditions.late_until_hour and local.hour < conditions.late_until_hour
        nights.add(local.date() - timedelta(days=1) if after_midnight else local.date())
    return nights


def _low(entry: EntryFact, score: int) -> bool:
    return any(value is not None and value <= score for value in (entry.mood, entry.energy))


def _actions(facts: UserFacts, entries: list[EntryFact]) -> tuple[Action, ...]:
    """Lighten or pause the active goal with the most entries in the window (ties: the latest entry,
    then the lower id); with no active goal logged, open the goals page."""
    active = {g.id: g for g in facts.goals if g.status == GoalStatus.ACTIVE}
    counts: dict[int, tuple[int, float]] = {}
    for entry in entries:
        if entry.goal_id in active:
            count, latest = counts.get(entry.goal_id, (0, 0.0))
            counts[entry.goal_id] = (count + 1, max(latest, aware(entry.logged_at).timestamp()))
    if not counts:
        return (open_page("Review your goals", "/goals"),)
    goal_id = min(counts, key=lambda gid: (-counts[gid][0], -counts[gid][1], gid))
    title = active[goal_id].title
    return (
        goal_action(f"Make “{title}” lighter", InsightActionKind.ADAPT_GOAL, goal_id),
        goal_action(f"Pause “{title}” for now", InsightActionKind.PAUSE_GOAL, goal_id),
        open_page(f"Open “{title}”", goal_href(goal_id)),
    )
