from __future__ import annotations

import strawberry

from api.db import unit_of_work
from api.errors import AppError
from api.graphql.context import Context
from api.graphql.errors import run_mutation, to_user_errors
from api.models import User as UserModel
from api.user import service
from api.user.types import (
    ProfileUpdateInput,
    ProfileUpdatePayload,
    TokenCreateInput,
    TokenPayload,
    TokenRefreshInput,
    TokenRevokeInput,
    TokenRevokePayload,
    User,
    UserRegisterInput,
    UserRegisterPayload,
)


def _given(value: object) -> bool:
    return value is not strawberry.UNSET and value is not None


@strawberry.type
class UserMutation:
    @strawberry.mutation(description="Create an account. Sign in with tokenCreate afterwards.")
    async def user_register(self, input: UserRegisterInput) -> UserRegisterPayload:
        async def build() -> UserRegisterPayload:
            async with unit_of_work() as session:
                user = await service.register(session, input.username, input.email, input.password)
                return UserRegisterPayload(user=User.from_model(user))

        return await run_mutation(build, lambda errors: UserRegisterPayload(errors=errors))

    @strawberry.mutation(description="Change the viewer's profile; all their jobs are re-scored.")
    async def profile_update(self, info: strawberry.Info, input: ProfileUpdateInput) -> ProfileUpdatePayload:
        context: Context = info.context
        user_id = context.require_user()

        async def build() -> ProfileUpdatePayload:
            async with unit_of_work() as session:
                user = await session.get(UserModel, user_id, with_for_update=True)
                assert user is not None
                changes = service.ProfileChanges(
                    skills=input.skills if _given(input.skills) else None,
                    preferred_locations=input.preferred_locations if _given(input.preferred_locations) else None,
                    experience_level=input.experience_level.value if _given(input.experience_level) else None,
                    timezone=input.timezone if _given(input.timezone) else None,
                )
                user = await service.update_profile(session, user, changes)
                return ProfileUpdatePayload(user=User.from_model(user))

        return await run_mutation(build, lambda errors: ProfileUpdatePayload(errors=errors))


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
