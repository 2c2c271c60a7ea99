"""guidanceSettings and guidanceSettingsUpdate: defaults, partial changes, validation (cap, time
zone) and the next evaluation in the person's time zone, across DST changes. Quiet hours are the
notification preferences' (tests/notification/test_preferences.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from api.db import unit_of_work
from api.guidance import service
from tests.support.graphql import db_id, signed_up
from tests.support.insights import GUIDANCE_SETTINGS, SETTINGS_UPDATE, settings_row, user_timezone


async def settings(user) -> dict:
    return (await user.gql(GUIDANCE_SETTINGS))["viewer"]["guidanceSettings"]


async def update(user, **input) -> dict:
    return (await user.gql(SETTINGS_UPDATE, {"input": input}))["guidanceSettingsUpdate"]


class TestGuidanceSettings:
    async def test_a_new_user_gets_the_defaults(self, client):
        # given
        user = await signed_up(client)
        # when
        found = await settings(user)
        # then
        assert found == {
            "level": "NORMAL",
            "dailyCap": 3,
            "wellbeing": False,
            "timezone": "UTC",
            "nextEvaluationAt": None,
        }
        assert await settings_row(db_id(user.user_id)) is not None


class TestGuidanceSettingsUpdate:
    async def test_only_the_given_fields_change(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, dailyCap=5, wellbeing=True)
        # then
        assert payload["errors"] == []
        assert payload["settings"] == {**await settings(user), "dailyCap": 5, "wellbeing": True}
        assert payload["settings"]["level"] == "NORMAL"

    async def test_the_daily_cap_is_0_to_50(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, dailyCap=51, level="EAGER")
        # then
        assert payload["errors"] == [
            {"field": "dailyCap", "message": "The daily cap must be between 0 and 50", "code": "OUT_OF_RANGE"}
        ]
        assert (await settings(user))["level"] == "NORMAL"

    async def test_a_time_zone_that_does_not_exist_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, timezone="Mars/Olympus", dailyCap=10)
        # then
        assert payload["errors"] == [
            {
                "field": "timezone",
                "message": "Unknown time zone 'Mars/Olympus'; use an IANA name such as Europe/Berlin",
                "code": "INVALID",
            }
        ]
        assert await user_timezone(db_id(user.user_id)) == "UTC"
        assert (await settings(user))["dailyCap"] == 3

    async def test_a_new_time_zone_is_the_persons_and_moves_the_next_evaluation(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, timezone="Pacific/Auckland")
        # then
        assert payload["errors"] == [] and payload["settings"]["timezone"] == "Pacific/Auckland"
        assert (await user.gql(GUIDANCE_SETTINGS))["viewer"]["timezone"] == "Pacific/Auckland"
        local = datetime.fromisoformat(payload["settings"]["nextEvaluationAt"]).astimezone(ZoneInfo("Pacific/Auckland"))
        assert (local.hour, local.minute) == (8, 0)
        assert local > datetime.now(UTC)

    async def test_off_means_no_next_evaluation(self, client):
        # given
        user = await signed_up(client)
        await update(user, level="NORMAL", timezone="Europe/Berlin")
        # when
        payload = await update(user, level="OFF")
        # then
        assert payload["settings"]["level"] == "OFF" and payload["settings"]["nextEvaluationAt"] is None

    async def test_weekly_evaluates_on_a_monday_morning(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, level="WEEKLY", timezone="America/Los_Angeles")
        # then
        local = datetime.fromisoformat(payload["settings"]["nextEvaluationAt"]).astimezone(ZoneInfo("America/Los_Angeles"))
        assert (local.weekday(), local.hour) == (0, 8)

    async def test_null_for_a_required_setting_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, level=None, timezone=None)
        # then
        assert payload["errors"] == [
            {"field": "level", "message": "Level cannot be empty", "code": "REQUIRED"},
            {"field": "timezone", "message": "Time zone cannot be empty", "code": "REQUIRED"},
        ]


class TestNextEvaluationAcrossDst:
    async def test_spring_forward_in_los_angeles(self, client):
        # given: Saturday 2025-03-08 noon PST; clocks go forward on Sunday 2025-03-09 at 02:00
        user = await signed_up(client)
        now = datetime(2025, 3, 8, 20, 0, tzinfo=UTC)
        async with unit_of_work() as session:
            await service.update_settings(session, db_id(user.user_id), {"timezone": "America/Los_Angeles"}, now=now)
        # when
        first = (await settings_row(db_id(user.user_id))).next_evaluation_at
        async with unit_of_work() as session:
            view = await service.update_settings(session, db_id(user.user_id), {"level": "eager"}, now=first)
        # then: Sunday 08:00 is PDT (UTC-7), Monday 08:00 too
        assert first == datetime(2025, 3, 9, 15, 0, tzinfo=UTC)
        assert view.next_evaluation_at == datetime(2025, 3, 10, 15, 0, tzinfo=UTC)

    async def test_fall_back_in_auckland(self, client):
        # given: Auckland leaves daylight time on Sunday 2025-04-06 at 03:00 (UTC+13 -> UTC+12)
        user = await signed_up(client)
        now = datetime(2025, 4, 5, 12, 0, tzinfo=UTC)  # Sunday 01:00 NZDT
        # when
        async with unit_of_work() as session:
            view = await service.update_settings(session, db_id(user.user_id), {"timezone": "Pacific/Auckland"}, now=now)
        # then: Sunday 08:00 NZST is 20:00 UTC on Saturday
        assert view.next_evaluation_at == datetime(2025, 4, 5, 20, 0, tzinfo=UTC)
        assert view.timezone == "Pacific/Auckland"
