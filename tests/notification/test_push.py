"""Push channels against receivers on loopback: a signed webhook a receiver can verify (and whose
timestamp stops replays), an ntfy topic with Title/Click/Tags, a receiver that times out or is busy
(retried, then failed and recorded), one that refuses for good (failed at once), and live job alerts
on the channels chosen for them (none in digest mode)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest

from api.notification.sending import MAX_ATTEMPTS
from tests.support.channels import CHANNEL_TEST, PREFERENCES_UPDATE, deliveries_of, delivery_row, prefer
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import PROFILE_UPDATE, STRONG_JOB, STRONG_PROFILE, create_job
from tests.support.waiting import eventually, worker_idle

MAX_AGE = 300  # what the receiver documented in api/notification/push.py accepts


def receiver_accepts(secret: str, headers: dict[str, str], body: bytes, now: float) -> bool:
    """The check a webhook receiver runs (api/notification/push.py): signature, then freshness."""
    timestamp = headers["X-CC-Timestamp"]
    expected = "sha256=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["X-CC-Signature"]) and abs(now - int(timestamp)) <= MAX_AGE


async def update(user, **input) -> dict:
    return (await user.gql(PREFERENCES_UPDATE, {"input": input}))["notificationPreferencesUpdate"]


async def channel_test(user, channel: str) -> dict:
    return (await user.gql(CHANNEL_TEST, {"input": {"channel": channel}}))["channelTest"]


async def finished(delivery_id: int):
    async def done():
        row = await delivery_row(delivery_id)
        return row if row.status != "pending" else None

    return await eventually(done)


class TestWebhook:
    async def test_the_receiver_verifies_the_signature_and_timestamp(self, client, worker, receiver):
        # given a webhook with its generated secret
        user = await signed_up(client)
        secret = (await update(user, webhookUrl=f"{receiver.base}/hook"))["preferences"]["webhookSecret"]
        # when
        payload = await channel_test(user, "WEBHOOK")
        [posted] = await receiver.wait_for("/hook")
        # then
        body = json.loads(posted.body)
        assert body["id"] == db_id(payload["delivery"]["id"])
        assert (body["topic"], body["subject"]) == ("test", "Test message from Career Companion")
        assert body["url"] == "https://cc.test/settings" and "test message" in body["text"] and body["sent_at"]
        assert posted.headers["X-CC-Signature"].startswith("sha256=")
        assert receiver_accepts(secret, posted.headers, posted.body, time.time())
        assert not receiver_accepts("another-secret", posted.headers, posted.body, time.time())
        assert not receiver_accepts(secret, posted.headers, posted.body + b" ", time.time())
        assert not receiver_accepts(secret, posted.headers, posted.body, time.time() + MAX_AGE + 60)  # a replay later on
        assert (await finished(body["id"])).status == "sent"

    async def test_a_receiver_that_times_out_is_a_failed_delivery(self, client, worker, receiver):
        # given a receiver that never answers
        user = await signed_up(client)
        await update(user, webhookUrl=f"{receiver.base}/slow")
        receiver.hold = True
        # when
        payload = await channel_test(user, "WEBHOOK")
        row = await finished(db_id(payload["delivery"]["id"]))
        # then
        assert (row.status, row.attempts, row.sent_at) == ("failed", MAX_ATTEMPTS, None)
        assert row.last_error == "PushError: timed out after 0.5 s"

    async def test_a_receiver_that_refuses_for_good_fails_at_once(self, client, worker, receiver):
        # given a receiver answering 410 Gone
        user = await signed_up(client)
        await update(user, webhookUrl=f"{receiver.base}/gone")
        receiver.status = 410
        # when
        payload = await channel_test(user, "WEBHOOK")
        row = await finished(db_id(payload["delivery"]["id"]))
        # then one attempt, not retried
        assert (row.status, row.attempts, row.sent_at) == ("failed", 1, None)
        assert row.last_error == "PushError: HTTP 410 from 127.0.0.1"
        await worker_idle()
        assert len(receiver.at("/gone")) == 1

    @pytest.mark.parametrize("status", [503, 429])
    async def test_a_busy_receiver_is_tried_again(self, client, worker, receiver, status):
        # given a receiver answering 503 Service Unavailable or 429 Too Many Requests
        user = await signed_up(client)
        await update(user, webhookUrl=f"{receiver.base}/busy")
        receiver.status = status
        # when
        payload = await channel_test(user, "WEBHOOK")
        row = await finished(db_id(payload["delivery"]["id"]))
        # then every attempt was made
        assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS)
        assert row.last_error == f"PushError: HTTP {status} from 127.0.0.1"
        assert len(receiver.at("/busy")) == MAX_ATTEMPTS

    async def test_the_guard_is_checked_again_at_send_time(self, client, worker, receiver, monkeypatch):
        # given a webhook saved while loopback was allowed, and the guard strict now (DNS may change)
        from api.config import get_settings

        user = await signed_up(client)
        await prefer(db_id(user.user_id), webhook_url=f"{receiver.base}/moved", webhook_secret="s" * 32)
        monkeypatch.setattr(get_settings(), "fetch_allowed_addresses", [])
        # when
        payload = await channel_test(user, "WEBHOOK")
        row = await finished(db_id(payload["delivery"]["id"]))
        # then
        assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS)
        assert row.last_error == "PushError: 127.0.0.1 resolves to 127.0.0.1, a loopback address"
        assert receiver.at("/moved") == []


class TestNtfy:
    async def test_a_strong_match_is_pushed_to_the_ntfy_topic(self, client, worker, receiver):
        # given a person with job alerts on ntfy
        user = await signed_up(client)
        await user.gql(PROFILE_UPDATE, {"input": STRONG_PROFILE})
        await update(
            user, ntfyUrl=f"{receiver.base}/cc-alerts", ntfyToken="tk_123", topics=[{"topic": "JOB_ALERTS", "channels": ["NTFY"]}]
        )
        # when
        job_id = await create_job(user, **STRONG_JOB)
        [posted] = await receiver.wait_for("/cc-alerts")
        # then
        assert posted.headers["Title"] == "Strong match: Senior Python Engineer at Acme"
        assert posted.headers["Click"] == f"https://cc.test/jobs/{job_id}"
        assert posted.headers["Tags"] == "briefcase"
        assert posted.headers["Authorization"] == "Bearer tk_123"
        assert "Scored" in posted.body.decode()
        [row] = await deliveries_of(db_id(user.user_id))
        assert (row.topic, row.channel) == ("job_alerts", "ntfy") and row.dedupe_key.startswith("notification:")

    async def test_in_digest_mode_job_alerts_wait_for_the_briefing(self, client, worker, receiver):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await user.gql(PROFILE_UPDATE, {"input": STRONG_PROFILE})
        await update(
            user,
            ntfyUrl=f"{receiver.base}/cc-digest",
            jobAlertMode="DIGEST",
            topics=[{"topic": "JOB_ALERTS", "channels": ["NTFY"]}],
        )
        # when
        await create_job(user, **STRONG_JOB)
        await worker_idle()
        # then
        assert receiver.at("/cc-digest") == [] and await deliveries_of(uid) == []

    async def test_an_ntfy_test_message(self, client, worker, receiver):
        # given
        user = await signed_up(client)
        await prefer(db_id(user.user_id), ntfy_url=f"{receiver.base}/cc-test")
        # when
        payload = await channel_test(user, "NTFY")
        [posted] = await receiver.wait_for("/cc-test")
        # then
        assert payload["errors"] == []
        assert (posted.headers["Title"], posted.headers["Click"]) == (
            "Test message from Career Companion",
            "https://cc.test/settings",
        )
        assert "Authorization" not in posted.headers
        assert (await finished(db_id(payload["delivery"]["id"]))).status == "sent"

    async def test_an_unset_channel_cannot_be_tested(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await channel_test(user, "NTFY")
        # then
        assert payload["errors"] == [{"field": "channel", "message": "Set an ntfy topic URL first", "code": "UNAVAILABLE"}]
