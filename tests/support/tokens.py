"""Personal access tokens for tests: create one through GraphQL as a signed-in person."""

from __future__ import annotations

from tests.support.graphql import Session

PAT_CREATE = """
mutation Pat($input: PersonalAccessTokenCreateInput!) {
  personalAccessTokenCreate(input: $input) {
    token
    personalAccessToken { id name prefix scopes expiresAt lastUsedAt revokedAt }
    errors { field message code }
  }
}
"""
PAT_REVOKE = """
mutation Revoke($input: PersonalAccessTokenRevokeInput!) {
  personalAccessTokenRevoke(input: $input) { personalAccessToken { id revokedAt } errors { field message code } }
}
"""
PAT_LIST = "query { viewer { personalAccessTokens { id name prefix scopes expiresAt lastUsedAt lastUsedIp revokedAt } } }"


async def create_pat(session: Session, *scopes: str, name: str = "script", days: int | None = None) -> str:
    """The token's plain text (shown only on create)."""
    payload = (await session.gql(PAT_CREATE, {"input": {"name": name, "scopes": list(scopes), "expiresInDays": days}}))[
        "personalAccessTokenCreate"
    ]
    assert payload["errors"] == [], payload
    return payload["token"]


def as_pat(session: Session, token: str) -> Session:
    """The same person, calling with the personal access token instead of the sign-in."""
    return Session(session.client, token=token, user_id=session.user_id, username=session.username)
