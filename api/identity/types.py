from __future__ import annotations

from datetime import datetime

import strawberry

from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped


@strawberry.type(description="A sign-in provider configured on this server (only configured ones are listed).")
class AuthProvider(Mapped):
    name: str = strawberry.field(description="Start a sign-in at /auth/{name}/start")
    label: str


@strawberry.type(description="An account at a sign-in provider connected to yours.")
class ConnectedAccount(Mapped):
    id: strawberry.ID
    provider: str
    provider_label: str
    email: str | None
    email_verified: bool
    created_at: datetime


@strawberry.input
class IdentityConnectInput:
    provider: str = strawberry.field(description="A configured provider's name (authProviders)")


@strawberry.type
class IdentityConnectPayload:
    url: str | None = strawberry.field(
        default=None, description="Open this address in the browser (valid for 5 minutes) to connect the provider"
    )
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class IdentityDisconnectInput:
    id: strawberry.ID


@strawberry.type
class IdentityDisconnectPayload:
    disconnected: ConnectedAccount | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class IdentityLinkConfirmInput:
    ticket: str = strawberry.field(description="From the /link-account?ticket=… address the provider sign-in ended at")
    password: str = strawberry.field(description="The password of the account that holds the provider's email")
