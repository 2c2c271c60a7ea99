from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.token import service
from api.token.types import (
    PersonalAccessToken,
    PersonalAccessTokenCreateInput,
    PersonalAccessTokenCreatePayload,
    PersonalAccessTokenRevokeInput,
    PersonalAccessTokenRevokePayload,
)


@strawberry.type
class TokenMutation:
    @mutation(
        description="Create a personal access token for a script or an AI assistant. The token is shown once. "
        "Only a signed-in session can create one."
    )
    async def personal_access_token_create(
        self, session: AsyncSession, user_id: int, input: PersonalAccessTokenCreateInput, info: strawberry.Info
    ) -> PersonalAccessTokenCreatePayload:
        row, token = await service.create(
            session, info.context.settings, user_id, input.name, list(input.scopes), input.expires_in_days
        )
        return PersonalAccessTokenCreatePayload(personal_access_token=PersonalAccessToken.from_model(row), token=token)

    @mutation(description="Revoke a personal access token; it stops working at once.")
    async def personal_access_token_revoke(
        self, session: AsyncSession, user_id: int, input: PersonalAccessTokenRevokeInput
    ) -> PersonalAccessTokenRevokePayload:
        row = await service.revoke(session, user_id, decode_id(input.id, "PersonalAccessToken"))
        return PersonalAccessTokenRevokePayload(personal_access_token=PersonalAccessToken.from_model(row))
