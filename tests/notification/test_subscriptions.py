from __future__ import annotations

from api.notification.service import CHANNEL
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import PROFILE_UPDATE, STRONG_JOB, STRONG_PROFILE, create_job
from tests.support.running import api_replica
from tests.support.waiting import eventually
from tests.support.ws import Subscription, until_subscribed

SUBSCRIBE = """
subscription Alerts($after: ID) { notificationReceived(after: $after) { id kind title jobId read } }
"""
NOTIFICATIONS = "query { notifications(first: 10) { unreadCount totalCount edges { node { id title read } } } }"
MARK_READ = """
mutation Read($input: NotificationMarkReadInput!) {
  notificationMarkRead(input: $input) { marked unreadCount errors { field message code } }
}
"""


async def strong_user(client):
    user = await signed_up(client)
    await user.gql(PROFILE_UPDATE, {"input": STRONG_PROFILE})
    return user


class TestNotificationReceived:
    async def test_live_alert_from_a_real_worker_reaches_the_subscriber(self, client, base_url, worker):
        # given
        user = await strong_user(client)
        async with Subscription(base_url, user.token) as ws:
            await ws.start(SUBSCRIBE)
            await until_subscribed(CHANNEL, db_id(user.user_id))
            # when
            job_id = await create_job(user, **STRONG_JOB)
            message = await ws.next()
        # then
        assert message["type"] == "next", message
        alert = message["payload"]["data"]["notificationReceived"]
        assert alert["kind"] == "job_match" and alert["jobId"] == job_id
        assert alert["title"] == "Strong match: Senior Python Engineer at Acme"

    async def test_weak_match_raises_no_alert(self, client, base_url, worker):
        # given
        user = await strong_user(client)
        async with Subscription(base_url, user.token) as ws:
            await ws.start(SUBSCRIBE)
            await until_subscribed(CHANNEL, db_id(user.user_id))
            # when: a weak job first, then a strong one
            await create_job(user, title="Junior Java Developer", location="Lima", techStack=["Java"])
            await create_job(user, **STRONG_JOB)
            message = await ws.next()
        # then: the first alert is the strong job's
        assert message["payload"]["data"]["notificationReceived"]["title"].startswith("Strong match: Senior Python")

    async def test_after_replays_what_was_missed_then_goes_live(self, client, base_url, worker):
        # given: two alerts happen while no one listens
        user = await strong_user(client)
        await create_job(user, **STRONG_JOB)
        await create_job(user, **{**STRONG_JOB, "title": "Senior Python Developer"})

        async def two_alerts():
            return (await user.gql(NOTIFICATIONS))["notifications"]["totalCount"] == 2

        await eventually(two_alerts)
        edges = (await user.gql(NOTIFICATIONS))["notifications"]["edges"]
        oldest = edges[-1]["node"]["id"]
        # when: reconnect after the oldest one
        async with Subscription(base_url, user.token) as ws:
            await ws.start(SUBSCRIBE, {"after": oldest})
            replayed = await ws.next()
        # then
        assert replayed["payload"]["data"]["notificationReceived"]["id"] == edges[0]["node"]["id"]

    async def test_another_users_alerts_are_not_delivered(self, client, base_url, worker):
        # given
        listener, other = await strong_user(client), await strong_user(client)
        async with Subscription(base_url, listener.token) as ws:
            await ws.start(SUBSCRIBE)
            await until_subscribed(CHANNEL, db_id(listener.user_id))
            # when
            await create_job(other, **STRONG_JOB)
            await create_job(listener, **{**STRONG_JOB, "title": "Senior Python Lead"})
            message = await ws.next()
        # then: the first thing the listener receives is its own alert
        assert message["payload"]["data"]["notificationReceived"]["title"] == "Strong match: Senior Python Lead at Acme"

    async def test_invalid_token_in_connection_init_is_rejected(self, base_url):
        # given
        import websockets

        subscription = Subscription(base_url, "not-a-token")
        # when / then
        try:
            async with subscription:
                raise AssertionError("connection should have been rejected")
        except websockets.ConnectionClosed as closed:
            assert closed.rcvd.code == 4403

    async def test_subscription_without_auth_gets_an_error(self, base_url):
        # given
        async with Subscription(base_url, None) as ws:
            # when
            await ws.start(SUBSCRIBE)
            message = await ws.next()
        # then: an execution error, delivered as the protocol says (a result with errors)
        assert message["type"] == "next"
        assert message["payload"]["errors"][0]["message"] == "Authentication required"
        assert message["payload"].get("data") is None


class TestAcrossReplicas:
    async def test_alert_via_one_replica_reaches_a_subscriber_on_another(self, client, base_url, worker):
        # given: a second API replica in its own process, same database and Redis
        async with api_replica() as other_url:
            user = await strong_user(client)
            async with Subscription(other_url, user.token) as ws:
                await ws.start(SUBSCRIBE)
                await until_subscribed(CHANNEL, db_id(user.user_id))
                # when: the job is created through the first replica
                job_id = await create_job(user, **STRONG_JOB)
                message = await ws.next()
            # then
            assert message["payload"]["data"]["notificationReceived"]["jobId"] == job_id


class TestNotificationMarkRead:
    async def test_marks_one_then_all(self, client, worker):
        # given
        user = await strong_user(client)
        await create_job(user, **STRONG_JOB)
        await create_job(user, **{**STRONG_JOB, "title": "Senior Python Developer"})
        from tests.support.waiting import eventually

        async def two():
            data = (await user.gql(NOTIFICATIONS))["notifications"]
            return data["unreadCount"] == 2 and data

        listing = await eventually(two)
        first_id = listing["edges"][0]["node"]["id"]
        # when
        one = (await user.gql(MARK_READ, {"input": {"ids": [first_id]}}))["notificationMarkRead"]
        rest = (await user.gql(MARK_READ, {"input": {}}))["notificationMarkRead"]
        # then
        assert one == {"marked": 1, "unreadCount": 1, "errors": []}
        assert rest == {"marked": 1, "unreadCount": 0, "errors": []}

    async def test_another_users_notification_is_not_found(self, client, worker):
        # given
        owner, other = await strong_user(client), await signed_up(client)
        await create_job(owner, **STRONG_JOB)
        from tests.support.waiting import eventually

        async def one():
            edges = (await owner.gql(NOTIFICATIONS))["notifications"]["edges"]
            return edges and edges[0]["node"]["id"]

        notification_id = await eventually(one)
        # when
        payload = (await other.gql(MARK_READ, {"input": {"ids": [notification_id]}}))["notificationMarkRead"]
        # then
        assert payload["errors"] == [{"field": "ids", "message": "Notification not found", "code": "NOT_FOUND"}]
        assert (await owner.gql(NOTIFICATIONS))["notifications"]["unreadCount"] == 1
