"""Career velocity: how fast milestones, role moves and skills are progressing.

Windows: the *current* period is the 365 days ending ``today`` (``(today-365, today]``),
the *previous* period the 365 days before that.

* **milestones** - milestones achieved in the period (= per year). ``previous``
  is ``None`` when the history does not reach back into the previous period.
* **role_moves** - promotions + new roles per year over the whole milestone
  history (first milestone -> today, at least one year), compared with the
  ladder's typical pace for the current role (1 / typical years to the next role).
* **skill_growth** - mean proficiency change per year across skills present in
  both endpoint snapshots of the period. Endpoints: the latest snapshot on or
  before the period start (else the earliest inside the period) and the latest
  snapshot inside the period; they must be >= 30 days apart. The typical value is
  the ladder's mean step in expected proficiency from the current role to its
  usual next role, divided by the typical years for that move.

Trend: ``faster`` when current >= 1.2x previous, ``slower`` when <= 0.8x,
otherwise ``steady``; ``None`` without a previous value. For ``role_moves`` the
trend compares the user's pace with the ladder's typical pace instead.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from api.journey.common import DAYS_PER_YEAR, norm, plural, thin, years_between
from api.journey.ladder import Ladder, LadderRole
from api.journey.records import ROLE_MOVE_KINDS, Milestone, SkillSnapshot

WINDOW_DAYS = 365
MIN_MILESTONES = 2
MIN_SNAPSHOT_GAP_DAYS = 30
FASTER, SLOWER = 1.2, 0.8


@dataclass(frozen=True)
class PaceMetric:
    name: str
    unit: str
    current: float | None
    previous: float | None
    typical: float | None
    trend: str | None  # faster | slower | steady
    sufficient: bool
    based_on: int
    message: str


@dataclass(frozen=True)
class Velocity:
    as_of: date
    window_days: int
    milestones: PaceMetric
    role_moves: PaceMetric
    skill_growth: PaceMetric


def trend(current: float | None, previous: float | None) -> str | None:
    if current is None or previous is None:
        return None
    if previous == 0:
        return "steady" if current == 0 else "faster"
    ratio = current / previous
    if ratio >= FASTER:
        return "faster"
    if ratio <= SLOWER:
        return "slower"
    return "steady"


def career_velocity(
    milestones: Sequence[Milestone],
    snapshots: Sequence[SkillSnapshot],
    today: date,
    *,
    ladder: Ladder | None = None,
    current_role: str | None = None,
) -> Velocity:
    """Milestone, role-move and skill-growth pace vs the user's previous year and the ladder."""
    past = [m for m in milestones if m.achieved_on <= today]
    role = ladder.find(current_role) if ladder else None
    return Velocity(
        as_of=today,
        window_days=WINDOW_DAYS,
        milestones=_milestone_pace(past, today),
        role_moves=_role_move_pace(past, today, ladder, role),
        skill_growth=_skill_pace([s for s in snapshots if s.taken_on <= today], today, ladder, role),
    )


def _windows(today: date) -> tuple[tuple[date, date], tuple[date, date]]:
    start = today - timedelta(days=WINDOW_DAYS)
    return (start, today), (start - timedelta(days=WINDOW_DAYS), start)


def _milestone_pace(past: Sequence[Milestone], today: date) -> PaceMetric:
    (c0, c1), (p0, p1) = _windows(today)
    n = len(past)
    if n < MIN_MILESTONES:
        return PaceMetric(
            "milestones", "milestones/year", None, None, None, None, False, n, thin(n, MIN_MILESTONES, "milestones")
        )
    current = float(sum(1 for m in past if c0 < m.achieved_on <= c1))
    reaches_back = min(m.achieved_on for m in past) <= c0
    previous = float(sum(1 for m in past if p0 < m.achieved_on <= p1)) if reaches_back else None
    direction = trend(current, previous)
    message = f"{plural(int(current), 'milestone')} in the last 12 months"
    if previous is not None:
        message += f" vs {int(previous)} in the 12 months before ({direction})."
    else:
        message += "; no earlier history to compare with yet."
    return PaceMetric("milestones", "milestones/year", current, previous, None, direction, True, n, message)


def _typical_next(role: LadderRole | None) -> float | None:
    return role.next[0].years if role and role.next else None


def _role_move_pace(past, today, ladder, role) -> PaceMetric:
    moves = [m for m in past if m.kind in ROLE_MOVE_KINDS]
    n = len(past)
    typical_years = _typical_next(role)
    typical = round(1 / typical_years, 3) if typical_years else None
    if n < MIN_MILESTONES:
        return PaceMetric("role_moves", "moves/year", None, None, typical, None, False, n, thin(n, MIN_MILESTONES, "milestones"))
    span_years = max(1.0, years_between(min(m.achieved_on for m in past), today))
    current = round(len(moves) / span_years, 3)
    message = f"You changed role {plural(len(moves), 'time')} in {span_years:.1f} years ({current:.2f}/year)"
    if typical is not None:
        next_title = ladder.roles[role.next[0].role].title
        message += f"; a typical {role.title} moves to {next_title} after {typical_years:g} years ({typical:.2f}/year)."
    else:
        message += "."
    return PaceMetric("role_moves", "moves/year", current, None, typical, trend(current, typical), True, n, message)


def _window_growth(snapshots: Sequence[SkillSnapshot], start: date, end: date):
    before = [s for s in snapshots if s.taken_on <= start]
    inside = sorted((s for s in snapshots if start < s.taken_on <= end), key=lambda s: s.taken_on)
    if not inside:
        return None, 0, 0
    first = max(before, key=lambda s: s.taken_on) if before else inside[0]
    last = inside[-1]
    used = len(inside) + (1 if before else 0)
    days = (last.taken_on - first.taken_on).days
    a = {norm(k): v for k, v in first.skills.items()}
    b = {norm(k): v for k, v in last.skills.items()}
    common = sorted(set(a) & set(b))
    if days < MIN_SNAPSHOT_GAP_DAYS or not common:
        return None, used, len(common)
    mean_delta = statistics.fmean(b[k] - a[k] for k in common)
    return round(mean_delta * DAYS_PER_YEAR / days, 3), used, len(common)


def typical_skill_growth(ladder: Ladder | None, role: LadderRole | None) -> float | None:
    """Mean step in expected proficiency from ``role`` to its usual next role, per year."""
    if not ladder or not role or not role.next:
        return None
    nxt = ladder.roles[role.next[0].role]
    shared = [s for s in nxt.key_skills if s in role.key_skills]
    if not shared:
        return None
    step = statistics.fmean(nxt.key_skills[s] - role.key_skills[s] for s in shared)
    return round(step / role.next[0].years, 3)


def _skill_pace(snapshots, today, ladder, role) -> PaceMetric:
    (c0, c1), (p0, p1) = _windows(today)
    typical = typical_skill_growth(ladder, role)
    current, used, skills = _window_growth(snapshots, c0, c1)
    previous, _, _ = _window_growth(snapshots, p0, p1)
    if current is None:
        if used < 2:
            message = thin(used, 2, "skill snapshots covering the last 12 months")
        else:
            message = (
                "Not enough data yet: the snapshots of the last 12 months share no skill "
                f"or are less than {MIN_SNAPSHOT_GAP_DAYS} days apart"
            )
        return PaceMetric("skill_growth", "proficiency/year", None, previous, typical, None, False, used, message)
    direction = trend(current, previous)
    message = f"Your skills grew by {current:+.2f} proficiency per year on average (last 12 months, {plural(skills, 'skill')})"
    if previous is not None:
        message += f", vs {previous:+.2f} the year before ({direction})"
    if typical is not None:
        message += f"; the typical ladder pace for {role.title} is {typical:+.2f}/year"
    return PaceMetric("skill_growth", "proficiency/year", current, previous, typical, direction, True, used, message + ".")


__all__ = [
    "WINDOW_DAYS",
    "PaceMetric",
    "Velocity",
    "career_velocity",
    "trend",
    "typical_skill_growth",
]
