"""The monthly career health report: pure and deterministic (the clock comes in as `today`).

* **skill currency** - per skill of the newest snapshot (and profile skills never rated): its
  proficiency, the last day it was *active* - the newest snapshot where it rose above the
  previous snapshot that had it (its first appearance counts), or a progress entry on a goal
  whose title names it - the days since, its market trend, and
  ``currency = 0.7 × recency + 0.3 × trend score`` with ``recency = max(0, 1 - days / 365)``
  (0 when never active) and ``trend score = 0.5 + trend% / 200`` clamped to 0..1 (0.5 unknown).
  The section score is the mean currency (0 without skills).
* **market position** - of the postings of the last 30 days, those whose skills the person's
  skills cover at least half of (`COVER_SHARE`), against the 30 days before; trend ``up`` /
  ``down`` when the share moved by at least 2 points, else ``flat`` (``unknown`` without
  previous postings). Score ``min(1, share / 0.3)``: covering 30 % of every posting in the
  market is excellent; 0.5 when there are no postings to judge by.
* **growth trajectory** - mean proficiency change per quarter (91 days) over the last quarter:
  from the newest snapshot on or before its start (else the first inside) to the newest inside,
  at least 30 days apart; the same over the year before it (their past); the ladder's typical
  pace for their role (`api.journey.velocity.typical_skill_growth` / 4). Trend ``faster`` /
  ``slower`` / ``steady`` against the past (`velocity.trend`), ``stalled`` when the current
  pace is at most 0.005, ``unknown`` without data. Score ``current / reference`` clamped to
  0..1, the reference being the typical pace, else their past pace, else 0.025 per quarter;
  0.5 when unknown.
* **risks** - stale skills (currency under 0.3 with a falling or unknown trend, or over 180
  days inactive on a falling trend) → "/skills"; a shrinking market position → "/market";
  stalled or slowing growth → "/goals".
* **overall** = 0.4 skill currency + 0.35 market position + 0.25 growth.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from api.journey.common import display_skill, norm
from api.journey.ladder import Ladder
from api.journey.records import SkillSnapshot
from api.journey.velocity import trend as pace_trend
from api.journey.velocity import typical_skill_growth
from api.skill.taxonomy import canonical_key
from api.wording import plural

RECENCY_DAYS = 365
STALE_DAYS = 180
LOW_CURRENCY = 0.3
FALLING_PERCENT = -10.0
COVER_SHARE = 0.5
MARKET_WINDOW_DAYS = 30
STRONG_SHARE = 0.3
SHARE_MOVE = 0.02
QUARTER_DAYS = 91
MIN_SNAPSHOT_GAP_DAYS = 30
STALLED = 0.005
DEFAULT_QUARTERLY = 0.025
WEIGHTS = {"skill_currency": 0.4, "market_position": 0.35, "growth": 0.25}


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class GoalActivity:
    """A day with progress logged on a goal (its title names the skills it is about)."""

    goal_title: str
    day: date


@dataclass(frozen=True)
class HealthFacts:
    today: date
    snapshots: Sequence[SkillSnapshot] = ()
    profile_skills: Sequence[str] = ()
    activity: Sequence[GoalActivity] = ()
    trends: Mapping[str, float | None] = field(default_factory=dict)  # canonical key -> percent change
    current_postings: Sequence[Sequence[str]] = ()  # skills of each posting of the last 30 days
    previous_postings: Sequence[Sequence[str]] = ()  # the 30 days before
    ladder: Ladder | None = None
    current_role: str | None = None


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class SkillCurrency:
    skill: str
    proficiency: float | None
    last_active_on: date | None
    days_since_active: int | None
    market_trend_percent: float | None
    currency: float
    note: str


@dataclass(frozen=True)
class MarketPosition:
    covered_postings: int
    total_postings: int
    share: float
    previous_share: float | None
    trend: str  # up | down | flat | unknown


@dataclass(frozen=True)
class GrowthTrajectory:
    skill_growth_per_quarter: float | None
    past_skill_growth_per_quarter: float | None
    typical_for_role: float | None
    trend: str  # faster | slower | steady | stalled | unknown
    note: str


@dataclass(frozen=True)
class HealthRisk:
    title: str
    detail: str
    action_label: str
    action_href: str


@dataclass(frozen=True)
class HealthReport:
    month: date
    overall: float
    skill_currency: float
    market_position: float
    growth: float
    skills: tuple[SkillCurrency, ...]
    market: MarketPosition
    trajectory: GrowthTrajectory
    risks: tuple[HealthRisk, ...]


# --------------------------------------------------------------------------- helpers


def clamp(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 3)


def month_of(day: date) -> date:
    return day.replace(day=1)


def trend_score(percent: float | None) -> float:
    return 0.5 if percent is None else clamp(0.5 + percent / 200)


def _names_skill(title: str, skill: str) -> bool:
    return f" {norm(skill)} " in f" {norm(title)} "


# --------------------------------------------------------------------------- skill currency


def last_improved(snapshots: Sequence[SkillSnapshot], skill: str) -> date | None:
    """The newest snapshot where the skill rose above its previous level (or first appeared)."""
    key = norm(skill)
    previous: float | None = None
    found: date | None = None
    for snapshot in sorted(snapshots, key=lambda s: s.taken_on):
        levels = {norm(k): v for k, v in snapshot.skills.items()}
        if key not in levels:
            continue
        if previous is None or levels[key] > previous:
            found = snapshot.taken_on
        previous = levels[key]
    return found


def skill_currency(facts: HealthFacts) -> list[SkillCurrency]:
    newest = max(facts.snapshots, key=lambda s: s.taken_on) if facts.snapshots else None
    skills: dict[str, float | None] = {norm(k): v for k, v in (newest.skills.items() if newest else ())}
    names: dict[str, str] = {norm(k): k for k in (newest.skills if newest else ())}
    for skill in facts.profile_skills:
        names.setdefault(norm(skill), skill)
        skills.setdefault(norm(skill), None)
    trends = {canonical_key(k): v for k, v in facts.trends.items()}
    out = []
    for key in sorted(skills, key=lambda k: names[k].lower()):
        name = names[key]
        active = [d for d in (last_improved(facts.snapshots, name),) if d is not None]
        active += [a.day for a in facts.activity if _names_skill(a.goal_title, name) and a.day <= facts.today]
        last = max(active) if active else None
        days = (facts.today - last).days if last else None
        recency = max(0.0, 1 - days / RECENCY_DAYS) if days is not None else 0.0
        percent = trends.get(canonical_key(name))
        currency = clamp(0.7 * recency + 0.3 * trend_score(percent))
        out.append(SkillCurrency(name, skills[key], last, days, percent, currency, _currency_note(name, days, percent, currency)))
    return out


def _currency_note(skill: str, days: int | None, percent: float | None, currency: float) -> str:
    label = display_skill(skill, sentence_start=True)
    used = "never improved or practised on record" if days is None else f"last improved or practised {plural(days, 'day')} ago"
    market = "no market trend known" if percent is None else f"market demand {percent:+.0f}%"
    return f"{label}: {used}; {market}; currency {currency:.2f}."


# --------------------------------------------------------------------------- market position


def covered(posting: Sequence[str], have: set[str]) -> bool:
    wanted = {canonical_key(s) for s in posting if s and s.strip()}
    return bool(wanted) and len(wanted & have) >= COVER_SHARE * len(wanted)


def market_position(skills: Iterable[str], current: Sequence[Sequence[str]], previous: Sequence[Sequence[str]]) -> MarketPosition:
    have = {canonical_key(s) for s in skills if s and s.strip()}
    hits = sum(1 for p in current if covered(p, have))
    share = round(hits / len(current), 4) if current else 0.0
    previous_share = round(sum(1 for p in previous if covered(p, have)) / len(previous), 4) if previous else None
    if previous_share is None or not current:
        direction = "unknown"
    elif share - previous_share >= SHARE_MOVE:
        direction = "up"
    elif previous_share - share >= SHARE_MOVE:
        direction = "down"
    else:
        direction = "flat"
    return MarketPosition(hits, len(current), share, previous_share, direction)


# --------------------------------------------------------------------------- growth


def quarterly_growth(snapshots: Sequence[SkillSnapshot], start: date, end: date) -> float | None:
    before = [s for s in snapshots if s.taken_on <= start]
    inside = sorted((s for s in snapshots if start < s.taken_on <= end), key=lambda s: s.taken_on)
    if not inside:
        return None
    first = max(before, key=lambda s: s.taken_on) if before else inside[0]
    last = inside[-1]
    days = (last.taken_on - first.taken_on).days
    a = {norm(k): v for k, v in first.skills.items()}
    b = {norm(k): v for k, v in last.skills.items()}
    common = set(a) & set(b)
    if days < MIN_SNAPSHOT_GAP_DAYS or not common:
        return None
    return round(statistics.fmean(b[k] - a[k] for k in common) * QUARTER_DAYS / days, 4)


def growth_trajectory(facts: HealthFacts) -> GrowthTrajectory:
    today = facts.today
    quarter_start = today - timedelta(days=QUARTER_DAYS)
    current = quarterly_growth(facts.snapshots, quarter_start, today)
    past = quarterly_growth(facts.snapshots, quarter_start - timedelta(days=365), quarter_start)
    role = facts.ladder.find(facts.current_role) if facts.ladder else None
    yearly = typical_skill_growth(facts.ladder, role)
    typical = round(yearly / 4, 4) if yearly is not None else None
    if current is None:
        direction = "unknown"
        note = "Not enough data yet: two skill snapshots at least 30 days apart in the last quarter are needed."
    else:
        direction = "stalled" if current <= STALLED else (pace_trend(current, past) or "steady")
        note = f"Your skills grew {current:+.3f} proficiency this quarter"
        if past is not None:
            note += f", vs {past:+.3f} per quarter the year before"
        if typical is not None and role is not None:
            note += f"; typical for {role.title}: {typical:+.3f} per quarter"
        note += "."
    return GrowthTrajectory(current, past, typical, direction, note)


def growth_score(trajectory: GrowthTrajectory) -> float:
    if trajectory.skill_growth_per_quarter is None:
        return 0.5
    reference = trajectory.typical_for_role or trajectory.past_skill_growth_per_quarter or DEFAULT_QUARTERLY
    if reference <= 0:
        reference = DEFAULT_QUARTERLY
    return clamp(trajectory.skill_growth_per_quarter / reference)


# --------------------------------------------------------------------------- risks and the report


def risks(skills: Sequence[SkillCurrency], market: MarketPosition, trajectory: GrowthTrajectory) -> list[HealthRisk]:
    out: list[HealthRisk] = []
    stale = [
        s
        for s in skills
        if (s.currency < LOW_CURRENCY and (s.market_trend_percent is None or s.market_trend_percent <= FALLING_PERCENT))
        or (
            (s.days_since_active is None or s.days_since_active >= STALE_DAYS)
            and s.market_trend_percent is not None
            and s.market_trend_percent <= FALLING_PERCENT
        )
    ]
    if stale:
        stale.sort(key=lambda s: (s.currency, s.skill.lower()))
        parts = []
        for s in stale[:3]:
            since = (
                "never practised on record" if s.days_since_active is None else f"inactive {plural(s.days_since_active, 'day')}"
            )
            trend = "trend unknown" if s.market_trend_percent is None else f"demand {s.market_trend_percent:+.0f}%"
            parts.append(f"{display_skill(s.skill)} ({since}, {trend}, currency {s.currency:.2f})")
        out.append(
            HealthRisk(
                f"{len(stale)} skill{'s' if len(stale) != 1 else ''} going stale",
                "; ".join(parts) + ".",
                "Refresh your skills",
                "/skills",
            )
        )
    if market.trend == "down" and market.previous_share is not None:
        out.append(
            HealthRisk(
                "Your market position is shrinking",
                f"Your skills cover {market.covered_postings} of {market.total_postings} postings of the last 30 days "
                f"({market.share:.0%}), down from {market.previous_share:.0%} the 30 days before.",
                "See what the market asks for",
                "/market",
            )
        )
    slowing = trajectory.trend == "slower" and (
        trajectory.typical_for_role is None or (trajectory.skill_growth_per_quarter or 0) < trajectory.typical_for_role
    )
    if trajectory.trend == "stalled" or slowing:
        out.append(
            HealthRisk(
                "Your growth has stalled" if trajectory.trend == "stalled" else "Your growth is slowing",
                trajectory.note,
                "Set a learning goal",
                "/goals",
            )
        )
    return out


def health_report(facts: HealthFacts) -> HealthReport:
    skills = skill_currency(facts)
    have = [s.skill for s in skills]
    market = market_position(have, facts.current_postings, facts.previous_postings)
    trajectory = growth_trajectory(facts)
    currency_score = clamp(statistics.fmean(s.currency for s in skills)) if skills else 0.0
    market_score = clamp(market.share / STRONG_SHARE) if market.total_postings else 0.5
    growth = growth_score(trajectory)
    overall = clamp(
        WEIGHTS["skill_currency"] * currency_score + WEIGHTS["market_position"] * market_score + WEIGHTS["growth"] * growth
    )
    return HealthReport(
        month=month_of(facts.today),
        overall=overall,
        skill_currency=currency_score,
        market_position=market_score,
        growth=growth,
        skills=tuple(skills),
        market=market,
        trajectory=trajectory,
        risks=tuple(risks(skills, market, trajectory)),
    )


__all__ = [
    "GoalActivity",
    "GrowthTrajectory",
    "HealthFacts",
    "HealthReport",
    "HealthRisk",
    "MarketPosition",
    "SkillCurrency",
    "health_report",
    "market_position",
    "month_of",
    "skill_currency",
]
