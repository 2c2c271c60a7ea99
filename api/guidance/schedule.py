"""When the companion looks and when it keeps quiet, in the person's own time zone. Pure.

The next evaluation is the next local `hour`:00 (daily for normal and eager, the next Monday for
weekly, never when off), turned into an instant through the IANA zone, so a DST change or a move
to another zone shifts it correctly. A wall-clock hour that does not exist on a spring-forward day
resolves forward (zoneinfo's fold=0 rule), one that happens twice on a fall-back day to its first."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.dates import aware
from api.dates import valid_timezone as valid_timezone  # the one check lives in api.dates
from api.vocabulary import GuidanceLevel


def _at(day: date, hour: int, zone: ZoneInfo) -> datetime:
    local = datetime.combine(day, time(hour), tzinfo=zone)
    # a non-existent local time (spring forward) round-trips through UTC to the next valid one
    return local.astimezone(UTC)


def next_evaluation(now: datetime, timezone: str, hour: int, level: GuidanceLevel | str) -> datetime | None:
    """The first evaluation instant strictly after `now`; None when guidance is off."""
    level = GuidanceLevel(level)
    if level is GuidanceLevel.OFF:
        return None
    zone = ZoneInfo(timezone)
    now = aware(now)
    day = now.astimezone(zone).date()
    for offset in range(9):
        candidate_day = day + timedelta(days=offset)
        if level is GuidanceLevel.WEEKLY and candidate_day.weekday() != 0:
            continue
        candidate = _at(candidate_day, hour, zone)
        if candidate > now:
            return candidate
    raise AssertionError("unreachable: a matching day exists within 8 days")


def in_quiet_hours(now: datetime, timezone: str, start: time | None, end: time | None) -> bool:
    """Whether the local wall-clock time of `now` falls in [start, end); the window may wrap midnight."""
    if start is None or end is None or start == end:
        return False
    local = aware(now).astimezone(ZoneInfo(timezone)).time().replace(tzinfo=None)
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_until(now: datetime, timezone: str, start: time | None, end: time | None) -> datetime | None:
    """The instant quiet hours end, when `now` is inside them; else None."""
    if not in_quiet_hours(now, timezone, start, end):
        return None
    assert end is not None
    zone = ZoneInfo(timezone)
    local_day = aware(now).astimezone(zone).date()
    for offset in (0, 1):
        candidate = datetime.combine(local_day + timedelta(days=offset), end, tzinfo=zone).astimezone(UTC)
        if candidate > aware(now):
            return candidate
    return None


def local_day_bounds(now: datetime, timezone: str) -> tuple[datetime, datetime]:
    """The person's current local day as [start, end) instants (for the per-day cap)."""
    zone = ZoneInfo(timezone)
    day = aware(now).astimezone(zone).date()
    start = datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    return start, end
