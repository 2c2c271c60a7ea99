from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from api.user.types import NEUTRAL_REGISTRATION
from tests.support.graphql import PASSWORD, REGISTER, SIGN_IN, Session, signed_up, unique
from tests.support.waiting import worker_idle

VIEWER = "query { viewer { id username email } }"
REFRESH = """
mutation Refresh($input: TokenRefreshInput!) {
  tokenRefresh(input: $input) { accessToken refreshToken errors { field message code } }
}
"""
REVOKE = """
mutation Revoke($input: TokenRevokeInput!) {
  tokenRevoke(input: $input) { revoked errors { field message code } }
}
"""
JOBS = "query { jobs(first: 5) { totalCount } }"


class TestUserRegister:
    async def test_registers_and_signs_in_with_username_or_email(self, client):
        # given
        session = Session(client)
        name = unique()
        # when
        registered = await session.gql(REGISTER, {"input": {"username": name, "email": f"{name}@x.io", "password": PASSWORD}})
        by_email = await session.gql(SIGN_IN, {"input": {"username": f"{name.upper()}@X.IO", "password": PASSWORD}})
        # then
        assert registered["userRegister"]["accepted"] is True and registered["userRegister"]["errors"] == []
        assert by_email["tokenCreate"]["errors"] == []
        session.token = by_email["tokenCreate"]["accessToken"]
        assert (await session.gql(VIEWER))["viewer"]["username"] == name

    async def test_a_taken_email_gets_the_same_answer_as_a_new_account_and_creates_nothing(self, client, services):
        # given
        first = await signed_up(client)
        fresh, other = unique(), unique()
        # when: one sign-up with a free email, one with the first account's email (in another case)
        new = await Session(client).gql(
            REGISTER, {"input": {"username": fresh, "email": f"{fresh}@example.com", "password": PASSWORD}}
        )
        taken = await Session(client).gql(
            REGISTER, {"input": {"username": other, "email": f"{first.username}@EXAMPLE.com", "password": PASSWORD}}
        )
        # then: the answers are identical, and no account holds the other username
        assert taken == new
        assert new["userRegister"] == {"accepted": True, "message": NEUTRAL_REGISTRATION, "errors": []}
        assert await count_users(services, other) == 0
        assert await count_users(services, fresh) == 1

    async def test_a_taken_username_is_reported_case_insensitively(self, client):
        # given
        first = await signed_up(client)
        other = unique()
        # when
        data = await Session(client).gql(
            REGISTER, {"input": {"username": first.username.upper(), "email": f"{other}@example.com", "password": PASSWORD}}
        )
        # then
        errors = {e["field"]: e["code"] for e in data["userRegister"]["errors"]}
        assert errors == {"username": "DUPLICATE"}
        assert data["userRegister"]["accepted"] is False

    async def test_the_owner_of_a_taken_email_is_told_by_mail(self, client, mailbox, worker):
        # given
        first = await signed_up(client)
        # when
        data = await Session(client).gql(
            REGISTER, {"input": {"username": unique(), "email": f"{first.username}@example.com", "password": PASSWORD}}
        )
        # then
        assert data["userRegister"]["accepted"] is True
        [message] = await mailbox.wait_for(f"{first.username}@example.com")
        assert message["Subject"] == "Someone tried to create an account with your email"
        assert first.username in message.get_body(preferencelist=("plain",)).get_content()

    async def test_the_owner_gets_one_such_mail_an_hour_however_often_someone_tries(self, client, mailbox, worker):
        # given
        first = await signed_up(client)
        attempt = {"input": {"username": unique(), "email": f"{first.username}@example.com", "password": PASSWORD}}
        await Session(client).gql(REGISTER, attempt)
        await mailbox.wait_for(f"{first.username}@example.com")
        # when
        for _ in range(3):
            await Session(client).gql(REGISTER, {"input": {**attempt["input"], "username": unique()}})
        await worker_idle()
        # then
        assert len(mailbox.to(f"{first.username}@example.com")) == 1

    async def test_weak_password_malformed_email_and_long_username_are_each_reported(self, client):
        # given
        session = Session(client)
        # when
        data = await session.gql(REGISTER, {"input": {"username": "x" * 41, "email": "not-an-email", "password": "short"}})
        # then
        errors = {e["field"]: e["code"] for e in data["userRegister"]["errors"]}
        assert errors == {"username": "INVALID", "email": "INVALID", "password": "WEAK_PASSWORD"}

    async def test_password_is_stored_as_argon2id(self, client, services):
        # given
        session = await signed_up(client)
        # when
        import asyncpg

        connection = await asyncpg.connect(services.database_url)
        stored = await connection.fetchval("SELECT password_hash FROM users WHERE username = $1", session.username)
        await connection.close()
        # then
        assert stored.startswith("$argon2id$")
        assert PASSWORD not in stored


class TestTokenCreate:
    async def test_wrong_password_is_a_payload_error(self, client):
        # given
        user = await signed_up(client)
        # when
        data = await Session(client).gql(SIGN_IN, {"input": {"username": user.username, "password": "nope-nope-nope"}})
        # then
        assert data["tokenCreate"]["accessToken"] is None
        assert data["tokenCreate"]["errors"][0]["code"] == "INVALID_CREDENTIALS"

    async def test_access_token_has_checked_claims_and_short_life(self, client):
        # given
        user = await signed_up(client)
        # when
        claims = jwt.decode(user.token, options={"verify_signature": False})
        # then
        assert claims["iss"] == "career-companion" and claims["aud"] == "career-companion-web"
        assert claims["typ"] == "access"
        assert claims["exp"] - claims["iat"] == 15 * 60


class TestAuthentication:
    async def test_missing_auth_is_a_top_level_error(self, client):
        # when
        body = await Session(client).raw(JOBS)
        # then
        assert body["errors"][0]["message"] == "Authentication required"

    async def test_expired_token_is_refused(self, client):
        # given
        from api.config import get_settings
        from api.user.tokens import create_access_token

        user = await signed_up(client)
        token, _ = create_access_token(get_settings(), 1, now=datetime.now(UTC) - timedelta(hours=1))
        # when
        body = await Session(client, token=token).raw(JOBS)
        # then
        assert body["errors"][0]["message"] == "Access token expired"
        assert user.token != token

    async def test_token_signed_with_another_key_or_alg_none_is_refused(self, client):
        # given
        claims = {
            "sub": "1",
            "iss": "career-companion",
            "aud": "career-companion-web",
            "typ": "access",
            "iat": int(datetime.now(UTC).timestamp()),
            "exp": int(datetime.now(UTC).timestamp()) + 600,
        }
        forged = jwt.encode(claims, "another-key-" + "y" * 40, algorithm="HS256")
        unsigned = jwt.encode(claims, None, algorithm="none")
        # when
        bodies = [await Session(client, token=t).raw(JOBS) for t in (forged, unsigned)]
        # then
        assert [b["errors"][0]["message"] for b in bodies] == ["Invalid access token"] * 2

    async def test_refresh_token_used_as_access_token_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        body = await Session(client, token=user.refresh_token).raw(JOBS)
        # then
        assert body["errors"][0]["message"] == "Invalid access token"


class TestVerifiedTokens:
    """Verified access tokens are remembered (api.user.tokens): never past their expiry, never
    under another key."""

    def test_a_remembered_token_is_refused_once_it_expired(self, monkeypatch):
        # given: a token verified once (and remembered)
        from api.config import Settings
        from api.errors import AuthenticationError
        from api.user import tokens

        settings = Settings(database_url="postgresql://db/x", secret_key="k" * 40)
        token, expires = tokens.create_access_token(settings, 7)
        assert tokens.decode_access_token(settings, token) == 7
        # when: the clock passes its expiry (PyJWT's clock and the cache's alike)
        later = expires + timedelta(seconds=1)

        class Later(datetime):
            @classmethod
            def now(cls, tz=None):  # type: ignore[override]
                return later

        monkeypatch.setattr(jwt.api_jwt, "datetime", Later)
        monkeypatch.setattr(tokens.time, "time", lambda: later.timestamp())
        # then
        with pytest.raises(AuthenticationError, match="Access token expired"):
            tokens.decode_access_token(settings, token)

    def test_a_token_remembered_under_one_key_is_refused_under_another(self):
        # given
        from api.config import Settings
        from api.errors import AuthenticationError
        from api.user import tokens

        signer = Settings(database_url="postgresql://db/x", secret_key="k" * 40)
        other = Settings(database_url="postgresql://db/x", secret_key="o" * 40)
        token, _ = tokens.create_access_token(signer, 7)
        assert tokens.decode_access_token(signer, token) == 7
        # then
        with pytest.raises(AuthenticationError, match="Invalid access token"):
            tokens.decode_access_token(other, token)


class TestTokenRefresh:
    async def test_rotates_and_a_later_reuse_revokes_the_family(self, client, services):
        # given
        user = await signed_up(client)
        session = Session(client)
        rotated = (await session.gql(REFRESH, {"input": {"refreshToken": user.refresh_token}}))["tokenRefresh"]
        await age_rotation(services, user.refresh_token, seconds=60)  # past the reuse leeway
        # when
        reuse = (await session.gql(REFRESH, {"input": {"refreshToken": user.refresh_token}}))["tokenRefresh"]
        after = (await session.gql(REFRESH, {"input": {"refreshToken": rotated["refreshToken"]}}))["tokenRefresh"]
        # then
        assert rotated["errors"] == [] and rotated["refreshToken"] != user.refresh_token
        assert reuse["errors"][0]["code"] == "INVALID_TOKEN" and "already used" in reuse["errors"][0]["message"]
        assert after["errors"][0]["code"] == "INVALID_TOKEN"

    async def test_a_second_exchange_within_the_leeway_gets_the_same_pair(self, client):
        # given: two tabs refresh with the same token one after the other, within the leeway
        user = await signed_up(client)
        session = Session(client)
        first = (await session.gql(REFRESH, {"input": {"refreshToken": user.refresh_token}}))["tokenRefresh"]
        # when
        second = (await session.gql(REFRESH, {"input": {"refreshToken": user.refresh_token}}))["tokenRefresh"]
        following = (await session.gql(REFRESH, {"input": {"refreshToken": second["refreshToken"]}}))["tokenRefresh"]
        # then: one pair for both, and its chain goes on
        assert first["errors"] == [] and second == first
        assert first["refreshToken"] != user.refresh_token
        assert following["errors"] == [] and following["refreshToken"] not in (first["refreshToken"], user.refresh_token)

    async def test_twenty_parallel_exchanges_of_one_token_mint_one_successor(self, client, services):
        # given
        user = await signed_up(client)
        # when: 20 requests at once over real HTTP
        answers = await asyncio.gather(
            *(Session(client).gql(REFRESH, {"input": {"refreshToken": user.refresh_token}}) for _ in range(20))
        )
        # then: every one got the very same pair, and the family holds two tokens: the old and its successor
        pairs = {(a["tokenRefresh"]["accessToken"], a["tokenRefresh"]["refreshToken"]) for a in answers}
        assert len(pairs) == 1 and all(a["tokenRefresh"]["errors"] == [] for a in answers)
        assert await family_size(services, user.refresh_token) == 2

    async def test_unknown_token_is_a_payload_error(self, client):
        # when
        data = await Session(client).gql(REFRESH, {"input": {"refreshToken": "garbage"}})
        # then
        assert data["tokenRefresh"]["errors"][0]["code"] == "INVALID_TOKEN"


async def count_users(services, username: str) -> int:
    import asyncpg

    connection = await asyncpg.connect(services.database_url)
    try:
        return await connection.fetchval("SELECT count(*) FROM users WHERE lower(username) = lower($1)", username)
    finally:
        await connection.close()


async def family_size(services, token: str) -> int:
    import asyncpg

    from api.user.tokens import hash_refresh_token

    connection = await asyncpg.connect(services.database_url)
    try:
        return await connection.fetchval(
            "SELECT count(*) FROM refresh_tokens WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)",
            hash_refresh_token(token),
        )
    finally:
        await connection.close()


async def age_rotation(services, token: str, seconds: int) -> None:
    """Pretend the token was rotated `seconds` ago."""
    import asyncpg

    from api.user.tokens import hash_refresh_token

    connection = await asyncpg.connect(services.database_url)
    await connection.execute(
        "UPDATE refresh_tokens SET used_at = now() - make_interval(secs => $2) WHERE token_hash = $1",
        hash_refresh_token(token),
        seconds,
    )
    await connection.close()


class TestSessionFamily:
    async def test_an_access_token_names_its_sign_in_which_reads_revoked_after_sign_out(self, client):
        # given
        from api.config import get_settings
        from api.db import read_session
        from api.user.repository import family_revoked
        from api.user.tokens import access_claims, token_family

        user = await signed_up(client)
        family = token_family(access_claims(get_settings(), user.token))
        async with read_session() as session:
            before = await family_revoked(session, family)
        # when
        await Session(client).gql(REVOKE, {"input": {"refreshToken": user.refresh_token}})
        # then
        async with read_session() as session:
            after = await family_revoked(session, family)
        assert family is not None and (before, after) == (False, True)


class TestTokenRevoke:
    async def test_sign_out_revokes_the_refresh_token(self, client):
        # given
        user = await signed_up(client)
        session = Session(client)
        # when
        revoked = (await session.gql(REVOKE, {"input": {"refreshToken": user.refresh_token}}))["tokenRevoke"]
        refreshed = (await session.gql(REFRESH, {"input": {"refreshToken": user.refresh_token}}))["tokenRefresh"]
        # then
        assert revoked == {"revoked": True, "errors": []}
        assert refreshed["errors"][0]["code"] == "INVALID_TOKEN"


class TestPasswordRules:
    def test_reasons(self):
        # given
        from api.user.passwords import password_problem

        cases = {
            "short": "Password must be at least 10 characters",
            "aaaaaaaaaaaa": "Password is too repetitive",
            "xx-alice-2024-yy": "Password must not contain your username or email",
            "Password123": "This is one of the most common passwords; choose another",
            "correct horse battery staple": None,
            "e-correct-Horse-42": None,  # a one-letter email name is not "contained"
        }
        # when
        results = {pw: password_problem(pw, username="alice", email="e@example.com") for pw in cases}
        # then
        assert results == cases
