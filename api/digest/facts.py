"""What a digest is composed from: plain, frozen records of one person's day, gathered for a whole
batch of people by `api.digest.repository` (a constant number of statements per batch), and what
composing returns. Pure: no ORM, no clock — `DigestFacts.now` is the instant of the run.

Every datetime is time-zone aware; the person's local dates and times come from `timezone`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from api.guidance.facts import MarketFacts
from api.vocabulary import DigestKind

# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class MatchFact:
    """A job that scored at least the alert threshold since the last morning briefing."""

    job_id: int
    title: str
    company: str
    score: int
    reason: str  # one line of the job's score breakdown ("Skills: you have 4 of 5 must-have skills.")
    at: datetime  # when it was scored (or saved)


@dataclass(frozen=True)
class FollowUpFact:
    """An application in "applied" with its follow-up date."""

    application_id: int
    job_id: int
    title: str
    company: str
    follow_up_on: date


@dataclass(frozen=True)
class InterviewFact:
    """A scheduled interview (an appointment, not a mock interview)."""

    id: int
    job_id: int
    title: str
    company: str
    starts_at: datetime
    kind: str  # api.vocabulary.AppointmentKind value
    location: str = ""
    link: str = ""


@dataclass(frozen=True)
class GoalFact:
    id: int
    title: str
    progress: int  # 0..100
    target_date: date | None = None
    why: str = ""


@dataclass(frozen=True)
class EntryFact:
    """One progress-log entry: the goal, when, the points it added, the minutes spent."""

    goal_id: int
    logged_at: datetime
    amount: int = 0
    minutes: int = 0


@dataclass(frozen=True)
class InsightFact:
    """The person's top open insight, with the first of its actions (label and in-app path)."""

    id: int
    title: str
    message: str
    priority: str
    action_label: str | None = None
    action_href: str | None = None


@dataclass(frozen=True)
class ApplicationFact:
    """An application saved on the board (its job's title and company)."""

    id: int
    job_id: int
    title: str
    company: str
    status: str
    created_at: datetime


@dataclass(frozen=True)
class StatusChangeFact:
    application_id: int
    job_id: int
    title: str
    company: str
    from_status: str | None
    to_status: str
    changed_at: datetime


@dataclass(frozen=True)
class DocumentFact:
    id: int
    kind: str  # api.vocabulary.DocumentKind value
    title: str
    created_at: datetime


@dataclass(frozen=True)
class PracticeFact:
    """A mock interview the person practised."""

    id: int
    kind: str  # api.vocabulary.InterviewKind value
    started_at: datetime
    score: float | None = None  # 0..10 once completed


@dataclass(frozen=True)
class DigestFacts:
    user_id: int
    timezone: str
    now: datetime
    local_date: date  # the date the digest is for (the person's local date of its scheduled instant)
    skills: tuple[str, ...] = ()  # the profile's skills
    patterns: Mapping[str, Any] | None = None  # the journey's cached learning patterns (JSON)
    goals: tuple[GoalFact, ...] = ()  # active goals
    entries: tuple[EntryFact, ...] = ()  # progress log of recent weeks, oldest first
    active_days: tuple[date, ...] = ()  # local dates with progress (for the streak)
    matches: tuple[MatchFact, ...] = ()
    follow_ups: tuple[FollowUpFact, ...] = ()
    interviews: tuple[InterviewFact, ...] = ()
    insight: InsightFact | None = None
    market: MarketFacts | None = None
    applications: tuple[ApplicationFact, ...] = ()  # created recently
    changes: tuple[StatusChangeFact, ...] = ()  # status changes, recently
    documents: tuple[DocumentFact, ...] = ()  # generated recently
    practice: tuple[PracticeFact, ...] = ()  # mock interviews started recently


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class Item:
    text: str
    detail: str | None = None
    href: str | None = None


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: tuple[Item, ...]
    news: bool = True  # worth a digest on its own (the focus and the market note are not)


@dataclass(frozen=True)
class Composed:
    kind: DigestKind
    local_date: date
    subject: str
    sections: tuple[Section, ...] = field(default_factory=tuple)
    text: str = ""

    def sections_json(self) -> list[dict[str, Any]]:
        """As stored in digests.sections."""
        return [
            {
                "key": s.key,
                "title": s.title,
                "items": [{"text": i.text, "detail": i.detail, "href": i.href} for i in s.items],
            }
            for s in self.sections
        ]
