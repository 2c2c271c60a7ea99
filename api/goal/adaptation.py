"""Adapt an active goal's difficulty to the user's capacity and progress.

Signals (``today`` is a date in the user's timezone, ``patterns.timezone``):

* ``low_hours``: fewer than 2 h/week available; ``high_stress``: stress level >= 4
  or at least 3 stress factors. Either one means low capacity.
* ``stalled``: no progress entry for 14 days (counted from the last entry, or from
  creation when there is none; a goal younger than 14 days never stalls).
* ``behind_schedule``: the target date has passed with progress < 100, or, after at
  least 7 days, the projected finish (today + remaining points / average points per
  day so far) is more than 7 days after the target date.
* ``finishes_early``: at least 2 of the last 3 completed goals finished before their
  target date (``patterns.finish_timing``).

Decision, in order:

1. goal not active -> ``keep``;
2. low capacity with >= 2 remaining steps -> ``reduce_scope``: keep the first half
   (rounded up) of the remaining steps; keep the target date if it is still ahead,
   else today + 14 days; one difficulty easier;
3. low capacity, stalled or behind -> ``extend_date``: new target = the projected finish
   rounded up to whole weeks from today; with no progress yet, the later of target and
   today plus max(14, idle days); never earlier than the current target;
4. finishes early, on track, not high stress, not already a stretch goal -> ``stretch``:
   remaining steps plus one stretch step, difficulty ``stretch``;
5. otherwise ``keep``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from api.dates import local_date
from api.goal.suggestions import easier, is_high_stress
from api.journey.common import plural
from api.journey.patterns import STALL_DAYS, LearningPatterns
from api.journey.records import CareerContext, Goal, ProgressEntry
from api.vocabulary import AdaptationKind, GoalDifficulty, GoalStatus

LOW_HOURS = 2.0
BEHIND_GRACE_DAYS = 7
MIN_DAYS_FOR_PACE = 7
STRETCH_STEP = "Stretch: share what you built or learned (write-up, talk or demo)"


@dataclass(frozen=True)
class Adaptation:
    goal_id: str | int
    kind: AdaptationKind
    suggested_target_date: date | None
    suggested_steps: tuple[str, ...]
    suggested_difficulty: GoalDifficulty  # one easier to reduce scope, stretch to stretch
    why: str
    signals: tuple[str, ...]
    based_on: int  # progress entries of this goal


def adapt_goal_difficulty(
    goal: Goal,
    entries: Sequence[ProgressEntry],
    context: CareerContext,
    patterns: LearningPatterns,
    today: date,
) -> Adaptation:
    """Suggest how to adapt ``goal``: reduce scope, extend the date, stretch, or keep."""
    zone = patterns.timezone
    mine = [e for e in entries if e.goal_id == goal.id and local_date(e.logged_at, zone) <= today]
    remaining = tuple(s.title for s in goal.steps if not s.done)
    target = goal.target_date

    if goal.status != GoalStatus.ACTIVE:
        return Adaptation(
            goal.id,
            AdaptationKind.KEEP,
            target,
            remaining,
            goal.difficulty,
            f"The goal is {goal.status.value}; nothing to adapt.",
            (),
            len(mine),
        )

    last = max([goal.created_on, *(local_date(e.logged_at, zone) for e in mine)])
    idle = (today - last).days
    elapsed = (today - goal.created_on).days
    per_day = goal.progress / elapsed if elapsed > 0 else 0.0
    projected = None
    if per_day > 0 and goal.progress < 100:
        projected = today + timedelta(days=math.ceil((100 - goal.progress) / per_day))

    low_hours = context.hours_per_week is not None and context.hours_per_week < LOW_HOURS
    high_stress = is_high_stress(context)
    stalled = idle >= STALL_DAYS
    behind = (
        target is not None
        and goal.progress < 100
        and (
            today > target
            or (elapsed >= MIN_DAYS_FOR_PACE and (projected is None or projected > target + timedelta(days=BEHIND_GRACE_DAYS)))
        )
    )
    timing = patterns.finish_timing
    early = timing.sufficient and timing.finishes_early
    signals = tuple(
        name
        for name, on in (
            ("low_hours", low_hours),
            ("high_stress", high_stress),
            ("stalled", stalled),
            ("behind_schedule", behind),
            ("finishes_early", early),
        )
        if on
    )

    capacity = []
    if low_hours:
        capacity.append(f"you have {context.hours_per_week:g} h/week")
    if high_stress:
        capacity.append(
            f"stress is at {context.stress_level}/5"
            if context.stress_level and context.stress_level >= 4
            else f"you named {len(context.stress_factors)} stress factors"
        )
    pace = []
    if stalled:
        pace.append(f"no progress was logged for {plural(idle, 'day')}")
    if behind and target is not None:
        if projected is not None:
            pace.append(
                f"at {per_day * 7:.1f} points/week you'd finish around "
                f"{projected.isoformat()}, after the {target.isoformat()} target"
            )
        else:
            pace.append(
                f"it is {goal.progress:.0f}% done with the {target.isoformat()} target {'passed' if today > target else 'close'}"
            )

    if (low_hours or high_stress) and len(remaining) >= 2:
        keep = remaining[: math.ceil(len(remaining) / 2)]
        new_target = target if target is not None and target > today else today + timedelta(days=14)
        why = (
            f"{_cap(' and '.join(capacity + pace))}; keep the first {len(keep)} of "
            f"{plural(len(remaining), 'remaining step')} so the goal fits by "
            f"{new_target.isoformat()}."
        )
        return Adaptation(
            goal.id, AdaptationKind.REDUCE_SCOPE, new_target, keep, easier(goal.difficulty), why, signals, len(mine)
        )

    if low_hours or high_stress or stalled or behind:
        if projected is not None:
            new_target = today + timedelta(weeks=math.ceil((projected - today).days / 7))
        else:
            new_target = max(target or today, today) + timedelta(days=max(STALL_DAYS, idle))
        if target is not None:
            new_target = max(new_target, target + timedelta(days=7))
        why = (
            f"{_cap(' and '.join(capacity + pace))}; move the target "
            f"{'from ' + target.isoformat() + ' ' if target else ''}to "
            f"{new_target.isoformat()}."
        )
        return Adaptation(goal.id, AdaptationKind.EXTEND_DATE, new_target, remaining, goal.difficulty, why, signals, len(mine))

    if early and goal.difficulty != GoalDifficulty.STRETCH:
        why = (
            f"You finished {timing.early} of your last {timing.considered} goals before the "
            f"target date and this one is on track; add a stretch step."
        )
        return Adaptation(
            goal.id,
            AdaptationKind.STRETCH,
            target,
            (*remaining, STRETCH_STEP),
            GoalDifficulty.STRETCH,
            why,
            signals,
            len(mine),
        )

    if target is not None and elapsed > 0:
        why = f"On track: {goal.progress:.0f}% done after {elapsed} of {(target - goal.created_on).days} days."
    else:
        why = f"On track: {goal.progress:.0f}% done; no change needed."
    return Adaptation(goal.id, AdaptationKind.KEEP, target, remaining, goal.difficulty, why, signals, len(mine))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


__all__ = ["Adaptation", "adapt_goal_difficulty"]
