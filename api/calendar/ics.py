"""The iCalendar (RFC 5545) document of a person's feed, built with the `icalendar` library. Pure.

Interviews are timed events in the zone they were given in (DTSTART;TZID=… with its VTIMEZONE), so
calendar apps show the right local time on both sides of a DST change; follow-ups and goal target
dates are all-day events. Every event has a UID that names what it is about (`interview-<id>@host`,
`follow-up-<application id>@host`, `goal-<id>@host`), and DTSTAMP / LAST-MODIFIED from the row's
updated_at, so a calendar app updates the event it has rather than adding a second one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from api.dates import aware

PRODID = "-//Career Companion//Calendar feed//EN"
NAME = "Career Companion"
KIND_LABELS = {
    "phone_screen": "Phone screen",
    "technical": "Technical interview",
    "behavioral": "Behavioral interview",
    "onsite": "Onsite interview",
    "final": "Final interview",
    "other": "Interview",
}


@dataclass(frozen=True)
class FeedInterview:
    id: int
    starts_at: datetime
    timezone: str
    duration_minutes: int
    kind: str
    title: str
    company: str
    location: str
    link: str
    notes: str
    updated_at: datetime


@dataclass(frozen=True)
class FeedFollowUp:
    application_id: int
    on: date
    title: str
    company: str
    updated_at: datetime


@dataclass(frozen=True)
class FeedGoal:
    id: int
    title: str
    on: date
    why: str
    updated_at: datetime


def _stamped(event: icalendar.Event, uid: str, updated_at: datetime) -> icalendar.Event:
    stamp = aware(updated_at).astimezone(UTC).replace(microsecond=0)
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    return event


def _all_day(uid: str, summary: str, on: date, updated_at: datetime, description: str = "") -> icalendar.Event:
    event = _stamped(icalendar.Event(), uid, updated_at)
    event.add("summary", summary)
    event.add("dtstart", on)
    event.add("dtend", on + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not busy time
    if description:
        event.add("description", description)
    return event


def interview_event(item: FeedInterview, host: str) -> icalendar.Event:
    event = _stamped(icalendar.Event(), f"interview-{item.id}@{host}", item.updated_at)
    event.add("summary", f"Interview: {item.title} at {item.company}")
    event.add("dtstart", aware(item.starts_at).astimezone(ZoneInfo(item.timezone)))
    event.add("duration", timedelta(minutes=item.duration_minutes))
    if item.location:
        event.add("location", item.location)
    if item.link:
        event.add("url", item.link)
    lines = [KIND_LABELS.get(item.kind, "Interview")]
    if item.link:
        lines.append(f"Link: {item.link}")
    if item.notes:
        lines.append(item.notes)
    event.add("description", "\n".join(lines))
    return event


def calendar(host: str, interviews: list[FeedInterview], follow_ups: list[FeedFollowUp], goals: list[FeedGoal]) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", NAME)
    for interview in interviews:
        cal.add_component(interview_event(interview, host))
    for follow_up in follow_ups:
        summary = f"Follow up: {follow_up.company}"
        detail = f"Follow up on your application for {follow_up.title} at {follow_up.company}."
        cal.add_component(
            _all_day(f"follow-up-{follow_up.application_id}@{host}", summary, follow_up.on, follow_up.updated_at, detail)
        )
    for goal in goals:
        cal.add_component(_all_day(f"goal-{goal.id}@{host}", f"Goal due: {goal.title}", goal.on, goal.updated_at, goal.why))
    if interviews:
        # VTIMEZONE definitions for the zones in use, covering the years of the events
        first = min(i.starts_at for i in interviews).date() - timedelta(days=366)
        last = max(i.starts_at for i in interviews).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()
