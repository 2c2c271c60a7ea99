"""Learning patterns mined from a user's goals and progress log.

Every pattern carries ``based_on`` (how many data points it rests on),
``sufficient`` and a human ``message``; when the data is too thin the pattern
says so ("Not enough data yet: 2 of 5 progress entries needed") instead of
guessing, and its value fields are ``None``/empty.

Definitions (all thresholds are module constants):

* **format_by_minutes** - the learning format with the most logged minutes.
* **format_by_completion** - for every completed goal, its dominant format (most
  minutes among its entries); the format that dominated most completed goals.
  ``rates`` gives completed / (completed + abandoned) per dominant format.
* **cadence** - distinct active days (in the user's timezone) divided by the
  log span in weeks (first to last entry, inclusive): >= 5 -> ``daily``,
  >= 2 -> ``few_times_a_week``, >= 0.75 with at least 75 % of the 7-day
  buckets active -> ``weekly``, else ``irregular``.
* **rhythm** - weekdays/hours in the user's timezone. Usual weekdays are those
  with at least 60 % of the busiest weekday's entries; parts of day are
  night 0-5, morning 6-11, afternoon 12-17, evening 18-23 and one is reported
  when it holds at least half of the entries.
* **goal_length** - completed goals: days created -> completed. Abandoned goals:
  the longer of planned (created -> target) and lived (created -> abandoned)
  days. "You finish goals up to X weeks" uses the longest completed span
  (rounded up to weeks); "goals longer than Y weeks were abandoned" is the
  largest whole Y that all abandoned spans exceed.
* **acceleration** - per goal, progress points are summed per week since the
  goal was created (week 1 = days 0-6). The acceleration week is the first
  week w >= 2 whose progress is >= 1.5x the mean of weeks 1..w-1 (which must
  be > 0). The reported week is the mode across goals (ties -> earliest).
* **obstacles** - keyword categories found in entry notes and in the titles of
  stalled steps (first undone step of an abandoned goal, or of an
  active/paused goal without activity for 14 days).
* **success_by_difficulty** - completed / (completed + abandoned) per difficulty.
* **finish_timing** - of the last 3 completed goals with a target date, how
  many were completed before the target.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from api.dates import local_date
from api.journey.common import FORMAT_LABELS, plural, thin, weeks_ceil
from api.journey.records import DIFFICULTY_ORDER, Goal, ProgressEntry, require_aware
from api.vocabulary import Cadence, GoalDifficulty, GoalStatus, LearningFormat

MIN_ENTRIES_FORMAT = 5
MIN_COMPLETED_FOR_FORMAT = 2
MIN_ENTRIES_CADENCE = 5
MIN_SPAN_DAYS_CADENCE = 14
MIN_ENTRIES_RHYTHM = 5
MIN_FINISHED_GOALS = 3
MIN_GOALS_ACCELERATION = 2
ACCELERATION_FACTOR = 1.5
MIN_OBSTACLE_TEXTS = 3
STALL_DAYS = 14
FINISH_TIMING_WINDOW = 3
EARLY_FINISH_MIN = 2

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_PARTS = (("night", 0, 5), ("morning", 6, 11), ("afternoon", 12, 17), ("evening", 18, 23))
PART_PHRASES = {
    "night": "at night",
    "morning": "in the morning",
    "afternoon": "in the afternoon",
    "evening": "in the evening",
}

OBSTACLE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "time": (
        r"no time",
        r"not enough time",
        r"(?:lack|out|short) of time",
        r"short on time",
        r"ran out of time",
        r"little time",
        r"time[- ]?(?:crunch|pressure)",
        r"schedul\w*",
        r"rush(?:ed)?",
        r"hurr(?:y|ied)",
    ),
    "energy": (
        r"tired",
        r"exhaust\w*",
        r"drained",
        r"sleepy",
        r"fatigue\w*",
        r"burn(?:ed|t)? ?out",
        r"low energy",
        r"no energy",
        r"sick",
        r"ill",
    ),
    "motivation": (
        r"unmotivated",
        r"motivation",
        r"bored",
        r"boring",
        r"procrastinat\w*",
        r"not in the mood",
        r"didn'?t feel like",
        r"lazy",
        r"distract\w*",
    ),
    "work": (
        r"busy",
        r"at work",
        r"workload",
        r"overtime",
        r"on[- ]call",
        r"meetings?",
        r"deadlines?",
        r"crunch",
        r"office",
        r"my job",
    ),
    "family": (
        r"family",
        r"kids?",
        r"child(?:ren)?",
        r"baby",
        r"parents?",
        r"partner",
        r"wife",
        r"husband",
        r"wedding",
        r"moving",
        r"caregiving",
    ),
    "unclear": (
        r"stuck",
        r"confus\w*",
        r"unclear",
        r"lost",
        r"don'?t understand",
        r"didn'?t understand",
        r"blocked",
        r"no idea",
        r"hard to follow",
        r"too hard",
        r"difficult",
    ),
    "tooling": (
        r"install\w*",
        r"set ?up",
        r"config\w*",
        r"environment",
        r"dependenc\w*",
        r"docker",
        r"build fail\w*",
        r"errors?",
        r"bugs?",
        r"crash\w*",
        r"laptop",
        r"broken",
        r"compil\w*",
        r"tooling",
        r"tools?",
    ),
}
OBSTACLE_ORDER = tuple(OBSTACLE_KEYWORDS)
_OBSTACLE_RE = {cat: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE) for cat, words in OBSTACLE_KEYWORDS.items()}


# --------------------------------------------------------------------------- output types


@dataclass(frozen=True)
class FormatPattern:
    preferred: LearningFormat | None
    totals: dict[str, float]  # format -> minutes (by_minutes) or completed goals (by_completion)
    unit: str  # "minutes" | "completed_goals"
    rates: dict[str, float]  # by_completion only: format -> completion rate of finished goals
    sufficient: bool
    based_on: int
    message: str


@dataclass(frozen=True)
class CadencePattern:
    cadence: Cadence | None
    active_days: int
    span_days: int
    active_days_per_week: float | None
    active_week_share: float | None
    sufficient: bool
    based_on: int
    message: str


@dataclass(frozen=True)
class RhythmPattern:
    timezone: str
    weekdays: tuple[str, ...]
    weekday_counts: dict[str, int]
    time_of_day: str | None  # night | morning | afternoon | evening
    time_of_day_share: float | None
    peak_hours: tuple[int, ...]
    hour_counts: tuple[int, ...]  # 24 buckets, local hour
    sufficient: bool
    based_on: int
    message: str


@dataclass(frozen=True)
class GoalLengthPattern:
    finish_up_to_weeks: int | None
    abandoned_over_weeks: int | None
    recommended_max_weeks: int | None
    clear_split: bool
    completed_weeks: tuple[int, ...]
    abandoned_weeks: tuple[int, ...]
    sufficient: bool
    based_on: int
    message: str


@dataclass(frozen=True)
class AccelerationPattern:
    week: int | None
    goals_accelerating: int
    week_counts: dict[str, int]  # "3" -> number of goals accelerating in week 3
    sufficient: bool
    based_on: int  # goals analysed
    message: str


@dataclass(frozen=True)
class ObstacleCount:
    category: str
    count: int
    from_notes: int
    from_steps: int


@dataclass(frozen=True)
class ObstaclePattern:
    obstacles: tuple[ObstacleCount, ...]  # most frequent first
    notes_scanned: int
    stalled_steps: int
    sufficient: bool
    based_on: int
    message: str


@dataclass(frozen=True)
class DifficultyRate:
    difficulty: GoalDifficulty
    completed: int
    abandoned: int
    rate: float | None


@dataclass(frozen=True)
class DifficultySuccessPattern:
    by_difficulty: tuple[DifficultyRate, ...]
    sufficient: bool
    based_on: int
    message: str

    def rate(self, difficulty: GoalDifficulty | str) -> DifficultyRate:
        return next(r for r in self.by_difficulty if r.difficulty == difficulty)


@dataclass(frozen=True)
class FinishTimingPattern:
    early: int
    considered: int
    finishes_early: bool
    sufficient: bool
    based_on: int
    message: str


@dataclass(frozen=True)
class LearningPatterns:
    computed_at: datetime
    timezone: str
    format_by_minutes: FormatPattern
    format_by_completion: FormatPattern
    cadence: CadencePattern
    rhythm: RhythmPattern
    goal_length: GoalLengthPattern
    acceleration: AccelerationPattern
    obstacles: ObstaclePattern
    success_by_difficulty: DifficultySuccessPattern
    finish_timing: FinishTimingPattern


# --------------------------------------------------------------------------- entry point


def learning_patterns(goals: Sequence[Goal], entries: Sequence[ProgressEntry], tz: str, now: datetime) -> LearningPatterns:
    """Mine the user's learning patterns. ``now`` must be timezone-aware; ``tz`` is an IANA name."""
    require_aware("now", now)
    zone = ZoneInfo(tz)
    today = local_date(now, zone)
    log = sorted((e for e in entries if e.logged_at <= now), key=lambda e: e.logged_at)
    by_goal: dict[str | int, list[ProgressEntry]] = defaultdict(list)
    for entry in log:
        by_goal[entry.goal_id].append(entry)

    return LearningPatterns(
        computed_at=now,
        timezone=tz,
        format_by_minutes=_format_by_minutes(log),
        format_by_completion=_format_by_completion(goals, by_goal),
        cadence=_cadence(log, zone),
        rhythm=_rhythm(log, zone, tz),
        goal_length=_goal_length(goals),
        acceleration=_acceleration(goals, by_goal, zone),
        obstacles=_obstacles(goals, log, by_goal, zone, today),
        success_by_difficulty=_success_by_difficulty(goals),
        finish_timing=_finish_timing(goals),
    )


# --------------------------------------------------------------------------- formats


def _pick(totals: dict[LearningFormat, float], *tiebreaks: dict[LearningFormat, float]) -> LearningFormat:
    order = list(LearningFormat)
    return max(
        totals,
        key=lambda f: (totals[f], *(t.get(f, 0.0) for t in tiebreaks), -order.index(f)),
    )


def _minutes_by_format(entries: Iterable[ProgressEntry]) -> dict[LearningFormat, float]:
    totals: dict[LearningFormat, float] = defaultdict(float)
    for e in entries:
        if e.learning_format is not None and e.minutes > 0:
            totals[e.learning_format] += e.minutes
    return dict(totals)


def _format_by_minutes(log: Sequence[ProgressEntry]) -> FormatPattern:
    usable = [e for e in log if e.learning_format is not None and e.minutes > 0]
    totals = _minutes_by_format(usable)
    out_totals = {f.value: totals[f] for f in LearningFormat if f in totals}
    if len(usable) < MIN_ENTRIES_FORMAT:
        return FormatPattern(
            None,
            out_totals,
            "minutes",
            {},
            False,
            len(usable),
            thin(len(usable), MIN_ENTRIES_FORMAT, "progress entries with a learning format"),
        )
    best = _pick(totals)
    total = sum(totals.values())
    share = round(100 * totals[best] / total)
    message = f"You spend most of your learning time on {FORMAT_LABELS[best]} ({share}% of {int(total)} minutes)."
    return FormatPattern(best, out_totals, "minutes", {}, True, len(usable), message)


def _dominant_format(entries: Sequence[ProgressEntry]) -> LearningFormat | None:
    totals = _minutes_by_format(entries)
    if not totals:
        return None
    counts = Counter(e.learning_format for e in entries if e.learning_format is not None)
    return _pick(totals, {f: float(c) for f, c in counts.items()})


def _format_by_completion(goals: Sequence[Goal], by_goal: dict) -> FormatPattern:
    completed: Counter[LearningFormat] = Counter()
    abandoned: Counter[LearningFormat] = Counter()
    for goal in goals:
        if goal.status not in (GoalStatus.COMPLETED, GoalStatus.ABANDONED):
            continue
        dominant = _dominant_format(by_goal.get(goal.id, []))
        if dominant is None:
            continue
        (completed if goal.status == GoalStatus.COMPLETED else abandoned)[dominant] += 1
    n = sum(completed.values())
    totals = {f.value: float(completed[f]) for f in LearningFormat if completed[f]}
    rates = {
        f.value: round(completed[f] / (completed[f] + abandoned[f]), 3) for f in LearningFormat if completed[f] + abandoned[f]
    }
    if n < MIN_COMPLETED_FOR_FORMAT:
        return FormatPattern(
            None,
            totals,
            "completed_goals",
            rates,
            False,
            n,
            thin(n, MIN_COMPLETED_FOR_FORMAT, "completed goals with logged formats"),
        )
    rate_by_format = {LearningFormat(k): v for k, v in rates.items()}
    best = _pick({f: float(c) for f, c in completed.items()}, rate_by_format)
    message = f"{completed[best]} of your {n} completed goals were mostly {FORMAT_LABELS[best]}."
    return FormatPattern(best, totals, "completed_goals", rates, True, n, message)


# --------------------------------------------------------------------------- cadence & rhythm


def _cadence(log: Sequence[ProgressEntry], zone: ZoneInfo) -> CadencePattern:
    n = len(log)
    days = sorted({local_date(e.logged_at, zone) for e in log})
    span = (days[-1] - days[0]).days + 1 if days else 0
    if n < MIN_ENTRIES_CADENCE:
        return CadencePattern(None, len(days), span, None, None, False, n, thin(n, MIN_ENTRIES_CADENCE, "progress entries"))
    if span < MIN_SPAN_DAYS_CADENCE:
        return CadencePattern(None, len(days), span, None, None, False, n, thin(span, MIN_SPAN_DAYS_CADENCE, "days of logging"))
    weeks = span / 7
    per_week = len(days) / weeks
    buckets = math.ceil(span / 7)
    active_buckets = len({(d - days[0]).days // 7 for d in days})
    week_share = active_buckets / buckets
    if per_week >= 5:
        cadence, text = Cadence.DAILY, "daily"
    elif per_week >= 2:
        cadence, text = Cadence.FEW_TIMES_A_WEEK, "a few times a week"
    elif per_week >= 0.75 and week_share >= 0.75:
        cadence, text = Cadence.WEEKLY, "about weekly"
    else:
        cadence, text = Cadence.IRREGULAR, "irregularly"
    message = f"You log {text}: {per_week:.1f} active days per week over {plural(buckets, 'week')}."
    return CadencePattern(cadence, len(days), span, round(per_week, 2), round(week_share, 3), True, n, message)


def _rhythm(log: Sequence[ProgressEntry], zone: ZoneInfo, tz: str) -> RhythmPattern:
    n = len(log)
    hours = [0] * 24
    weekday_counts: Counter[str] = Counter()
    for e in log:
        local = e.logged_at.astimezone(zone)
        hours[local.hour] += 1
        weekday_counts[WEEKDAYS[local.weekday()]] += 1
    counts = {d: weekday_counts[d] for d in WEEKDAYS}
    if n < MIN_ENTRIES_RHYTHM:
        return RhythmPattern(
            tz, (), counts, None, None, (), tuple(hours), False, n, thin(n, MIN_ENTRIES_RHYTHM, "progress entries")
        )
    top_day = max(counts.values())
    weekdays = tuple(d for d in WEEKDAYS if counts[d] >= 0.6 * top_day)
    top_hour = max(hours)
    peak_hours = tuple(h for h in range(24) if hours[h] and hours[h] >= 0.6 * top_hour)
    parts = {name: sum(hours[lo : hi + 1]) for name, lo, hi in DAY_PARTS}
    best_part = max(parts, key=lambda p: parts[p])  # dict order breaks ties
    share = parts[best_part] / n
    time_of_day = best_part if share >= 0.5 else None
    day_text = "every day of the week" if len(weekdays) == 7 else "on " + ", ".join(d.capitalize() for d in weekdays)
    hour_text = hour_ranges(peak_hours)
    if time_of_day:
        message = (
            f"You usually learn {day_text}, {PART_PHRASES[time_of_day]} "
            f"({round(100 * share)}% of entries, mostly {hour_text} {tz})."
        )
    else:
        message = f"You usually learn {day_text}, at varied times (peak {hour_text} {tz})."
    return RhythmPattern(tz, weekdays, counts, time_of_day, round(share, 3), peak_hours, tuple(hours), True, n, message)


def hour_ranges(hours: Sequence[int]) -> str:
    """Peak hours as clock ranges, wrapping midnight: (23, 0, 1) -> '23:00-02:00'."""
    todo = set(hours)
    if len(todo) == 24:
        return "around the clock"
    runs = []
    for h in sorted(todo):
        if (h - 1) % 24 in todo:
            continue  # not the start of a run
        end = h
        while (end + 1) % 24 in todo:
            end = (end + 1) % 24
        runs.append(f"{h:02d}:00-{(end + 1) % 24:02d}:00")
    return ", ".join(runs) if runs else "00:00-00:00"


# --------------------------------------------------------------------------- goal length


def completed_span_days(goal: Goal) -> int | None:
    if goal.status != GoalStatus.COMPLETED or goal.completed_on is None:
        return None
    return max(0, (goal.completed_on - goal.created_on).days)


def abandoned_span_days(goal: Goal) -> int | None:
    if goal.status != GoalStatus.ABANDONED:
        return None
    spans = [(d - goal.created_on).days for d in (goal.target_date, goal.abandoned_on) if d is not None]
    return max(0, max(spans)) if spans else None


def _goal_length(goals: Sequence[Goal]) -> GoalLengthPattern:
    done = sorted(d for g in goals if (d := completed_span_days(g)) is not None)
    dropped = sorted(d for g in goals if (d := abandoned_span_days(g)) is not None)
    n = len(done) + len(dropped)
    done_w = tuple(weeks_ceil(d) for d in done)
    dropped_w = tuple(weeks_ceil(d) for d in dropped)
    if n < MIN_FINISHED_GOALS:
        return GoalLengthPattern(
            None,
            None,
            None,
            False,
            done_w,
            dropped_w,
            False,
            n,
            thin(n, MIN_FINISHED_GOALS, "completed or abandoned goals"),
        )
    if not done:
        over = max(0, (dropped[0] - 1) // 7)
        return GoalLengthPattern(None, over, None, False, done_w, dropped_w, False, n, thin(0, 1, "completed goals"))
    up_to = weeks_ceil(done[-1])
    if not dropped:
        message = f"You finish goals up to {plural(up_to, 'week')}; none were abandoned."
        return GoalLengthPattern(up_to, None, up_to, False, done_w, dropped_w, True, n, message)
    over = max(0, (dropped[0] - 1) // 7)
    if dropped[0] > done[-1]:
        message = f"You finish goals up to {plural(up_to, 'week')}; goals longer than {plural(over, 'week')} were abandoned."
        return GoalLengthPattern(up_to, over, up_to, True, done_w, dropped_w, True, n, message)
    typical = weeks_ceil(round(statistics.median(done)))
    message = (
        f"Goal length doesn't separate finished from abandoned goals "
        f"(finished {min(done_w)}-{max(done_w)} weeks, abandoned {min(dropped_w)}-"
        f"{max(dropped_w)} weeks); your typical finished goal takes "
        f"{plural(typical, 'week')}."
    )
    return GoalLengthPattern(up_to, over, typical, False, done_w, dropped_w, True, n, message)


# --------------------------------------------------------------------------- acceleration


def weekly_progress(goal: Goal, entries: Sequence[ProgressEntry], zone: ZoneInfo) -> list[float]:
    """Progress points per week since ``goal.created_on`` (index 0 = week 1)."""
    weeks: dict[int, float] = defaultdict(float)
    for e in entries:
        w = max(0, (local_date(e.logged_at, zone) - goal.created_on).days // 7)
        weeks[w] += e.amount
    if not weeks:
        return []
    return [weeks.get(i, 0.0) for i in range(max(weeks) + 1)]


def acceleration_week(rates: Sequence[float]) -> int | None:
    """First 1-based week w >= 2 with rate >= 1.5x the mean of earlier weeks (mean must be > 0)."""
    for i in range(1, len(rates)):
        prior = sum(rates[:i]) / i
        if prior > 0 and rates[i] >= ACCELERATION_FACTOR * prior:
            return i + 1
    return None


def _acceleration(goals: Sequence[Goal], by_goal: dict, zone: ZoneInfo) -> AccelerationPattern:
    analysed = 0
    found: Counter[int] = Counter()
    for goal in goals:
        entries = by_goal.get(goal.id, [])
        weeks_with_entries = {(local_date(e.logged_at, zone) - goal.created_on).days // 7 for e in entries}
        if len(weeks_with_entries) < 2:
            continue
        analysed += 1
        week = acceleration_week(weekly_progress(goal, entries, zone))
        if week is not None:
            found[week] += 1
    counts = {str(w): found[w] for w in sorted(found)}
    if analysed < MIN_GOALS_ACCELERATION:
        return AccelerationPattern(
            None,
            sum(found.values()),
            counts,
            False,
            analysed,
            thin(analysed, MIN_GOALS_ACCELERATION, "goals with at least two weeks of progress entries"),
        )
    if not found:
        return AccelerationPattern(
            None,
            0,
            counts,
            True,
            analysed,
            f"Your progress stays steady; no acceleration week in {plural(analysed, 'goal')}.",
        )
    top = max(found.values())
    week = min(w for w, c in found.items() if c == top)
    message = f"Your progress usually speeds up in week {week} ({top} of {plural(analysed, 'goal')})."
    return AccelerationPattern(week, sum(found.values()), counts, True, analysed, message)


# --------------------------------------------------------------------------- obstacles


def obstacle_categories(text: str) -> list[str]:
    """Obstacle categories mentioned in a piece of text (each category at most once)."""
    return [cat for cat in OBSTACLE_ORDER if _OBSTACLE_RE[cat].search(text)]


def last_activity(goal: Goal, entries: Sequence[ProgressEntry], zone: ZoneInfo) -> date:
    days = [local_date(e.logged_at, zone) for e in entries]
    return max([goal.created_on, *days])


def stalled_steps(goals: Sequence[Goal], by_goal: dict, zone: ZoneInfo, today: date) -> list[str]:
    titles = []
    for goal in goals:
        if goal.status == GoalStatus.ABANDONED:
            stalled = True
        elif goal.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED):
            idle = (today - last_activity(goal, by_goal.get(goal.id, []), zone)).days
            stalled = idle >= STALL_DAYS
        else:
            stalled = False
        if stalled:
            step = next((s for s in goal.steps if not s.done), None)
            if step is not None:
                titles.append(step.title)
    return titles


def _obstacles(goals, log, by_goal, zone, today) -> ObstaclePattern:
    notes = [e.note for e in log if e.note and e.note.strip()]
    steps = stalled_steps(goals, by_goal, zone, today)
    from_notes: Counter[str] = Counter(c for note in notes for c in obstacle_categories(note))
    from_steps: Counter[str] = Counter(c for title in steps for c in obstacle_categories(title))
    rows = [
        ObstacleCount(cat, from_notes[cat] + from_steps[cat], from_notes[cat], from_steps[cat])
        for cat in OBSTACLE_ORDER
        if from_notes[cat] + from_steps[cat]
    ]
    rows.sort(key=lambda r: (-r.count, OBSTACLE_ORDER.index(r.category)))
    n = len(notes) + len(steps)
    if n < MIN_OBSTACLE_TEXTS:
        return ObstaclePattern(
            tuple(rows), len(notes), len(steps), False, n, thin(n, MIN_OBSTACLE_TEXTS, "notes or stalled steps")
        )
    if not rows:
        message = f"No obstacles mentioned in {plural(n, 'note')} and stalled steps."
    else:
        top = ", ".join(f"{r.category} ({r.count})" for r in rows[:3])
        message = f"Most common obstacles: {top}."
    return ObstaclePattern(tuple(rows), len(notes), len(steps), True, n, message)


# --------------------------------------------------------------------------- outcomes


def _success_by_difficulty(goals: Sequence[Goal]) -> DifficultySuccessPattern:
    rows = []
    for level in DIFFICULTY_ORDER:
        done = sum(1 for g in goals if g.difficulty == level and g.status == GoalStatus.COMPLETED)
        dropped = sum(1 for g in goals if g.difficulty == level and g.status == GoalStatus.ABANDONED)
        rate = round(done / (done + dropped), 3) if done + dropped else None
        rows.append(DifficultyRate(level, done, dropped, rate))
    n = sum(r.completed + r.abandoned for r in rows)
    if n < MIN_FINISHED_GOALS:
        return DifficultySuccessPattern(tuple(rows), False, n, thin(n, MIN_FINISHED_GOALS, "completed or abandoned goals"))
    parts = [f"{r.difficulty.value} {r.completed}/{r.completed + r.abandoned}" for r in rows if r.rate is not None]
    return DifficultySuccessPattern(tuple(rows), True, n, "Goals completed by difficulty: " + ", ".join(parts) + ".")


def _finish_timing(goals: Sequence[Goal]) -> FinishTimingPattern:
    timed = sorted(
        (g for g in goals if g.status == GoalStatus.COMPLETED and g.completed_on and g.target_date),
        key=lambda g: (g.completed_on, str(g.id)),
        reverse=True,
    )[:FINISH_TIMING_WINDOW]
    n = len(timed)
    early = sum(1 for g in timed if g.completed_on and g.target_date and g.completed_on < g.target_date)
    if n < FINISH_TIMING_WINDOW:
        return FinishTimingPattern(early, n, False, False, n, thin(n, FINISH_TIMING_WINDOW, "completed goals with a target date"))
    finishes_early = early >= EARLY_FINISH_MIN
    message = f"You finished {early} of your last {n} goals before the target date."
    return FinishTimingPattern(early, n, finishes_early, True, n, message)


__all__ = [
    "AccelerationPattern",
    "CadencePattern",
    "DifficultyRate",
    "DifficultySuccessPattern",
    "FinishTimingPattern",
    "FormatPattern",
    "GoalLengthPattern",
    "LearningPatterns",
    "ObstacleCount",
    "ObstaclePattern",
    "RhythmPattern",
    "abandoned_span_days",
    "acceleration_week",
    "completed_span_days",
    "learning_patterns",
    "obstacle_categories",
    "weekly_progress",
]
