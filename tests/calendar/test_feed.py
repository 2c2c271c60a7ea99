"""The secret ICS calendar feed: created and shown once, parsed with icalendar, stable UIDs, the
right local time, and 404 for revoked, regenerated-away and unknown tokens."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from sqlalchemy import select, update

from api.db import read_session, unit_of_work
from api.models import InterviewAppointment, NotificationPreference
from tests.support.calendar import FEED, FEED_CREATE, FEED_REVOKE, applied, create_interview, update_application, update_interview
from tests.support.career import create_goal
from tests.support.graphql import db_id, signed_up


async def feed_url(user) -> str:
    payload = (await user.gql(FEED_CREATE))["calendarFeedCreate"]
    assert payload["errors"] == [], payload
    return payload["url"]


async def fetch(client, url: str):
    return await client.get(urlsplit(url).path)


async def events(client, url: str) -> dict[str, icalendar.Event]:
    response = await fetch(client, url)
    assert response.status_code == 200, response.text
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


class TestCalendarFeedCreate:
    async def test_returns_the_secret_url_once_and_the_viewer_sees_it_active(self, client, base_url):
        # given
        user = await signed_up(client)
        before = (await user.gql(FEED))["viewer"]["calendarFeed"]
        # when
        payload = (await user.gql(FEED_CREATE))["calendarFeedCreate"]
        # then
        assert before == {"active": False, "createdAt": None}
        assert payload["errors"] == [] and payload["feed"]["active"] is True
        assert payload["url"].startswith(f"{base_url}/calendar/") and payload["url"].endswith(".ics")
        assert len(urlsplit(payload["url"]).path.removeprefix("/calendar/").removesuffix(".ics")) >= 43
        after = (await user.gql(FEED))["viewer"]["calendarFeed"]
        assert after == payload["feed"] and after["createdAt"] is not None

    async def test_stores_only_the_hash_of_the_token(self, client):
        # given
        user = await signed_up(client)
        # when
        url = await feed_url(user)
        # then
        token = urlsplit(url).path.removeprefix("/calendar/").removesuffix(".ics")
        async with read_session() as session:
            stored = (
                await session.execute(
                    select(NotificationPreference.calendar_token_hash).where(
                        NotificationPreference.user_id == db_id(user.user_id)
                    )
                )
            ).scalar_one()
        assert stored == hashlib.sha256(token.encode()).hexdigest() and token not in stored

    async def test_serves_a_valid_private_calendar(self, client):
        # given
        user = await signed_up(client)
        url = await feed_url(user)
        # when
        response = await fetch(client, url)
        # then
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/calendar; charset=utf-8"
        assert response.headers["cache-control"] == "private, no-store"
        calendar = icalendar.Calendar.from_ical(response.content)
        assert (str(calendar["version"]), str(calendar["x-wr-calname"])) == ("2.0", "Career Companion")
        assert calendar["prodid"]


class TestCalendarFeedEvents:
    async def test_interviews_follow_ups_and_goal_dates_are_events(self, client):
        # given
        user = await signed_up(client)
        application_id = await applied(user, company="Acme", title="Platform Engineer")
        interview = (
            await create_interview(
                user,
                application_id,
                startsAt="2030-07-01T10:00:00+02:00",
                timezone="Europe/Berlin",
                durationMinutes=45,
                location="Acme HQ",
                link="https://meet.example.com/abc",
                notes="Bring the portfolio",
            )
        )["interview"]
        follow_up = (await update_application(user, id=application_id))["application"]["followUpOn"]
        goal = await create_goal(user, title="Ship the side project", targetDate="2030-09-30")
        url = await feed_url(user)
        # when
        found = await events(client, url)
        # then
        host = urlsplit(url).hostname
        meeting = found[f"interview-{db_id(interview['id'])}@{host}"]
        assert str(meeting["summary"]) == "Interview: Platform Engineer at Acme"
        assert meeting.decoded("duration") == timedelta(minutes=45)
        assert str(meeting["location"]) == "Acme HQ" and str(meeting["url"]) == "https://meet.example.com/abc"
        assert "https://meet.example.com/abc" in str(meeting["description"]) and "Bring the portfolio" in str(
            meeting["description"]
        )
        reminder = found[f"follow-up-{db_id(application_id)}@{host}"]
        assert str(reminder["summary"]) == "Follow up: Acme"
        assert reminder.decoded("dtstart") == date.fromisoformat(follow_up)
        due = found[f"goal-{db_id(goal['id'])}@{host}"]
        assert str(due["summary"]) == "Goal due: Ship the side project"
        assert due.decoded("dtstart") == date(2030, 9, 30) and due.decoded("dtend") == date(2030, 10, 1)

    async def test_an_interview_reads_back_at_its_local_time(self, client):
        # given: 10:00 in Berlin in summer and in winter, and 10:00 in New York given in UTC
        user = await signed_up(client)
        application_id = await applied(user)
        summer = (await create_interview(user, application_id, startsAt="2030-07-01T10:00:00+02:00"))["interview"]
        winter = (await create_interview(user, application_id, startsAt="2030-01-15T10:00:00+01:00"))["interview"]
        new_york = (await create_interview(user, application_id, startsAt="2030-07-01T14:00:00Z", timezone="America/New_York"))[
            "interview"
        ]
        url = await feed_url(user)
        # when
        response = await fetch(client, url)
        # then
        calendar = icalendar.Calendar.from_ical(response.content)
        starts = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
        for interview, zone in ((summer, "Europe/Berlin"), (winter, "Europe/Berlin"), (new_york, "America/New_York")):
            event = starts[f"interview-{db_id(interview['id'])}"]
            start = event.decoded("dtstart")
            assert event["dtstart"].params["TZID"] == zone
            assert (start.hour, start.minute, str(start.tzinfo)) == (10, 0, zone)
        assert {str(z["tzid"]) for z in calendar.walk("VTIMEZONE")} == {"Europe/Berlin", "America/New_York"}

    async def test_uids_are_stable_and_an_edit_updates_last_modified(self, client):
        # given: an interview last changed an hour ago
        user = await signed_up(client)
        interview = (await create_interview(user, await applied(user), location="Room 1"))["interview"]
        async with unit_of_work() as session:
            await session.execute(
                update(InterviewAppointment)
                .where(InterviewAppointment.id == db_id(interview["id"]))
                .values(updated_at=datetime.now(UTC) - timedelta(hours=1))
            )
        url = await feed_url(user)
        first, second = await events(client, url), await events(client, url)
        # when
        await update_interview(user, interview["id"], location="Room 2")
        edited = await events(client, url)
        # then
        uid = next(u for u in first if u.startswith(f"interview-{db_id(interview['id'])}@"))
        assert set(first) == set(second) == set(edited)
        assert first[uid]["last-modified"].dt == second[uid]["last-modified"].dt
        assert str(edited[uid]["location"]) == "Room 2"
        assert edited[uid]["last-modified"].dt > first[uid]["last-modified"].dt
        assert edited[uid]["dtstamp"].dt == edited[uid]["last-modified"].dt

    async def test_another_users_rows_never_appear(self, client):
        # given
        user, other = await signed_up(client), await signed_up(client)
        await create_interview(other, await applied(other, company="Secret Corp"))
        await create_goal(other, title="Private goal", targetDate="2030-09-30")
        url = await feed_url(user)
        # when
        found = await events(client, url)
        # then
        assert found == {}


class TestCalendarFeedTokens:
    async def test_a_revoked_feed_is_not_found(self, client):
        # given
        user = await signed_up(client)
        url = await feed_url(user)
        # when
        payload = (await user.gql(FEED_REVOKE))["calendarFeedRevoke"]
        # then
        assert payload == {"feed": {"active": False, "createdAt": None}, "url": None, "errors": []}
        assert (await fetch(client, url)).status_code == 404
        assert (await user.gql(FEED))["viewer"]["calendarFeed"]["active"] is False

    async def test_regenerating_retires_the_old_url(self, client):
        # given
        user = await signed_up(client)
        old = await feed_url(user)
        # when
        new = await feed_url(user)
        # then
        assert new != old
        assert (await fetch(client, old)).status_code == 404
        assert (await fetch(client, new)).status_code == 200

    async def test_an_unknown_token_looks_like_a_revoked_one(self, client):
        # given
        user = await signed_up(client)
        revoked = await feed_url(user)
        await user.gql(FEED_REVOKE)
        # when
        unknown_response = await client.get("/calendar/not-a-real-token-0123456789abcdefghijklmnopq.ics")
        revoked_response = await fetch(client, revoked)
        # then
        assert unknown_response.status_code == revoked_response.status_code == 404
        assert unknown_response.text == revoked_response.text
        assert unknown_response.headers["cache-control"] == "private, no-store"
