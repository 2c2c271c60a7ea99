"""notificationPreferences and notificationPreferencesUpdate: defaults, partial changes, quiet hours
(moved here from the guidance settings), digest times, the time zone, topics × channels, the email
address, push URLs behind the SSRF guard, the webhook secret, and validation that writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.channels import (
    PREFERENCES,
    PREFERENCES_UPDATE,
    SECRET_ROTATE,
    account_email,
    prefer,
    preferences_row,
    verified,
)
from tests.support.graphql import db_id, signed_up
from tests.support.insights import user_timezone


async def preferences(user) -> dict:
    return (await user.gql(PREFERENCES))["viewer"]["notificationPreferences"]


async def update(user, **input) -> dict:
    return (await user.gql(PREFERENCES_UPDATE, {"input": input}))["notificationPreferencesUpdate"]


TOPICS = ["JOB_ALERTS", "INSIGHTS", "DIGESTS", "FOLLOW_UPS", "APPLICATION_UPDATES"]


class TestNotificationPreferences:
    async def test_a_new_user_gets_the_defaults(self, client):
        # given
        user = await signed_up(client)
        # when
        found = await preferences(user)
        # then
        assert found == {
            "topics": [{"topic": topic, "channels": ["IN_APP"]} for topic in TOPICS],
            "quietHoursStart": "22:00",
            "quietHoursEnd": "07:00",
            "morningEnabled": True,
            "morningTime": "07:30",
            "eveningEnabled": True,
            "eveningTime": "19:00",
            "sendWhenQuiet": False,
            "vacationUntil": None,
            "jobAlertMode": "INSTANT",
            "timezone": "UTC",
            "email": f"{user.username}@example.com",
            "emailVerified": False,
            "ntfyUrl": None,
            "ntfyTokenSet": False,
            "webhookUrl": None,
            "webhookSecret": None,
            "channels": [
                {"channel": "IN_APP", "configured": True, "ready": True, "detail": "Ready"},
                {"channel": "EMAIL", "configured": False, "ready": False, "detail": "Email is not configured on this server"},
                {"channel": "NTFY", "configured": False, "ready": False, "detail": "Set an ntfy topic URL first"},
                {"channel": "WEBHOOK", "configured": False, "ready": False, "detail": "Set a webhook URL first"},
            ],
            "nextMorningAt": None,
            "nextEveningAt": None,
        }

    async def test_email_asks_for_verification_once_smtp_is_configured(self, client, mailbox):
        # given
        user = await signed_up(client)
        # when
        found = await preferences(user)
        # then
        assert found["channels"][1] == {
            "channel": "EMAIL",
            "configured": True,
            "ready": False,
            "detail": "Verify your address first",
        }

    async def test_a_verified_address_is_ready(self, client, mailbox):
        # given
        user = await signed_up(client)
        await verified(db_id(user.user_id))
        # when
        found = await preferences(user)
        # then
        assert found["emailVerified"] is True
        assert found["channels"][1] == {"channel": "EMAIL", "configured": True, "ready": True, "detail": "Ready"}


class TestNotificationPreferencesUpdate:
    async def test_only_the_given_fields_change(self, client):
        # given
        user = await signed_up(client)
        before = await preferences(user)
        # when
        payload = await update(user, morningTime="06:45", sendWhenQuiet=True, jobAlertMode="DIGEST")
        # then
        assert payload["errors"] == []
        assert payload["preferences"] == {**before, "morningTime": "06:45", "sendWhenQuiet": True, "jobAlertMode": "DIGEST"}
        assert await preferences(user) == payload["preferences"]

    async def test_topics_choose_channels_and_in_app_always_stays(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(
            user, topics=[{"topic": "DIGESTS", "channels": ["EMAIL", "NTFY"]}, {"topic": "INSIGHTS", "channels": []}]
        )
        # then
        assert payload["errors"] == []
        topics = {t["topic"]: t["channels"] for t in payload["preferences"]["topics"]}
        assert topics["DIGESTS"] == ["IN_APP", "EMAIL", "NTFY"]
        assert topics["INSIGHTS"] == ["IN_APP"] and topics["JOB_ALERTS"] == ["IN_APP"]
        assert (await preferences_row(db_id(user.user_id))).channels["digests"] == ["in_app", "email", "ntfy"]

    async def test_a_topic_given_twice_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, topics=[{"topic": "DIGESTS", "channels": ["EMAIL"]}, {"topic": "DIGESTS", "channels": []}])
        # then
        assert payload["errors"] == [
            {"field": "topics", "message": "Each topic once: DIGESTS is given twice", "code": "DUPLICATE"}
        ]
        assert (await preferences(user))["topics"][2] == {"topic": "DIGESTS", "channels": ["IN_APP"]}

    async def test_quiet_hours_change_may_wrap_midnight_and_null_for_both_means_none(self, client):
        # given
        user = await signed_up(client)
        changed = await update(user, quietHoursStart="23:30", quietHoursEnd="06:15")
        # when
        cleared = await update(user, quietHoursStart=None, quietHoursEnd=None)
        # then
        assert (changed["preferences"]["quietHoursStart"], changed["preferences"]["quietHoursEnd"]) == ("23:30", "06:15")
        assert cleared["errors"] == []
        assert (cleared["preferences"]["quietHoursStart"], cleared["preferences"]["quietHoursEnd"]) == (None, None)

    async def test_one_quiet_hour_without_the_other_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, quietHoursEnd=None)
        # then
        assert payload["errors"] == [
            {
                "field": "quietHoursEnd",
                "message": "Set both quiet hours, or neither (null for both: no quiet hours)",
                "code": "REQUIRED",
            }
        ]
        assert (await preferences(user))["quietHoursEnd"] == "07:00"

    async def test_quiet_hours_must_not_start_and_end_at_the_same_time(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, quietHoursStart="07:00")
        # then
        assert payload["errors"] == [
            {"field": "quietHoursEnd", "message": "Quiet hours must end at another time than they start", "code": "INVALID"}
        ]
        assert (await preferences(user))["quietHoursStart"] == "22:00"

    async def test_times_must_be_24_hour_hh_mm(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, quietHoursStart="25:00", quietHoursEnd="7pm", morningTime="7:30", eveningTime="19:60")
        # then
        message = "Use a 24-hour time such as 22:00"
        assert payload["errors"] == [
            {"field": "quietHoursStart", "message": message, "code": "INVALID"},
            {"field": "quietHoursEnd", "message": message, "code": "INVALID"},
            {"field": "morningTime", "message": message, "code": "INVALID"},
            {"field": "eveningTime", "message": message, "code": "INVALID"},
        ]
        assert (await preferences(user))["morningTime"] == "07:30"

    async def test_a_digest_time_missing_on_a_dst_day_is_stored_as_a_wall_clock_time(self, client):
        # given a person in Berlin, where 02:30 does not exist on the last Sunday of March
        user = await signed_up(client)
        # when
        payload = await update(user, timezone="Europe/Berlin", morningTime="02:30")
        # then
        assert payload["errors"] == []
        assert (payload["preferences"]["morningTime"], payload["preferences"]["timezone"]) == ("02:30", "Europe/Berlin")

    async def test_a_new_time_zone_is_the_persons_and_clears_the_next_digests(self, client):
        # given digests scheduled in UTC
        user = await signed_up(client)
        uid = db_id(user.user_id)
        soon = datetime.now(UTC) + timedelta(hours=3)
        await prefer(uid, next_morning_at=soon, next_evening_at=soon)
        # when
        payload = await update(user, timezone="Pacific/Auckland")
        # then the digest cron computes them anew in the new zone
        assert payload["errors"] == []
        assert payload["preferences"]["timezone"] == "Pacific/Auckland"
        assert await user_timezone(uid) == "Pacific/Auckland"
        assert (payload["preferences"]["nextMorningAt"], payload["preferences"]["nextEveningAt"]) == (None, None)

    async def test_a_new_digest_time_clears_the_next_digests_and_other_fields_keep_them(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        soon = datetime.now(UTC) + timedelta(hours=3)
        await prefer(uid, next_morning_at=soon, next_evening_at=soon)
        kept = await update(user, sendWhenQuiet=True)
        # when
        moved = await update(user, eveningEnabled=False)
        # then
        assert kept["preferences"]["nextMorningAt"] is not None
        assert (moved["preferences"]["nextMorningAt"], moved["preferences"]["nextEveningAt"]) == (None, None)

    async def test_an_unknown_time_zone_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, timezone="Mars/Olympus", sendWhenQuiet=True)
        # then
        assert payload["errors"] == [
            {
                "field": "timezone",
                "message": "Unknown time zone 'Mars/Olympus'; use an IANA name such as Europe/Berlin",
                "code": "INVALID",
            }
        ]
        assert await user_timezone(db_id(user.user_id)) == "UTC"
        assert (await preferences(user))["sendWhenQuiet"] is False

    async def test_null_for_a_required_setting_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, morningTime=None, timezone=None)
        # then
        assert payload["errors"] == [
            {"field": "morningTime", "message": "Morning time cannot be empty", "code": "REQUIRED"},
            {"field": "timezone", "message": "Time zone cannot be empty", "code": "REQUIRED"},
        ]

    async def test_a_vacation_may_end_today_but_not_in_the_past(self, client):
        # given
        user = await signed_up(client)
        today = datetime.now(UTC).date()
        # when
        past = await update(user, vacationUntil=(today - timedelta(days=2)).isoformat())
        current = await update(user, vacationUntil=(today + timedelta(days=1)).isoformat())
        # then
        assert past["errors"] == [
            {"field": "vacationUntil", "message": "The vacation cannot end in the past", "code": "OUT_OF_RANGE"}
        ]
        assert current["errors"] == [] and current["preferences"]["vacationUntil"] == (today + timedelta(days=1)).isoformat()

    async def test_a_changed_address_must_be_verified_again(self, client):
        # given a verified account address
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await verified(uid)
        # when
        payload = await update(user, email="  ada@new.example ")
        # then
        assert payload["errors"] == []
        assert (payload["preferences"]["email"], payload["preferences"]["emailVerified"]) == ("ada@new.example", False)
        assert await account_email(uid) == f"{user.username}@example.com"

    async def test_the_same_address_keeps_its_verification(self, client):
        # given
        user = await signed_up(client)
        await verified(db_id(user.user_id))
        # when
        payload = await update(user, email=f"{user.username.upper()}@example.com")
        # then
        assert payload["preferences"]["emailVerified"] is True

    async def test_a_bad_address_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        invalid = await update(user, email="not-an-address")
        long = await update(user, email="a" * 60 + "@" + "b" * 200 + ".example")
        # then
        assert invalid["errors"] == [{"field": "email", "message": "Enter a valid email address", "code": "INVALID"}]
        assert long["errors"] == [{"field": "email", "message": "Email must be at most 254 characters", "code": "TOO_LONG"}]
        assert (await preferences(user))["email"] == f"{user.username}@example.com"

    async def test_a_webhook_url_gets_a_secret_and_rotating_changes_it(self, client, receiver):
        # given
        user = await signed_up(client)
        first = await update(user, webhookUrl=f"{receiver.base}/hook")
        # when
        rotated = (await user.gql(SECRET_ROTATE))["webhookSecretRotate"]
        # then
        secret = first["preferences"]["webhookSecret"]
        assert first["errors"] == [] and secret and len(secret) >= 32
        assert rotated["errors"] == [] and rotated["preferences"]["webhookSecret"] not in (None, secret)
        assert first["preferences"]["channels"][3] == {"channel": "WEBHOOK", "configured": True, "ready": True, "detail": "Ready"}

    async def test_rotating_without_a_webhook_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(SECRET_ROTATE))["webhookSecretRotate"]
        # then
        assert payload["errors"] == [{"field": "confirm", "message": "Set a webhook URL first", "code": "INVALID"}]

    async def test_a_webhook_to_a_private_address_is_refused(self, client):
        # given the guard not relaxed
        user = await signed_up(client)
        # when
        payload = await update(
            user, webhookUrl="http://10.0.0.7/hook", ntfyUrl="http://169.254.169.254/latest", sendWhenQuiet=True
        )
        # then
        assert payload["errors"] == [
            {
                "field": "ntfyUrl",
                "message": "The ntfy URL cannot be used: 169.254.169.254 resolves to 169.254.169.254, a link-local address",
                "code": "INVALID",
            },
            {
                "field": "webhookUrl",
                "message": "The webhook URL cannot be used: 10.0.0.7 resolves to 10.0.0.7, a private address",
                "code": "INVALID",
            },
        ]
        found = await preferences(user)
        assert (found["webhookUrl"], found["webhookSecret"], found["ntfyUrl"], found["sendWhenQuiet"]) == (
            None,
            None,
            None,
            False,
        )

    async def test_a_push_url_must_be_http(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, ntfyUrl="ftp://ntfy.example/topic")
        # then
        assert payload["errors"] == [
            {
                "field": "ntfyUrl",
                "message": "The ntfy URL cannot be used: only http and https URLs can be fetched, not 'ftp'",
                "code": "INVALID",
            }
        ]

    async def test_an_ntfy_token_is_kept_but_never_shown(self, client, receiver):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, ntfyUrl=f"{receiver.base}/cc-topic", ntfyToken="tk_secret")
        # then
        assert payload["errors"] == []
        assert (payload["preferences"]["ntfyUrl"], payload["preferences"]["ntfyTokenSet"]) == (f"{receiver.base}/cc-topic", True)
        assert "tk_secret" not in str(payload)
        assert (await preferences_row(db_id(user.user_id))).ntfy_token == "tk_secret"

    async def test_empty_push_urls_clear_them(self, client, receiver):
        # given
        user = await signed_up(client)
        await update(user, ntfyUrl=f"{receiver.base}/cc-topic")
        # when
        payload = await update(user, ntfyUrl="")
        # then
        assert payload["preferences"]["ntfyUrl"] is None
        assert payload["preferences"]["channels"][2]["ready"] is False
