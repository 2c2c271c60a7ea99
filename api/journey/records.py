"""Plain input records of the journey analytics, and the one JSON conversion of their outputs.

Everything here is a frozen dataclass with no ORM or GraphQL dependency; the vocabularies are
those of `api.vocabulary`. `api.journey.history` maps database rows to these inputs;
`to_jsonable` turns any output dataclass into JSON-safe values for the cache columns.

Inputs accept plain strings for the enum fields and lists for the tuple fields;
``__post_init__`` normalises them (and rejects naive datetimes).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from api.dates import aware
from api.vocabulary import CareerStage, GoalDifficulty, GoalStatus, LearningFormat, MilestoneKind

STAGE_ORDER: tuple[CareerStage, ...] = tuple(CareerStage)
DIFFICULTY_ORDER: tuple[GoalDifficulty, ...] = tuple(GoalDifficulty)
ROLE_MOVE_KINDS = (MilestoneKind.PROMOTION, MilestoneKind.NEW_ROLE)


# --------------------------------------------------------------------------- helpers


def _set(obj: Any, name: str, value: Any) -> None:
    object.__setattr__(obj, name, value)


def require_aware(name: str, value: datetime | None) -> None:
    """The analytics compare instants, so a naive one is a caller's bug, not UTC."""
    if value is not None and aware(value) is not value:
        raise ValueError(f"{name} must be a timezone-aware datetime")


def _check_range(name: str, value: float | None, low: float, high: float) -> None:
    if value is not None and not (low <= value <= high):
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")


def to_jsonable(value: Any) -> Any:
    """Recursively convert dataclasses/enums/dates/tuples into JSON-safe values."""
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(to_jsonable(k)): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_jsonable(v) for v in value]
        return sorted(items) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, float):
        return round(value, 4)
    return value


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Journey:
    current_role: str
    career_stage: CareerStage
    target_role: str | None = None
    role_started_on: date | None = None  # when the current role began, if known

    def __post_init__(self) -> None:
        _set(self, "career_stage", CareerStage(self.career_stage))


@dataclass(frozen=True)
class Milestone:
    kind: MilestoneKind
    title: str
    achieved_on: date
    impact: float | None = None

    def __post_init__(self) -> None:
        _set(self, "kind", MilestoneKind(self.kind))


@dataclass(frozen=True)
class SkillSnapshot:
    taken_on: date
    skills: Mapping[str, float]  # skill name -> proficiency 0..1

    def __post_init__(self) -> None:
        for name, level in self.skills.items():
            _check_range(f"proficiency of {name!r}", level, 0.0, 1.0)


@dataclass(frozen=True)
class CareerContext:
    learning_preferences: tuple[LearningFormat, ...] = ()
    hours_per_week: float | None = None
    budget: float | None = None  # None = unknown, 0 = no budget
    commitments: tuple[str, ...] = ()
    motivation_factors: tuple[str, ...] = ()
    stress_factors: tuple[str, ...] = ()
    stress_level: int | None = None  # 1 (calm) .. 5 (overloaded)
    last_assessed_on: date | None = None

    def __post_init__(self) -> None:
        _set(self, "learning_preferences", tuple(LearningFormat(f) for f in self.learning_preferences))
        _set(self, "commitments", tuple(self.commitments))
        _set(self, "motivation_factors", tuple(self.motivation_factors))
        _set(self, "stress_factors", tuple(self.stress_factors))
        _check_range("stress_level", self.stress_level, 1, 5)


@dataclass(frozen=True)
class GoalStep:
    title: str
    done: bool = False
    done_at: datetime | None = None

    def __post_init__(self) -> None:
        require_aware("done_at", self.done_at)


@dataclass(frozen=True)
class Goal:
    id: str | int
    title: str
    created_on: date
    status: GoalStatus = GoalStatus.ACTIVE
    difficulty: GoalDifficulty = GoalDifficulty.MEDIUM
    why: str = ""
    target_date: date | None = None
    completed_on: date | None = None
    abandoned_on: date | None = None
    steps: tuple[GoalStep, ...] = ()  # in order
    progress: float = 0.0  # 0..100

    def __post_init__(self) -> None:
        _set(self, "status", GoalStatus(self.status))
        _set(self, "difficulty", GoalDifficulty(self.difficulty))
        _set(self, "steps", tuple(self.steps))
        _check_range("progress", self.progress, 0, 100)


@dataclass(frozen=True)
class ProgressEntry:
    goal_id: str | int
    logged_at: datetime  # timezone-aware
    amount: float = 0.0  # progress points added
    minutes: int = 0
    learning_format: LearningFormat | None = None
    note: str | None = None
    mood: int | None = None  # 1..5
    energy: int | None = None  # 1..5

    def __post_init__(self) -> None:
        require_aware("logged_at", self.logged_at)
        if self.learning_format is not None:
            _set(self, "learning_format", LearningFormat(self.learning_format))
        _check_range("mood", self.mood, 1, 5)
        _check_range("energy", self.energy, 1, 5)


@dataclass(frozen=True)
class PeerTransition:
    """One anonymised peer move. ``peer_id`` is an opaque per-user key, only used to count users."""

    from_role: str
    to_role: str
    years: float
    peer_id: str


__all__ = [
    "DIFFICULTY_ORDER",
    "ROLE_MOVE_KINDS",
    "STAGE_ORDER",
    "CareerContext",
    "Goal",
    "GoalStep",
    "Journey",
    "Milestone",
    "PeerTransition",
    "ProgressEntry",
    "SkillSnapshot",
    "require_aware",
    "to_jsonable",
]
