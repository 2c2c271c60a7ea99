"""A small GraphQL-over-HTTP client for tests, and helpers to make signed-in users."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from strawberry import relay

REGISTER = """
mutation Register($input: UserRegisterInput!) {
  userRegister(input: $input) { accepted message errors { field message code } }
}
"""
SIGN_IN = """
mutation SignIn($input: TokenCreateInput!) {
  tokenCreate(input: $input) { accessToken refreshToken user { id } errors { field message code } }
}
"""
PASSWORD = "correct-Horse-42-battery"


@dataclass
class Session:
    client: httpx.AsyncClient
    token: str | None = None
    refresh_token: str | None = None
    user_id: str | None = None
    username: str | None = None

    async def post(self, query: str, variables: dict | None = None, **headers: str) -> httpx.Response:
        if self.token:
            headers.setdefault("authorization", f"Bearer {self.token}")
        return await self.client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)

    async def gql(self, query: str, variables: dict | None = None) -> dict[str, Any]:
        response = await self.post(query, variables)
        body = response.json()
        assert "errors" not in body, body
        return body["data"]

    async def raw(self, query: str, variables: dict | None = None) -> dict[str, Any]:
        return (await self.post(query, variables)).json()


def unique(prefix: str = "user") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


async def signed_up(client: httpx.AsyncClient, username: str | None = None) -> Session:
    session = Session(client)
    username = username or unique()
    data = await session.gql(
        REGISTER, {"input": {"username": username, "email": f"{username}@example.com", "password": PASSWORD}}
    )
    assert data["userRegister"]["errors"] == [], data
    data = await session.gql(SIGN_IN, {"input": {"username": username, "password": PASSWORD}})
    payload = data["tokenCreate"]
    session.token, session.refresh_token = payload["accessToken"], payload["refreshToken"]
    session.user_id, session.username = payload["user"]["id"], username
    return session


def db_id(global_id: str) -> int:
    return int(relay.GlobalID.from_id(global_id).node_id)
