from __future__ import annotations

import strawberry

from api.db import read_session
from api.token import service
from api.token.types import PersonalAccessToken


@strawberry.type
class TokenViewerFields:
    @strawberry.field(description="Your personal access tokens, newest first, revoked and expired ones included.")
    async def personal_access_tokens(self, info: strawberry.Info) -> list[PersonalAccessToken]:
        async with read_session() as session:
            return [PersonalAccessToken.from_model(row) for row in await service.listed(session, info.context.viewer_id)]
