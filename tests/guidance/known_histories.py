"""Pure known histories for the guidance rule and engine tests: `UserFacts` built by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from api.guidance.facts import ApplicationFact, EntryFact, GoalFact, StatusChangeFact, StepFact, UserFacts
from api.vocabulary import ApplicationStatus, GoalDifficulty, GoalStatus

NOW = datetime(2025, 3, 18, 12, 0, tzinfo=UTC)
TODAY = date(2025, 3, 18)


def at(day: date, hour: int = 20, tz: str = "UTC") -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(tz)).astimezone(UTC)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def goal(
    goal_id: int = 1,
    title: str = "Kubernetes",
    *,
    started: int = 30,
    progress: int = 0,
    status: GoalStatus = GoalStatus.ACTIVE,
    target: date | None = None,
    steps: tuple[StepFact, ...] = (),
) -> GoalFact:
    return GoalFact(
        id=goal_id,
        title=title,
        status=status,
        difficulty=GoalDifficulty.MEDIUM,
        progress=progress,
        started_on=days_ago(started),
        target_date=target,
        steps=steps,
    )


def entries(goal_id: int, *days: int, amount: int = 5, tz: str = "UTC") -> tuple[EntryFact, ...]:
    """One entry per day given as days before TODAY, at 20:00 local."""
    return tuple(EntryFact(goal_id=goal_id, logged_at=at(days_ago(d), 20, tz), amount=amount) for d in sorted(days, reverse=True))


def cadence(per_week: float, sufficient: bool = True) -> dict[str, Any]:
    return {"cadence": {"active_days_per_week": per_week, "sufficient": sufficient}}


def application(
    application_id: int = 7, *, changed: datetime, status: ApplicationStatus = ApplicationStatus.APPLIED
) -> ApplicationFact:
    return ApplicationFact(
        id=application_id,
        job_id=70,
        title="Platform Engineer",
        company="Acme",
        status=status,
        created_at=changed - timedelta(days=1),
        applied_at=changed,
        last_change_at=changed,
        history=(StatusChangeFact(ApplicationStatus.INTERESTED, status, changed),),
    )


def facts(**fields: Any) -> UserFacts:
    values: dict[str, Any] = {"user_id": 1, "timezone": "UTC", "now": NOW, **fields}
    return UserFacts(**values)
