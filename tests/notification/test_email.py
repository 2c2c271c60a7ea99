"""Email over a real SMTP server on loopback: the test mail and a digest mail as a client reads them
(headers, both parts, no images), channelTest refusals, SMTP down (failed after the retries, once)
and a sent delivery never sent twice."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from api.db import unit_of_work
from api.notification.dispatch import Message, dispatch
from api.notification.sending import MAX_ATTEMPTS
from api.notification.tasks import delivery_send
from api.vocabulary import NotificationTopic
from tests.support.channels import CHANNEL_TEST, deliveries_of, delivery_row, seed_digest, verified
from tests.support.graphql import db_id, signed_up
from tests.support.waiting import eventually, worker_idle


async def channel_test(user, channel: str) -> dict:
    return (await user.gql(CHANNEL_TEST, {"input": {"channel": channel}}))["channelTest"]


def parts(message) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


async def sent(delivery_id: int):
    async def done():
        row = await delivery_row(delivery_id)
        return row if row.status != "pending" else None

    return await eventually(done)


class TestTestMail:
    async def test_a_verified_address_gets_the_test_mail(self, client, worker, mailbox):
        # given
        user = await signed_up(client)
        address = f"{user.username}@example.com"
        await verified(db_id(user.user_id))
        # when
        payload = await channel_test(user, "EMAIL")
        [message] = await mailbox.wait_for(address)
        # then
        assert payload["errors"] == [] and payload["delivery"]["topic"] == "test"
        assert (message["From"], message["To"]) == ("Career Companion <companion@cc.test>", address)
        assert message["Subject"] == "Test message from Career Companion"
        assert re.fullmatch(r"<.+@cc\.test>", message["Message-ID"]) and message["Date"]
        assert message.get_content_type() == "multipart/alternative"
        assert message["List-Unsubscribe"] is None  # not a topic mail
        text, html = parts(message)
        assert "This is a test message on your email channel" in text and "This is a test message on your email channel" in html
        assert "<img" not in html.lower()
        row = await sent(db_id(payload["delivery"]["id"]))
        assert (row.status, row.attempts, row.last_error) == ("sent", 1, None) and row.sent_at is not None

    async def test_an_unverified_address_gets_nothing_but_an_error(self, client, mailbox):
        # given
        user = await signed_up(client)
        # when
        payload = await channel_test(user, "EMAIL")
        # then
        assert payload == {
            "delivery": None,
            "errors": [{"field": "channel", "message": "Verify your address first", "code": "UNAVAILABLE"}],
        }
        assert await deliveries_of(db_id(user.user_id)) == []

    async def test_without_smtp_email_is_not_configured(self, client):
        # given
        user = await signed_up(client)
        await verified(db_id(user.user_id))
        # when
        payload = await channel_test(user, "EMAIL")
        # then
        assert payload["errors"] == [
            {"field": "channel", "message": "Email is not configured on this server", "code": "UNAVAILABLE"}
        ]

    async def test_in_app_needs_no_test(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await channel_test(user, "IN_APP")
        # then
        assert payload["errors"] == [
            {"field": "channel", "message": "In-app messages need no test: pick email, ntfy or a webhook", "code": "INVALID"}
        ]


class TestDigestMail:
    async def test_a_digest_mail_has_both_parts_and_a_one_click_unsubscribe(self, client, worker, mailbox):
        # given a verified person who reads digests by email
        user = await signed_up(client)
        uid = db_id(user.user_id)
        address = f"{user.username}@example.com"
        await verified(uid, channels={"digests": ["in_app", "email"]})
        digest_id = await seed_digest(uid)
        # when
        async with unit_of_work() as session:
            await dispatch(
                session, Message(uid, NotificationTopic.DIGESTS, f"digest:{digest_id}", "Your briefing", digest_id=digest_id)
            )
        [message] = await mailbox.wait_for(address)
        # then
        assert message["Subject"] == "Your morning briefing: 2 strong matches"
        unsubscribe = message["List-Unsubscribe"]
        assert re.fullmatch(r"<https://cc\.test/unsubscribe\?token=[\w.-]+>", unsubscribe)
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text, html = parts(message)
        for line in ("Strong matches", "Backend Engineer at Acme — 91", "Python & PostgreSQL, like you", "Today's focus"):
            assert line in text
        assert "Data Engineer at <Globex>" in text and "Data Engineer at &lt;Globex&gt;" in html  # escaped in HTML only
        assert "https://cc.test/jobs/Sm9iOjE=" in text and 'href="https://cc.test/jobs/Sm9iOjE="' in html
        token = parse_qs(urlsplit(unsubscribe[1:-1]).query)["token"][0]
        assert token in text and token in html
        assert "<img" not in html.lower() and "<style" not in html.lower()
        [row] = await deliveries_of(uid)
        assert (row.digest_id, row.channel) == (digest_id, "email")


class TestSmtpDown:
    async def test_the_delivery_fails_after_its_retries_and_is_not_sent_again(self, client, worker, smtp_down):
        # given a verified address and an SMTP server that refuses connections
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await verified(uid)
        # when
        payload = await channel_test(user, "EMAIL")
        row = await sent(db_id(payload["delivery"]["id"]))
        # then
        assert (row.status, row.attempts, row.sent_at) == ("failed", MAX_ATTEMPTS, None)
        assert row.last_error and ("Connect" in row.last_error or "refused" in row.last_error.lower())
        # and a re-delivered job leaves a failed row alone
        assert await delivery_send({}, row.id) is None
        assert (await delivery_row(row.id)).attempts == MAX_ATTEMPTS


class TestPermanentRefusal:
    async def test_an_unknown_mailbox_fails_at_once_without_retries(self, client, worker, mailbox):
        # given a verified address the SMTP server answers "550 no such mailbox" for
        user = await signed_up(client)
        address = f"{user.username}@example.com"
        await verified(db_id(user.user_id))
        with mailbox.lock:
            mailbox.unknown.add(address.lower())
        # when
        payload = await channel_test(user, "EMAIL")
        row = await sent(db_id(payload["delivery"]["id"]))
        # then one attempt, failed with the server's reason, nothing delivered
        assert (row.status, row.attempts, row.sent_at) == ("failed", 1, None)
        assert row.last_error and "550" in row.last_error and "No such mailbox" in row.last_error
        assert mailbox.to(address) == []


class TestSentOnce:
    async def test_a_sent_delivery_run_again_sends_nothing(self, client, worker, mailbox):
        # given a test mail sent
        user = await signed_up(client)
        address = f"{user.username}@example.com"
        await verified(db_id(user.user_id))
        payload = await channel_test(user, "EMAIL")
        await mailbox.wait_for(address)
        row = await sent(db_id(payload["delivery"]["id"]))
        # when the job is delivered again
        result = await delivery_send({}, row.id)
        await worker_idle()
        # then
        assert result is None
        assert len(mailbox.to(address)) == 1
        assert (await delivery_row(row.id)).attempts == 1
