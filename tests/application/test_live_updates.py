"""applicationUpdated: every change to the viewer's applications reaches every open subscription of
theirs (another tab), and never another user's."""

from __future__ import annotations

from api.application.service import CHANNEL
from tests.support.calendar import applied, create_interview, move, update_application
from tests.support.graphql import db_id, signed_up
from tests.support.ws import Subscription, until_subscribed

SUBSCRIBE = """
subscription Updates { applicationUpdated { id status followUpOn notes interviews { kind } job { company } } }
"""


def updated(message: dict) -> dict:
    assert message["type"] == "next", message
    return message["payload"]["data"]["applicationUpdated"]


class TestApplicationUpdated:
    async def test_a_move_reaches_both_tabs_of_the_owner(self, client, base_url):
        # given: two tabs of the same person
        user = await signed_up(client)
        application_id = await applied(user, company="Acme")
        async with Subscription(base_url, user.token) as first, Subscription(base_url, user.token) as second:
            await first.start(SUBSCRIBE)
            await second.start(SUBSCRIBE)
            await until_subscribed(CHANNEL, db_id(user.user_id), tabs=2)
            # when
            await move(user, application_id, "INTERVIEW")
            seen = [updated(await first.next()), updated(await second.next())]
        # then
        for application in seen:
            assert application["id"] == application_id
            assert (application["status"], application["followUpOn"], application["job"]["company"]) == (
                "INTERVIEW",
                None,
                "Acme",
            )

    async def test_field_edits_and_interviews_are_pushed_with_fresh_nested_fields(self, client, base_url):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        async with Subscription(base_url, user.token) as tab:
            await tab.start(SUBSCRIBE)
            await until_subscribed(CHANNEL, db_id(user.user_id))
            # when
            await update_application(user, id=application_id, notes="Sent a thank-you note")
            after_notes = updated(await tab.next())
            await create_interview(user, application_id, kind="TECHNICAL")
            after_first = updated(await tab.next())
            await create_interview(user, application_id, kind="FINAL", startsAt="2030-07-05T10:00:00+02:00")
            after_second = updated(await tab.next())
        # then
        assert after_notes["notes"] == "Sent a thank-you note" and after_notes["interviews"] == []
        assert after_first["interviews"] == [{"kind": "TECHNICAL"}]
        assert after_second["interviews"] == [{"kind": "TECHNICAL"}, {"kind": "FINAL"}]
        assert after_second["status"] == "APPLIED"

    async def test_another_users_changes_never_arrive(self, client, base_url):
        # given: someone else listens too
        user, other = await signed_up(client), await signed_up(client)
        mine, theirs = await applied(user, company="Mine"), await applied(other, company="Theirs")
        async with Subscription(base_url, other.token) as watcher:
            await watcher.start(SUBSCRIBE)
            await until_subscribed(CHANNEL, db_id(other.user_id))
            # when: the user changes theirs, then the other person changes their own
            await move(user, mine, "INTERVIEW")
            await update_application(other, id=theirs, notes="my own change")
            first = updated(await watcher.next())
        # then: the first thing the other person hears of is their own change
        assert first["id"] == theirs and first["job"]["company"] == "Theirs"

    async def test_signed_out_gets_an_error(self, client, base_url):
        # given
        async with Subscription(base_url, None) as anonymous:
            # when
            await anonymous.start(SUBSCRIBE)
            message = await anonymous.next()
        # then
        assert message["type"] == "next"
        assert message["payload"]["errors"][0]["message"] == "Authentication required"

    async def test_a_refused_change_announces_nothing(self, client, base_url):
        # given
        user = await signed_up(client)
        application_id = await applied(user)
        async with Subscription(base_url, user.token) as tab:
            await tab.start(SUBSCRIBE)
            await until_subscribed(CHANNEL, db_id(user.user_id))
            # when: a refused edit (rolled back), then an accepted one
            refused = await update_application(user, id=application_id, notes="n" * 10_001)
            await update_application(user, id=application_id, notes="accepted")
            first = updated(await tab.next())
        # then: the first event is the accepted edit
        assert refused["errors"][0]["code"] == "TOO_LONG"
        assert first["notes"] == "accepted"
