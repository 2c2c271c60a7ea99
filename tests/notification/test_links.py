"""The links in mails, over plain HTTP without signing in: one-click unsubscribe (RFC 8058) and
address verification; forged, expired, other-purpose and other people's links change nothing."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from api.config import get_settings
from api.db import unit_of_work
from api.notification import tokens
from api.notification.dispatch import Message, dispatch
from api.vocabulary import NotificationTopic
from tests.support.channels import PREFERENCES_UPDATE, VERIFICATION_SEND, prefer, preferences_row, seed_digest, verified
from tests.support.graphql import db_id, signed_up

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["token"][0]


async def email_on(uid: int) -> None:
    await verified(uid, channels={"digests": ["in_app", "email", "ntfy"], "insights": ["in_app", "email"]})


class TestUnsubscribe:
    async def test_the_link_from_a_digest_mail_unsubscribes_that_topic_in_one_click(self, client, worker, mailbox):
        # given a digest mail
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await email_on(uid)
        digest_id = await seed_digest(uid)
        async with unit_of_work() as session:
            await dispatch(
                session, Message(uid, NotificationTopic.DIGESTS, f"digest:{digest_id}", "Briefing", digest_id=digest_id)
            )
        [message] = await mailbox.wait_for(f"{user.username}@example.com")
        token = token_of(message["List-Unsubscribe"][1:-1])
        # when the mail client posts the one-click unsubscribe
        response = await client.post("/unsubscribe", params={"token": token}, data=ONE_CLICK)
        # then email is gone from digests only
        assert response.status_code == 200 and "You are unsubscribed" in response.text
        channels = (await preferences_row(uid)).channels
        assert channels["digests"] == ["in_app", "ntfy"] and channels["insights"] == ["in_app", "email"]

    async def test_the_page_asks_first_and_changes_nothing(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await email_on(uid)
        token = tokens.unsubscribe_token(get_settings(), uid, NotificationTopic.INSIGHTS)
        # when
        response = await client.get("/unsubscribe", params={"token": token})
        # then
        assert response.status_code == 200
        assert "Unsubscribe from insights by email?" in response.text
        assert re.search(r'<form method="post" action="/unsubscribe\?token=[\w.%-]+">', response.text)
        assert '<input type="hidden" name="List-Unsubscribe" value="One-Click">' in response.text
        assert (await preferences_row(uid)).channels["insights"] == ["in_app", "email"]

    async def test_a_forged_link_changes_nothing(self, client):
        # given a token signed with another key
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await email_on(uid)
        other = get_settings().model_copy(update={"secret_key": "x" * 48})
        forged = tokens.unsubscribe_token(other, uid, NotificationTopic.DIGESTS)
        # when
        response = await client.post("/unsubscribe", params={"token": forged}, data=ONE_CLICK)
        # then
        assert response.status_code == 400
        assert "This link is not valid: it may be incomplete or altered. Nothing was changed." in response.text
        assert (await preferences_row(uid)).channels["digests"] == ["in_app", "email", "ntfy"]

    async def test_an_expired_link_changes_nothing(self, client):
        # given a link from 61 days ago
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await email_on(uid)
        old = tokens.unsubscribe_token(get_settings(), uid, NotificationTopic.DIGESTS, now=datetime.now(UTC) - timedelta(days=61))
        # when
        page = await client.get("/unsubscribe", params={"token": old})
        response = await client.post("/unsubscribe", params={"token": old}, data=ONE_CLICK)
        # then
        assert page.status_code == 400 and response.status_code == 400
        assert "This link has expired. Nothing was changed." in response.text
        assert (await preferences_row(uid)).channels["digests"] == ["in_app", "email", "ntfy"]

    async def test_a_verification_link_is_no_unsubscribe_link(self, client):
        # given a token of another purpose
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await email_on(uid)
        other_purpose = tokens.verification_token(get_settings(), uid, f"{user.username}@example.com")
        # when
        response = await client.post("/unsubscribe", params={"token": other_purpose}, data=ONE_CLICK)
        # then
        assert response.status_code == 400
        assert (await preferences_row(uid)).channels["digests"] == ["in_app", "email", "ntfy"]

    async def test_a_link_unsubscribes_only_its_own_person(self, client):
        # given two people reading digests by email; the link is the first one's
        first, second = await signed_up(client), await signed_up(client)
        await email_on(db_id(first.user_id))
        await email_on(db_id(second.user_id))
        token = tokens.unsubscribe_token(get_settings(), db_id(first.user_id), NotificationTopic.DIGESTS)
        # when
        response = await client.post("/unsubscribe", params={"token": token}, data=ONE_CLICK)
        # then
        assert response.status_code == 200
        assert (await preferences_row(db_id(first.user_id))).channels["digests"] == ["in_app", "ntfy"]
        assert (await preferences_row(db_id(second.user_id))).channels["digests"] == ["in_app", "email", "ntfy"]

    async def test_an_access_token_is_no_unsubscribe_link(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await email_on(uid)
        # when
        response = await client.post("/unsubscribe", params={"token": user.token}, data=ONE_CLICK)
        # then
        assert response.status_code == 400
        assert (await preferences_row(uid)).channels["digests"] == ["in_app", "email", "ntfy"]


async def verification_link(mailbox, address: str, count: int = 1) -> str:
    message = (await mailbox.wait_for(address, count))[count - 1]
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https://cc\.test/email/verify\?token=[\w.-]+", text).group(0)


class TestVerification:
    async def test_the_link_in_the_mail_verifies_the_address(self, client, worker, mailbox):
        # given
        user = await signed_up(client)
        address = f"{user.username}@example.com"
        # when
        payload = (await user.gql(VERIFICATION_SEND, {"input": {}}))["emailVerificationSend"]
        link = await verification_link(mailbox, address)
        response = await client.get("/email/verify", params={"token": token_of(link)})
        # then
        assert payload == {"sent": True, "errors": []}
        [message] = mailbox.to(address)
        assert message["Subject"] == "Confirm your email address for Career Companion"
        assert message["List-Unsubscribe"] is None
        assert response.status_code == 200 and f"{address} is confirmed" in response.text
        assert (await preferences_row(db_id(user.user_id))).email_verified_at is not None

    async def test_a_link_for_an_old_address_does_not_verify_the_new_one(self, client, worker, mailbox):
        # given a verification mail to the first address, then a change of address
        user = await signed_up(client)
        first = f"{user.username}@example.com"
        await user.gql(VERIFICATION_SEND, {"input": {}})
        old_link = await verification_link(mailbox, first)
        second = f"{user.username}@new.example"
        changed = (await user.gql(PREFERENCES_UPDATE, {"input": {"email": second}}))["notificationPreferencesUpdate"]
        # when
        response = await client.get("/email/verify", params={"token": token_of(old_link)})
        # then
        assert changed["errors"] == []
        assert response.status_code == 400 and "an address you have since changed" in response.text
        row = await preferences_row(db_id(user.user_id))
        assert (row.email, row.email_verified_at) == (second, None)

    async def test_sending_to_a_new_address_changes_it_first(self, client, worker, mailbox):
        # given
        user = await signed_up(client)
        address = f"{user.username}@elsewhere.example"
        # when
        payload = (await user.gql(VERIFICATION_SEND, {"input": {"email": address}}))["emailVerificationSend"]
        link = await verification_link(mailbox, address)
        await client.get("/email/verify", params={"token": token_of(link)})
        # then
        assert payload["sent"] is True
        row = await preferences_row(db_id(user.user_id))
        assert row.email == address and row.email_verified_at is not None

    async def test_at_most_five_an_hour(self, client, mailbox):
        # given five sent in the last hour
        user = await signed_up(client)
        for _ in range(5):
            assert (await user.gql(VERIFICATION_SEND, {"input": {}}))["emailVerificationSend"]["sent"] is True
        # when
        payload = (await user.gql(VERIFICATION_SEND, {"input": {}}))["emailVerificationSend"]
        # then
        assert payload == {
            "sent": False,
            "errors": [
                {"field": "email", "message": "At most 5 verification mails an hour; try again later", "code": "RATE_LIMITED"}
            ],
        }

    async def test_a_bad_address_sends_nothing(self, client, mailbox):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(VERIFICATION_SEND, {"input": {"email": "nope"}}))["emailVerificationSend"]
        # then
        assert payload["errors"] == [{"field": "email", "message": "Enter a valid email address", "code": "INVALID"}]
        assert mailbox.to("nope") == []

    async def test_without_smtp_nothing_is_sent(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(VERIFICATION_SEND, {"input": {}}))["emailVerificationSend"]
        # then
        assert payload["errors"] == [
            {"field": "email", "message": "Email is not configured on this server", "code": "UNAVAILABLE"}
        ]

    async def test_a_forged_verification_link_verifies_nothing(self, client):
        # given an unsubscribe token where a verification token belongs
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await prefer(uid, morning_enabled=True)
        wrong = tokens.unsubscribe_token(get_settings(), uid, NotificationTopic.DIGESTS)
        # when
        response = await client.get("/email/verify", params={"token": wrong})
        # then
        assert response.status_code == 400
        assert (await preferences_row(uid)).email_verified_at is None
