"""Sign-in throttling over real HTTP: per account, per client address, atomic under parallel attempts."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import re
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.support.graphql import PASSWORD, SIGN_IN, signed_up, unique
from tests.support.running import running_server
from tests.support.waiting import eventually

WRONG = "not-the-Password-1"


@contextlib.asynccontextmanager
async def behind_proxy(**changes: object) -> AsyncIterator[httpx.AsyncClient]:
    """An API that believes X-Forwarded-For from loopback (its reverse proxy), with these settings."""
    from api.app import create_app
    from api.config import get_settings

    settings = get_settings().model_copy(update={"trusted_proxies": ["127.0.0.1"], **changes})
    async with running_server(create_app(settings)) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
        yield client


def address() -> str:
    """A client address of its own (IPv6 documentation range, 64 random bits), so tests never share a
    counter: 62,500 IPv4 documentation addresses let a test now and then draw one another test had
    counted (a flaky "ignored unless trusted" check)."""
    return str(ipaddress.IPv6Address((0x20010DB8 << 96) | (uuid.uuid4().int >> 64)))


async def sign_in(client: httpx.AsyncClient, login: str, password: str, forwarded: str | None = None) -> dict:
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    response = await client.post(
        "/graphql", json={"query": SIGN_IN, "variables": {"input": {"username": login, "password": password}}}, headers=headers
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["tokenCreate"]


def code(payload: dict) -> str | None:
    return payload["errors"][0]["code"] if payload["errors"] else None


def retry_after(payload: dict) -> int:
    found = re.search(r"Try again in (\d+) seconds?", payload["errors"][0]["message"])
    assert found, payload
    return int(found.group(1))


class TestPerAccount:
    async def test_after_five_failures_even_the_right_password_is_refused_with_the_wait(self, client):
        # given
        user = await signed_up(client)
        failures = [await sign_in(client, user.username, WRONG) for _ in range(5)]
        # when
        right = await sign_in(client, user.username, PASSWORD)
        # then
        assert [code(f) for f in failures] == ["INVALID_CREDENTIALS"] * 5
        assert code(right) == "RATE_LIMITED" and right["accessToken"] is None
        assert right["errors"][0]["message"].startswith("Too many sign-in attempts. Try again in ")
        assert retry_after(right) >= 1

    async def test_forty_parallel_wrong_passwords_get_five_tries_whatever_their_addresses(self, client):
        # given
        user = await signed_up(client)
        async with behind_proxy() as proxied:
            # when: 40 attempts at once, each from an address of its own
            answers = await asyncio.gather(*(sign_in(proxied, user.username, WRONG, address()) for _ in range(40)))
            right = await sign_in(proxied, user.username, PASSWORD, address())
        # then: exactly five were checked; the rest, and then the right password, waited
        codes = [code(a) for a in answers]
        assert codes.count("INVALID_CREDENTIALS") == 5 and codes.count("RATE_LIMITED") == 35
        assert code(right) == "RATE_LIMITED"

    async def test_the_wait_doubles_with_each_attempt_past_the_free_ones(self, client):
        # given: five failures, so the next attempt waits 1 s
        user = await signed_up(client)
        async with behind_proxy(signin_backoff_seconds=1.0) as proxied:
            for _ in range(5):
                await sign_in(proxied, user.username, WRONG, address())
            first = await sign_in(proxied, user.username, WRONG, address())

            # when: once the wait is over the next attempt is checked, and the one after waits twice as long
            async def let_through() -> dict | None:
                answer = await sign_in(proxied, user.username, WRONG, address())
                return answer if code(answer) == "INVALID_CREDENTIALS" else None

            await eventually(let_through, timeout=10, interval=0.2)
            second = await sign_in(proxied, user.username, PASSWORD, address())
        # then
        assert (code(first), retry_after(first)) == ("RATE_LIMITED", 1)
        assert (code(second), retry_after(second)) == ("RATE_LIMITED", 2)

    async def test_a_success_starts_the_account_afresh(self, client):
        # given: four failures, then the right password
        user = await signed_up(client)
        async with behind_proxy() as proxied:
            for _ in range(4):
                await sign_in(proxied, user.username, WRONG, address())
            success = await sign_in(proxied, user.username, PASSWORD, address())
            # when: five more failures
            again = [await sign_in(proxied, user.username, WRONG, address()) for _ in range(5)]
        # then: all five were checked
        assert code(success) is None and success["accessToken"]
        assert [code(a) for a in again] == ["INVALID_CREDENTIALS"] * 5

    async def test_an_unknown_login_is_throttled_like_a_known_one(self, client):
        # given
        nobody, somebody = unique("nobody"), (await signed_up(client)).username
        async with behind_proxy() as proxied:
            # when
            answers = {
                login: [code(await sign_in(proxied, login, WRONG, address())) for _ in range(6)] for login in (nobody, somebody)
            }
        # then: the answers cannot tell which account exists
        assert answers[nobody] == answers[somebody] == ["INVALID_CREDENTIALS"] * 5 + ["RATE_LIMITED"]


class TestPerAddress:
    async def test_one_address_trying_many_accounts_is_throttled(self, client):
        # given: eight failures on eight accounts from one address
        user = await signed_up(client)
        async with behind_proxy(signin_address_attempts=8) as proxied:
            attacker = address()
            failures = [await sign_in(proxied, unique("guess"), WRONG, attacker) for _ in range(8)]
            # when
            from_attacker = await sign_in(proxied, user.username, PASSWORD, attacker)
            from_elsewhere = await sign_in(proxied, user.username, PASSWORD, address())
        # then: the address waits; the account's owner elsewhere does not
        assert [code(f) for f in failures] == ["INVALID_CREDENTIALS"] * 8
        assert code(from_attacker) == "RATE_LIMITED"
        assert code(from_elsewhere) is None and from_elsewhere["accessToken"]

    async def test_successful_sign_ins_do_not_use_up_an_address(self, client):
        # given: an office behind one address
        office = address()
        users = [await signed_up(client) for _ in range(5)]
        async with behind_proxy(signin_address_attempts=3) as proxied:
            # when
            answers = [await sign_in(proxied, u.username, PASSWORD, office) for u in users]
        # then
        assert [code(a) for a in answers] == [None] * 5

    async def test_x_forwarded_for_is_ignored_unless_the_proxy_is_trusted(self, client):
        # given: a client that claims a fresh address with every request
        claimed = [address() for _ in range(3)]
        before = await address_attempts("127.0.0.1")
        # when
        answers = [await sign_in(client, unique("guess"), WRONG, a) for a in claimed]
        # then: the peer's (loopback) counter counted them, the claimed addresses have none
        assert [code(a) for a in answers] == ["INVALID_CREDENTIALS"] * 3
        assert await address_attempts("127.0.0.1") == before + 3
        assert [await address_attempts(a) for a in claimed] == [0, 0, 0]


async def address_attempts(peer: str) -> int:
    from api import broker
    from api.config import get_settings
    from api.user.throttle import keys

    redis = await broker.pool()
    return int(await redis.hget(keys(get_settings(), "", peer).address, "n") or 0)


class TestClientAddress:
    @pytest.mark.parametrize(
        ("peer", "forwarded", "trusted", "expected"),
        [
            ("198.51.100.7", "203.0.113.9", [], "198.51.100.7"),  # no proxy trusted: the peer
            ("10.0.0.2", "203.0.113.9", ["10.0.0.0/8"], "203.0.113.9"),  # the proxy's word
            ("10.0.0.2", "1.2.3.4, 203.0.113.9", ["10.0.0.0/8"], "203.0.113.9"),  # a client-prepended hop is ignored
            ("10.0.0.2", "203.0.113.9, 10.0.0.5", ["10.0.0.0/8"], "203.0.113.9"),  # two trusted hops
            ("198.51.100.7", "203.0.113.9", ["10.0.0.0/8"], "198.51.100.7"),  # not from the proxy: the peer
        ],
    )
    def test_the_right_most_untrusted_hop_from_a_trusted_proxy(self, peer, forwarded, trusted, expected):
        # given
        from api.config import get_settings
        from api.security import client_address

        settings = get_settings().model_copy(update={"trusted_proxies": trusted})
        scope = {"type": "http", "client": (peer, 5000), "headers": [(b"x-forwarded-for", forwarded.encode())]}
        # when
        found = client_address(scope, settings)
        # then
        assert found == expected
