"""Synthetic, fully deterministic career histories for the journey analytics tests."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.journey.records import CareerContext, Goal, GoalStep, Journey, Milestone, ProgressEntry, SkillSnapshot
from api.vocabulary import GoalDifficulty, GoalStatus, LearningFormat, MilestoneKind

TZ = "America/New_York"


def at(day: date, hour: int, minute: int = 0, tz: str = TZ) -> datetime:
    """A local wall-clock time in ``tz``, returned as an aware UTC datetime (as a DB would)."""
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(tz)).astimezone(UTC)


def make_goal(
    goal_id: str,
    created: date,
    *,
    planned_weeks: int | None = 4,
    status: GoalStatus | str = GoalStatus.ACTIVE,
    difficulty: GoalDifficulty | str = GoalDifficulty.MEDIUM,
    finished_after_days: int | None = None,
    steps: tuple[str, ...] = ("Step 1", "Step 2", "Step 3", "Step 4"),
    steps_done: int = 0,
    progress: float | None = None,
    title: str | None = None,
) -> Goal:
    status = GoalStatus(status)
    finished = created + timedelta(days=finished_after_days) if finished_after_days is not None else None
    if status == GoalStatus.COMPLETED:
        steps_done, progress = len(steps), 100.0 if progress is None else progress
    return Goal(
        id=goal_id,
        title=title or f"Goal {goal_id}",
        created_on=created,
        status=status,
        difficulty=difficulty,
        target_date=created + timedelta(weeks=planned_weeks) if planned_weeks else None,
        completed_on=finished if status == GoalStatus.COMPLETED else None,
        abandoned_on=finished if status == GoalStatus.ABANDONED else None,
        steps=tuple(
            GoalStep(t, done=i < steps_done, done_at=at(created + timedelta(days=i + 1), 21) if i < steps_done else None)
            for i, t in enumerate(steps)
        ),
        progress=progress or 0.0,
    )


def log_days(
    goal_id: str,
    start: date,
    days: int,
    *,
    amount: float | Callable[[int], float] = 1.0,
    minutes: int = 60,
    fmt: LearningFormat | None = LearningFormat.HANDS_ON,
    hour: int | Callable[[int], int] = 20,
    minute: int = 30,
    every: int = 1,
    tz: str = TZ,
    notes: Mapping[int, str] | None = None,
    video_every: int | None = None,
) -> list[ProgressEntry]:
    """One entry every ``every`` days from ``start`` for ``days`` days (day index i = 0..days-1).

    ``video_every=n`` turns every n-th day (i % n == n - 1) into a 20-minute video session.
    """
    out = []
    for i in range(0, days, every):
        is_video = video_every is not None and i % video_every == video_every - 1
        out.append(
            ProgressEntry(
                goal_id=goal_id,
                logged_at=at(start + timedelta(days=i), hour(i) if callable(hour) else hour, minute, tz),
                amount=amount(i) if callable(amount) else amount,
                minutes=20 if is_video else minutes,
                learning_format=LearningFormat.VIDEO if is_video else fmt,
                note=(notes or {}).get(i),
            )
        )
    return out


def accelerating(i: int) -> float:
    """1 point a day in weeks 1-2, then 3 points a day: weekly 7, 7, 21, 21, ..."""
    return 1.0 if i < 14 else 3.0


def evening_hour(i: int) -> int:
    return 19 + i % 3  # 19:30, 20:30, 21:30 local


@dataclass(frozen=True)
class History:
    goals: list[Goal]
    entries: list[ProgressEntry]
    now: datetime
    tz: str = TZ
    milestones: list[Milestone] = field(default_factory=list)
    snapshots: list[SkillSnapshot] = field(default_factory=list)

    @property
    def today(self) -> date:
        return self.now.astimezone(ZoneInfo(self.tz)).date()


def evening_hands_on_user() -> History:
    """The issue's scenario.

    Logs every day in the evening (New York time), mostly hands-on (every 7th day a
    short video), progress accelerates in week 3 of each completed goal, and the two
    goals planned for more than 8 weeks (9 and 12) were abandoned. Completed goals
    took 5, 6 and 4 weeks; two of the last three finished before the target date.

    Timeline (2025): A Jan 6 (completed in 35 days, planned 6 weeks), B Feb 10
    (planned 9 weeks, abandoned after 28 days), C Mar 10 (completed in 42 days, planned
    6 weeks), D Apr 21 (planned 12 weeks, abandoned after 28 days), E May 19
    (completed in 28 days, planned 5 weeks), F Jun 16 (active, planned 6 weeks).
    """
    a, b, c = date(2025, 1, 6), date(2025, 2, 10), date(2025, 3, 10)
    d, e, f = date(2025, 4, 21), date(2025, 5, 19), date(2025, 6, 16)
    goals = [
        make_goal("A", a, planned_weeks=6, status="completed", finished_after_days=35),
        make_goal(
            "B",
            b,
            planned_weeks=9,
            status="abandoned",
            difficulty="hard",
            finished_after_days=28,
            steps_done=1,
            steps=("Read the docs", "Set up the Kubernetes cluster", "Deploy the app"),
        ),
        make_goal("C", c, planned_weeks=6, status="completed", finished_after_days=42),
        make_goal(
            "D",
            d,
            planned_weeks=12,
            status="abandoned",
            difficulty="stretch",
            finished_after_days=28,
            steps=("Read the design chapter", "Write the RFC"),
        ),
        make_goal("E", e, planned_weeks=5, status="completed", difficulty="easy", finished_after_days=28),
        make_goal("F", f, planned_weeks=6, steps_done=1, progress=21.0),
    ]
    common = {"hour": evening_hour, "video_every": 7}
    entries = [
        *log_days("A", a, 35, amount=accelerating, notes={3: "Great session"}, **common),
        *log_days("B", b, 28, notes={20: "Too tired after work", 25: "busy at work, no time"}, **common),
        *log_days("C", c, 42, amount=accelerating, **common),
        *log_days("D", d, 28, notes={22: "stuck on docker setup", 26: "tired again"}, **common),
        *log_days("E", e, 28, amount=accelerating, **common),
        *log_days("F", f, 14, amount=1.5, **common),
    ]
    now = datetime(2025, 6, 30, 21, 0, tzinfo=ZoneInfo(TZ))
    return History(goals, entries, now)


def thin_user() -> History:
    """Two entries and one completed goal: every pattern must say 'not enough data'."""
    start = date(2025, 6, 20)
    goals = [make_goal("X", start, planned_weeks=2, status="completed", finished_after_days=5)]
    entries = log_days("X", start, 2)
    return History(goals, entries, datetime(2025, 6, 30, 12, 0, tzinfo=ZoneInfo(TZ)))


# --------------------------------------------------------------------------- career data

TODAY = date(2025, 6, 30)


def milestone(kind: MilestoneKind | str, on: date, title: str | None = None) -> Milestone:
    return Milestone(kind=kind, title=title or str(kind), achieved_on=on)


def steady_engineer_milestones() -> list[Milestone]:
    """1 milestone in the year before the current one, 3 in the current year (to 2025-06-30)."""
    return [
        milestone("new_role", date(2023, 6, 30), "Joined as Software Engineer"),
        milestone("certification", date(2023, 11, 1)),
        milestone("project_completion", date(2024, 9, 15)),
        milestone("skill_mastery", date(2025, 1, 20)),
        milestone("certification", date(2025, 5, 5)),
    ]


def yearly_snapshots() -> list[SkillSnapshot]:
    """Mean growth +0.1/year in the previous period, +0.2/year in the current one."""
    return [
        SkillSnapshot(date(2023, 6, 30), {"programming": 0.3, "testing": 0.2}),
        SkillSnapshot(date(2024, 6, 30), {"programming": 0.4, "testing": 0.3}),
        SkillSnapshot(date(2025, 6, 30), {"programming": 0.6, "testing": 0.5, "docker": 0.2}),
    ]


def engineer_journey(target: str | None = "Senior Software Engineer", started: date | None = date(2023, 6, 30)) -> Journey:
    return Journey(current_role="Software Engineer", career_stage="mid", target_role=target, role_started_on=started)


def context(**overrides) -> CareerContext:
    values = {
        "learning_preferences": ("hands_on", "reading"),
        "hours_per_week": 4.0,
        "budget": 200.0,
        "stress_level": 2,
        "last_assessed_on": date(2025, 5, 1),
    }
    values.update(overrides)
    return CareerContext(**values)


# A senior engineer's skills, ready for the next rung of the ladder (prediction and suggestions).
SENIOR_READY_SKILLS = {
    "programming": 0.8,
    "testing": 0.7,
    "system design": 0.7,
    "code review": 0.7,
    "mentoring": 0.5,
    "communication": 0.6,
}
