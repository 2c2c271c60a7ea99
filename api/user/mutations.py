from __future__ import annotations

from dataclasses import replace

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from api.errors import AppError
from api.graphql.inputs import given_fields
from api.graphql.mutation import mutation
from api.security import client_address
from api.user import service
from api.user.routes import set_refresh_cookie
from api.user.types import (
    NEUTRAL_REGISTRATION,
    ProfileUpdateInput,
    ProfileUpdatePayload,
    TokenCreateInput,
    TokenPayload,
    TokenRefreshInput,
    TokenRevokeInput,
    TokenRevokePayload,
    UserRegisterInput,
    UserRegisterPayload,
    user_from_model,
)

PROFILE_FIELDS = (
    "skills",
    "preferred_locations",
    "experience_level",
    "timezone",
    "languages",
    "skill_years",
    "years_experience",
)


def _tokens(pair: service.TokenPair) -> TokenPayload:
    return TokenPayload(
        user=user_from_model(pair.user),
        access_token=pair.access_token,
        access_token_expires_at=pair.access_expires_at,
        refresh_token=pair.refresh_token,
    )


@strawberry.type
class UserMutation:
    @mutation(
        description=(
            "Create an account, then sign in with tokenCreate. The answer is the same whether or not the email "
            "already had an account (its owner gets an email when email is configured); a taken username is reported."
        ),
        authenticated=False,
    )
    async def user_register(self, session: AsyncSession, user_id: None, input: UserRegisterInput) -> UserRegisterPayload:
        await service.register(session, input.username, input.email, input.password)
        return UserRegisterPayload(accepted=True, message=NEUTRAL_REGISTRATION)

    @mutation(description="Change the viewer's profile; all their jobs are re-scored.")
    async def profile_update(self, session: AsyncSession, user_id: int, input: ProfileUpdateInput) -> ProfileUpdatePayload:
        # An explicit null leaves a field as it is, like an omitted one.
        changes = {k: v for k, v in given_fields(input, PROFILE_FIELDS).items() if v is not None}
        if "languages" in changes:
            changes["languages"] = [service.SpokenLanguage(x.language, x.level.value) for x in changes["languages"]]
        if "skill_years" in changes:
            changes["skill_years"] = [service.SkillYears(x.skill, x.years) for x in changes["skill_years"]]
        user = await service.update_profile(session, user_id, service.ProfileChanges(**changes))
        return ProfileUpdatePayload(user=user_from_model(user))

    @mutation(description="Sign in with username (or email) and password.", authenticated=False)
    async def token_create(
        self, session: AsyncSession, user_id: None, input: TokenCreateInput, info: strawberry.Info
    ) -> TokenPayload:
        settings, request = info.context.settings, info.context.request
        if input.refresh_token_cookie and not isinstance(request, Request):  # a mutation over the WebSocket
            raise AppError("A cookie can only be set over HTTP: send tokenCreate as an HTTP request", "refresh_token_cookie")
        address, agent = client_address(request.scope, settings), request.headers.get("user-agent")
        pair = await service.sign_in(session, settings, input.username, input.password, address, agent)
        if not input.refresh_token_cookie:
            return _tokens(pair)
        set_refresh_cookie(info.context.response, request.scope, settings, pair.refresh_token)
        return _tokens(replace(pair, refresh_token=None))

    @mutation(description="Exchange a refresh token for new tokens. Each refresh token works once.", authenticated=False)
    async def token_refresh(
        self, session: AsyncSession, user_id: None, input: TokenRefreshInput, info: strawberry.Info
    ) -> TokenPayload:
        return _tokens(await service.refresh(session, info.context.settings, input.refresh_token))

    @mutation(description="Sign out: revoke a refresh token and every token rotated from it.", authenticated=False)
    async def token_revoke(self, session: AsyncSession, user_id: None, input: TokenRevokeInput) -> TokenRevokePayload:
        await service.revoke(session, input.refresh_token)
        return TokenRevokePayload(revoked=True)
