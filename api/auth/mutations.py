from __future__ import annotations

import strawberry

from api.auth import service
from api.auth.types import TokenCreateInput, TokenPayload, TokenRefreshInput, TokenRevokeInput, TokenRevokePayload
from api.db import unit_of_work
from api.errors import AppError
from api.graphql.context import Context
from api.graphql.errors import run_mutation, to_user_errors
from api.user.types import User


def _payload(pair: service.TokenPair) -> TokenPayload:
    return TokenPayload(
        user=User.from_model(pair.user),
        access_token=pair.access_token,
        access_token_expires_at=pair.access_expires_at,
        refresh_token=pair.refresh_token,
    )


@strawberry.type
class AuthMutation:
    @strawberry.mutation(description="Sign in with username (or email) and password.")
    async def token_create(self, info: strawberry.Info, input: TokenCreateInput) -> TokenPayload:
        context: Context = info.context

        async def build() -> TokenPayload:
            async with unit_of_work() as session:
                return _payload(await service.sign_in(session, context.settings, input.username, input.password))

        return await run_mutation(build, lambda errors: TokenPayload(errors=errors))

    @strawberry.mutation(description="Exchange a refresh token for new tokens. Each refresh token works once.")
    async def token_refresh(self, info: strawberry.Info, input: TokenRefreshInput) -> TokenPayload:
        context: Context = info.context
        try:
            async with unit_of_work() as session:
                return _payload(await service.refresh(session, context.settings, input.refresh_token))
        except service.TokenReused as error:
            async with unit_of_work() as session:
                await service.revoke_family(session, error.family_id)
            return TokenPayload(errors=to_user_errors(error))
        except AppError as error:
            return TokenPayload(errors=to_user_errors(error))

    @strawberry.mutation(description="Sign out: revoke a refresh token and every token rotated from it.")
    async def token_revoke(self, input: TokenRevokeInput) -> TokenRevokePayload:
        async def build() -> TokenRevokePayload:
            async with unit_of_work() as session:
                await service.revoke(session, input.refresh_token)
                return TokenRevokePayload(revoked=True)

        return await run_mutation(build, lambda errors: TokenRevokePayload(errors=errors))
