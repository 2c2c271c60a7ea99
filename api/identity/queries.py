from __future__ import annotations

import strawberry

from api.db import read_session
from api.graphql.relay import encode_id
from api.identity import service
from api.identity.providers import configured, known
from api.identity.types import AuthProvider, ConnectedAccount
from api.models import UserIdentity


def connected_account(row: UserIdentity, labels: dict[str, str]) -> ConnectedAccount:
    return ConnectedAccount.from_model(
        row, id=strawberry.ID(encode_id("ConnectedAccount", row.id)), provider_label=labels.get(row.provider, row.provider)
    )


@strawberry.type
class IdentityQuery:
    @strawberry.field(description="The sign-in providers configured on this server; open to everyone (the sign-in page).")
    def auth_providers(self, info: strawberry.Info) -> list[AuthProvider]:
        return [AuthProvider.from_result(p) for p in configured(info.context.settings)]


@strawberry.type
class IdentityViewerFields:
    @strawberry.field(description="Your accounts at sign-in providers, oldest first.")
    async def connected_accounts(self, info: strawberry.Info) -> list[ConnectedAccount]:
        labels = {name: p.label for name, p in known(info.context.settings).items()}
        async with read_session() as session:
            return [connected_account(row, labels) for row in await service.identities(session, info.context.viewer_id)]

    @strawberry.field(description="Whether you can sign in with a password (accounts made by a provider have none).")
    async def has_password(self, info: strawberry.Info) -> bool:
        async with read_session() as session:
            return await service.has_password(session, info.context.viewer_id)
