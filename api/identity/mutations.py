from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from api.errors import AppError, ErrorCode
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.identity import service, store
from api.identity.providers import known
from api.identity.queries import connected_account
from api.identity.types import (
    IdentityConnectInput,
    IdentityConnectPayload,
    IdentityDisconnectInput,
    IdentityDisconnectPayload,
    IdentityLinkConfirmInput,
)
from api.security import client_address
from api.user.routes import set_refresh_cookie
from api.user.types import TokenPayload, user_from_model


@strawberry.type
class IdentityMutation:
    @mutation(description="Connect a sign-in provider to your account: open the answer's url in the browser.")
    async def identity_connect(
        self, session: AsyncSession, user_id: int, input: IdentityConnectInput, info: strawberry.Info
    ) -> IdentityConnectPayload:
        provider = known(info.context.settings).get(input.provider.strip().lower())
        if provider is None or not provider.configured:
            raise AppError(f"No sign-in provider '{input.provider}' is configured", "provider", ErrorCode.NOT_FOUND)
        ticket = service.connect_ticket(info.context.settings, user_id)
        return IdentityConnectPayload(url=f"/auth/{provider.name}/start?link={ticket}")

    @mutation(description="Disconnect a sign-in provider; refused when it is your last way to sign in.")
    async def identity_disconnect(
        self, session: AsyncSession, user_id: int, input: IdentityDisconnectInput, info: strawberry.Info
    ) -> IdentityDisconnectPayload:
        row = await service.disconnect(session, user_id, decode_id(input.id, "ConnectedAccount"))
        labels = {name: p.label for name, p in known(info.context.settings).items()}
        return IdentityDisconnectPayload(disconnected=connected_account(row, labels))

    @mutation(
        description=(
            "Connect a provider identity whose verified email belongs to an existing account, by giving that "
            "account's password, and sign in (the refresh token goes into the session cookie)."
        ),
        authenticated=False,
    )
    async def identity_link_confirm(
        self, session: AsyncSession, user_id: None, input: IdentityLinkConfirmInput, info: strawberry.Info
    ) -> TokenPayload:
        settings, request = info.context.settings, info.context.request
        if not isinstance(request, Request):
            raise AppError("A cookie can only be set over HTTP: send identityLinkConfirm as an HTTP request", "ticket")
        address = client_address(request.scope, settings)
        pair = await service.confirm_link(session, settings, known(settings), input.ticket, input.password, address)
        await store.drop_link(settings, input.ticket)
        set_refresh_cookie(info.context.response, request.scope, settings, pair.refresh_token)
        return TokenPayload(  # like tokenCreate with refreshTokenCookie: the refresh token is in the cookie
            user=user_from_model(pair.user), access_token=pair.access_token, access_token_expires_at=pair.access_expires_at
        )
