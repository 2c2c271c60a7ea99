from __future__ import annotations

import uuid

import strawberry

from api.account import service
from api.account.types import SignInSession
from api.db import read_session
from api.errors import AuthenticationError
from api.user.tokens import access_claims, token_family


def current_family(info: strawberry.Info) -> uuid.UUID | None:
    """The sign-in (refresh-token family) the request's access token was issued for."""
    request = info.context.request
    header = request.headers.get("authorization", "") if hasattr(request, "headers") else ""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    try:
        return token_family(access_claims(info.context.settings, token.strip()))
    except AuthenticationError:  # the pipeline already authenticated; a token without `fam` has no session
        return None


@strawberry.type
class AccountViewerFields:
    @strawberry.field(description="Where you are signed in, most recently used first.")
    async def sessions(self, info: strawberry.Info) -> list[SignInSession]:
        current = current_family(info)
        async with read_session() as session:
            rows = await service.sessions(session, info.context.viewer_id, current)
        return [SignInSession.from_result(row, id=strawberry.ID(str(row.family_id))) for row in rows]
