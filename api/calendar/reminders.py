"""When a follow-up or an interview reminder may be raised, and what it says. Pure.

A follow-up is reminded on its date (or, after a gap in the cron, up to CATCH_UP_DAYS later) once
the person's local morning has begun and outside their quiet hours. An interview is reminded within
REMIND_BEFORE of its start, outside quiet hours unless those last until it starts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.dates import aware
from api.guidance.schedule import in_quiet_hours, quiet_until

MORNING = time(8)
CATCH_UP_DAYS = 2
REMIND_BEFORE = timedelta(hours=24)
FOLLOW_UP_KIND = "follow_up_due"
INTERVIEW_KIND = "interview_soon"


def follow_up_due(now: datetime, timezone: str, on: date, quiet: tuple[time | None, time | None]) -> bool:
    local = aware(now).astimezone(ZoneInfo(timezone))
    today = local.date()
    if not today - timedelta(days=CATCH_UP_DAYS) <= on <= today:
        return False
    if local.time() < MORNING:
        return False
    return not in_quiet_hours(now, timezone, *quiet)


def interview_due(now: datetime, timezone: str, starts_at: datetime, quiet: tuple[time | None, time | None]) -> bool:
    starts_at = aware(starts_at)
    if not aware(now) < starts_at <= aware(now) + REMIND_BEFORE:
        return False
    until = quiet_until(now, timezone, *quiet)
    return until is None or until >= starts_at


def follow_up_key(application_id: int, on: date) -> str:
    return f"follow-up:{application_id}:{on.isoformat()}"


def interview_key(interview_id: int, starts_at: datetime) -> str:
    return f"interview:{interview_id}:{aware(starts_at).isoformat()}"


def follow_up_text(company: str, title: str, on: date) -> tuple[str, str]:
    return (
        f"Follow up: {company}",
        f"It is time to check in on your application for {title} at {company} (follow-up date {on.isoformat()}).",
    )


def interview_text(company: str, title: str, starts_at: datetime, zone: str) -> tuple[str, str]:
    local = aware(starts_at).astimezone(ZoneInfo(zone))
    when = f"{local:%a %d %b, %H:%M} ({zone})"
    return f"Interview soon: {title} at {company}", f"Your interview for {title} at {company} starts {when}."
