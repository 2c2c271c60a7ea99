"""When digests go out, in the person's own time zone. Pure.

A digest time is a local wall-clock time ("07:30"); its instant on a local date comes from the
IANA zone, so a DST change or a move to another zone shifts it correctly. A wall-clock time that
does not exist on a spring-forward day resolves forward (02:30 becomes 03:30), one that happens
twice on a fall-back day resolves to its first occurrence (zoneinfo's fold=0 rule). A digest is
for the local date of its scheduled instant; after it (sent or not) the next one is that time on
the following local date — or the first one after now, when the worker was away for longer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.dates import aware

LATE_LIMIT = timedelta(hours=6)  # a digest due longer ago than this is skipped (the worker was away)


def at_local(day: date, wall: time, timezone: str) -> datetime:
    """The instant of `wall` on local `day` in the zone (forward over a gap, the first of a repeat)."""
    local = datetime.combine(day, wall.replace(tzinfo=None), tzinfo=ZoneInfo(timezone))
    # fold=0: a non-existent time takes the offset before the gap, which lands after it in UTC
    return local.astimezone(UTC)


def local_date_of(moment: datetime, timezone: str) -> date:
    return aware(moment).astimezone(ZoneInfo(timezone)).date()


def next_at(now: datetime, timezone: str, wall: time, *, after: date | None = None) -> datetime:
    """The first instant of local `wall` strictly after `now`, on a local date after `after` when given."""
    now = aware(now)
    day = local_date_of(now, timezone)
    if after is not None and after >= day:
        day = after + timedelta(days=1)
    for offset in range(3):
        candidate = at_local(day + timedelta(days=offset), wall, timezone)
        if candidate > now:
            return candidate
    raise AssertionError("unreachable: a later local day has a later instant")


def on_vacation(vacation_until: date | None, now: datetime, timezone: str) -> bool:
    """Vacation pauses digests through its last local date."""
    return vacation_until is not None and local_date_of(now, timezone) <= vacation_until


def too_late(scheduled: datetime, now: datetime) -> bool:
    return aware(now) - aware(scheduled) > LATE_LIMIT
