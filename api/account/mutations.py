from __future__ import annotations

import uuid

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from api.account import email, service
from api.account.queries import current_family
from api.account.types import (
    AccountDeleteInput,
    AccountDeletePayload,
    EmailChangeInput,
    EmailChangePayload,
    PasswordChangeInput,
    PasswordChangePayload,
    SessionRevokeAllInput,
    SessionRevokeInput,
    SessionRevokePayload,
)
from api.errors import NotFound
from api.graphql.mutation import mutation
from api.user.routes import set_refresh_cookie


def _clear_cookie(info: strawberry.Info) -> None:
    request = info.context.request
    if isinstance(request, Request) and info.context.response is not None:
        set_refresh_cookie(info.context.response, request.scope, info.context.settings, None)


@strawberry.type
class AccountMutation:
    @mutation(description="Change your password (or set a first one); every other session is signed out.")
    async def password_change(
        self, session: AsyncSession, user_id: int, input: PasswordChangeInput, info: strawberry.Info
    ) -> PasswordChangePayload:
        await service.change_password(session, user_id, input.current_password, input.new_password, current_family(info))
        return PasswordChangePayload(changed=True)

    @mutation(description="Sign out one session (from the viewer's sessions).")
    async def session_revoke(self, session: AsyncSession, user_id: int, input: SessionRevokeInput) -> SessionRevokePayload:
        try:
            family = uuid.UUID(str(input.id))
        except ValueError:
            raise NotFound("Session not found", "id") from None
        return SessionRevokePayload(revoked=len(await service.revoke_session(session, user_id, family)))

    @mutation(description="Sign out everywhere, this session included.")
    async def session_revoke_all(
        self, session: AsyncSession, user_id: int, input: SessionRevokeAllInput, info: strawberry.Info
    ) -> SessionRevokePayload:
        revoked = await service.revoke_all(session, user_id)
        _clear_cookie(info)
        return SessionRevokePayload(revoked=len(revoked))

    @mutation(description="Delete your account and everything it owns. Confirm with your password (or username).")
    async def account_delete(
        self, session: AsyncSession, user_id: int, input: AccountDeleteInput, info: strawberry.Info
    ) -> AccountDeletePayload:
        await service.delete_account(session, user_id, input.password, input.username)
        _clear_cookie(info)
        return AccountDeletePayload(deleted=True)

    @mutation(description="Change your sign-in address: a link goes to the new address, which takes effect when it is opened.")
    async def email_change(self, session: AsyncSession, user_id: int, input: EmailChangeInput) -> EmailChangePayload:
        await email.request_change(session, user_id, input.new_email, input.password)
        return EmailChangePayload(sent=True)
