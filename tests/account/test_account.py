"""Change the password, see and end sessions, delete the account."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from redis.asyncio import Redis

from api import broker
from api.config import get_settings
from tests.support.account import owned_counts, user_exists, with_data
from tests.support.graphql import PASSWORD, SIGN_IN, Session, db_id, signed_up
from tests.support.jobs import JOB_CREATE
from tests.support.waiting import eventually
from tests.support.ws import Subscription, closed_with, until_subscribed

CHANGE = """
mutation Change($input: PasswordChangeInput!) { passwordChange(input: $input) { changed errors { field message code } } }
"""
SESSIONS = "query { viewer { sessions { id current startedAt lastUsedAt userAgent ip } } }"
REVOKE = "mutation R($input: SessionRevokeInput!) { sessionRevoke(input: $input) { revoked errors { field message code } } }"
REVOKE_ALL = "mutation { sessionRevokeAll(input: {}) { revoked errors { field message code } } }"
DELETE = "mutation D($input: AccountDeleteInput!) { accountDelete(input: $input) { deleted errors { field message code } } }"
REFRESH = "mutation R($input: TokenRefreshInput!) { tokenRefresh(input: $input) { accessToken errors { field message code } } }"
NEW_PASSWORD = "violet-Anchor-93-meadow"


async def second_sign_in(user: Session, password: str = PASSWORD) -> Session:
    other = Session(user.client, user_id=user.user_id, username=user.username)
    data = await other.gql(SIGN_IN, {"input": {"username": user.username, "password": password}})
    other.token, other.refresh_token = data["tokenCreate"]["accessToken"], data["tokenCreate"]["refreshToken"]
    return other


async def refresh_errors(user: Session) -> list:
    return (await user.gql(REFRESH, {"input": {"refreshToken": user.refresh_token}}))["tokenRefresh"]["errors"]


class TestPasswordChange:
    async def test_it_signs_out_the_other_sessions_but_not_this_one(self, client):
        # given
        user = await signed_up(client)
        laptop = await second_sign_in(user)
        # when
        data = await user.gql(CHANGE, {"input": {"currentPassword": PASSWORD, "newPassword": NEW_PASSWORD}})
        # then
        assert data["passwordChange"] == {"changed": True, "errors": []}
        assert await refresh_errors(laptop) != []
        assert await refresh_errors(user) == []
        signed_in = await user.gql(SIGN_IN, {"input": {"username": user.username, "password": NEW_PASSWORD}})
        assert signed_in["tokenCreate"]["errors"] == []

    async def test_a_wrong_current_password_is_refused_and_nothing_changes(self, client):
        # given
        user = await signed_up(client)
        # when
        data = await user.gql(CHANGE, {"input": {"currentPassword": "not-it", "newPassword": NEW_PASSWORD}})
        # then
        [error] = data["passwordChange"]["errors"]
        assert (error["field"], error["code"]) == ("currentPassword", "INVALID_CREDENTIALS")
        signed_in = await user.gql(SIGN_IN, {"input": {"username": user.username, "password": PASSWORD}})
        assert signed_in["tokenCreate"]["errors"] == []

    async def test_a_weak_new_password_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        data = await user.gql(CHANGE, {"input": {"currentPassword": PASSWORD, "newPassword": "password1"}})
        # then
        [error] = data["passwordChange"]["errors"]
        assert (error["field"], error["code"]) == ("newPassword", "WEAK_PASSWORD")


class TestSessions:
    async def test_the_list_shows_each_sign_in_and_which_is_this_one(self, client):
        # given
        user = await signed_up(client)
        await second_sign_in(user)
        # when
        sessions = (await user.gql(SESSIONS))["viewer"]["sessions"]
        # then
        assert len(sessions) == 2 and sorted(s["current"] for s in sessions) == [False, True]
        assert all(s["userAgent"].startswith("python-httpx") and s["ip"] == "127.0.0.1" for s in sessions)

    async def test_revoking_one_signs_that_one_out_only(self, client):
        # given
        user = await signed_up(client)
        laptop = await second_sign_in(user)
        [other] = [s for s in (await user.gql(SESSIONS))["viewer"]["sessions"] if not s["current"]]
        # when
        data = await user.gql(REVOKE, {"input": {"id": other["id"]}})
        # then
        assert data["sessionRevoke"] == {"revoked": 1, "errors": []}
        assert await refresh_errors(laptop) != [] and await refresh_errors(user) == []

    async def test_another_persons_session_is_not_found(self, client):
        # given
        user = await signed_up(client)
        stranger = await signed_up(client)
        [theirs] = (await stranger.gql(SESSIONS))["viewer"]["sessions"]
        # when
        data = await user.gql(REVOKE, {"input": {"id": theirs["id"]}})
        # then
        assert data["sessionRevoke"]["errors"][0]["code"] == "NOT_FOUND"
        assert await refresh_errors(stranger) == []

    async def test_sign_out_everywhere_ends_every_session(self, client):
        # given
        user = await signed_up(client)
        laptop = await second_sign_in(user)
        # when
        data = await user.gql(REVOKE_ALL)
        # then
        assert data["sessionRevokeAll"] == {"revoked": 2, "errors": []}
        assert await refresh_errors(laptop) != [] and await refresh_errors(user) != []


@contextlib.asynccontextmanager
async def listening(user: Session) -> AsyncIterator[list[str]]:
    """The `sessions:<user id>` broker events (what the WebSocket layer listens to) while inside."""
    heard: list[str] = []
    # A connection of its own: the app's command pool may be one connection (REDIS_POOL_SIZE), and
    # a pub/sub held on it would leave the app nothing to publish with.
    redis = Redis.from_url(get_settings().redis_url or "")
    pubsub = redis.pubsub()
    await pubsub.subscribe(broker.channel("sessions", db_id(user.user_id)))
    confirmed = await pubsub.get_message(timeout=5)  # the server's subscribe confirmation
    assert confirmed and confirmed["type"] == "subscribe", confirmed

    async def read() -> None:
        async for message in pubsub.listen():
            if message["type"] == "message":
                heard.append(message["data"].decode() if isinstance(message["data"], bytes) else message["data"])

    task = asyncio.create_task(read())
    try:
        yield heard
    finally:
        task.cancel()
        await pubsub.aclose()
        await redis.aclose()


class TestLiveConnections:
    async def test_sign_out_everywhere_tells_live_connections_which_sessions_ended(self, client):
        # given
        user = await signed_up(client)
        await second_sign_in(user)
        families = {s["id"] for s in (await user.gql(SESSIONS))["viewer"]["sessions"]}
        async with listening(user) as heard:
            # when
            await user.gql(REVOKE_ALL)

            # then
            async def all_heard() -> bool:
                return set(heard) == families

            assert await eventually(all_heard)

    async def test_sign_out_everywhere_closes_a_live_websocket_at_once(self, client, base_url):
        # given: a socket with a live subscription
        user = await signed_up(client)
        async with Subscription(base_url, user.token) as ws:
            await ws.start("subscription { notificationReceived { id } }")
            await until_subscribed("sessions", db_id(user.user_id))
            # when
            await user.gql(REVOKE_ALL)
            closed = await closed_with(ws)
        # then: closed by the server, without waiting for another subscribe
        assert closed.rcvd is not None and (closed.rcvd.code, closed.rcvd.reason) == (4403, "Session revoked")

    async def test_deleting_the_account_closes_a_live_websocket(self, client, base_url):
        # given
        user = await signed_up(client)
        async with Subscription(base_url, user.token) as ws:
            await ws.start("subscription { notificationReceived { id } }")
            await until_subscribed("sessions", db_id(user.user_id))
            # when
            await user.gql(DELETE, {"input": {"password": PASSWORD}})
            closed = await closed_with(ws)
        # then
        assert closed.rcvd is not None and (closed.rcvd.code, closed.rcvd.reason) == (4403, "The account was deleted")

    async def test_deleting_the_account_tells_live_connections(self, client):
        # given
        user = await signed_up(client)
        async with listening(user) as heard:
            # when
            await user.gql(DELETE, {"input": {"password": PASSWORD}})

            # then
            async def deleted_heard() -> bool:
                return "deleted" in heard

            assert await eventually(deleted_heard)


class TestDelete:
    async def test_every_owned_row_is_gone_and_the_sessions_with_it(self, client):
        # given
        user = await signed_up(client)
        await with_data(user)
        before = await owned_counts(user.user_id)
        # when
        data = await user.gql(DELETE, {"input": {"password": PASSWORD}})
        # then: every table with a user id (and the rows hanging from them) is empty for this person
        assert data["accountDelete"] == {"deleted": True, "errors": []}
        assert before["jobs"] == 2 and before["application_status_changes"] == 2
        assert set(await owned_counts(user.user_id)).issuperset({"jobs", "refresh_tokens", "goals"})
        assert {name: n for name, n in (await owned_counts(user.user_id)).items() if n} == {}
        assert not await user_exists(user.user_id)
        assert await refresh_errors(user) != []
        signed_in = await user.gql(SIGN_IN, {"input": {"username": user.username, "password": PASSWORD}})
        assert signed_in["tokenCreate"]["errors"] != []
        assert (await user.gql("query { viewer { username } }"))["viewer"] is None  # a still-unexpired access token sees nothing

    async def test_a_mutation_with_the_deleted_accounts_access_token_is_told_to_sign_in(self, client):
        # given: the account deleted while its access token has not expired yet
        user = await signed_up(client)
        await user.gql(DELETE, {"input": {"password": PASSWORD}})
        # when it writes a row that would belong to the gone account
        body = await user.raw(JOB_CREATE, {"input": {"company": "Acme", "title": "Engineer"}})
        # then: signed out, not an internal error, and nothing written
        assert body["errors"][0]["message"] == "Authentication required: the account no longer exists"
        assert await owned_counts(user.user_id) == dict.fromkeys(await owned_counts(user.user_id), 0)

    async def test_a_wrong_password_deletes_nothing(self, client):
        # given
        user = await signed_up(client)
        await with_data(user)
        before = await owned_counts(user.user_id)
        # when
        data = await user.gql(DELETE, {"input": {"password": "not-it"}})
        # then
        [error] = data["accountDelete"]["errors"]
        assert (error["field"], error["code"]) == ("password", "INVALID_CREDENTIALS")
        assert await owned_counts(user.user_id) == before and await user_exists(user.user_id)

    async def test_the_other_persons_data_stays(self, client):
        # given
        user = await signed_up(client)
        other = await signed_up(client)
        await with_data(other)
        before = await owned_counts(other.user_id)
        # when
        await user.gql(DELETE, {"input": {"password": PASSWORD}})
        # then
        assert await owned_counts(other.user_id) == before
