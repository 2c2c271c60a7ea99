"""The one place time-zone rules live (pure, no clock unless you pass none).

Rule: a datetime without a time zone is UTC. Every conversion here returns aware datetimes, so
values from the database, from job boards and from clients compare without surprises. A person's
"today" is their local date in their IANA time zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


def aware(moment: datetime) -> datetime:
    """The same instant, time-zone aware (naive means UTC)."""
    return moment if moment.tzinfo is not None and moment.utcoffset() is not None else moment.replace(tzinfo=UTC)


def optional_aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else aware(moment)


def to_datetime(value: object) -> datetime | None:
    """An aware datetime from a datetime, a date (its UTC midnight) or an ISO 8601 string
    ('2025-03-01', '2025-03-01T10:00:00Z', with any offset); None for empty or unreadable input."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return aware(value)
    if isinstance(value, date):
        return datetime.combine(value, time.min, tzinfo=UTC)
    text = str(value).strip()
    try:
        return aware(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        try:
            return datetime.combine(date.fromisoformat(text[:10]), time.min, tzinfo=UTC)
        except ValueError:
            return None


def to_date(value: object) -> date | None:
    """The calendar date of a date, a datetime (as written) or an ISO 8601 string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    moment = to_datetime(value)
    return moment.date() if moment else None


def local_date(moment: datetime, timezone: str | ZoneInfo) -> date:
    zone = timezone if isinstance(timezone, ZoneInfo) else ZoneInfo(timezone)
    return aware(moment).astimezone(zone).date()


def local_today(timezone: str | ZoneInfo, now: datetime | None = None) -> date:
    """Today where the person is."""
    return local_date(now or datetime.now(UTC), timezone)


def start_of_day(day: date, timezone: str | tzinfo = UTC) -> datetime:
    """The first instant of `day` in that time zone, as an aware datetime."""
    zone = ZoneInfo(timezone) if isinstance(timezone, str) else timezone
    return datetime.combine(day, time.min, tzinfo=zone)


def iso_week(day: date) -> str:
    """'2025-W03'."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(day: date) -> date:
    """The Monday of the ISO week."""
    return day - timedelta(days=day.weekday())


def valid_timezone(name: str) -> bool:
    """An IANA zone this machine knows ("Europe/Berlin", "UTC"); not an abbreviation or offset."""
    if not name or name != name.strip() or len(name) > 64:
        return False
    if name not in available_timezones() and name != "UTC":
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
