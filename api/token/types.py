from __future__ import annotations

from datetime import datetime

import strawberry

from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.node import OwnedNode
from api.graphql.relay import NodeIdInput
from api.token.loaders import PersonalAccessTokenByIdLoader
from api.vocabulary import TokenScope

expose(TokenScope, description="What a personal access token may do: read or write one area (write implies read)")


@strawberry.type(
    name="PersonalAccessToken",
    description="A named, scoped, expiring token for scripts and AI assistants. Its secret is only shown on create.",
)
class PersonalAccessToken(OwnedNode, loader=PersonalAccessTokenByIdLoader):
    name: str
    prefix: str = strawberry.field(description="The public start of the token (cc_pat_<prefix>_…), to recognise it")
    scopes: list[TokenScope]
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    last_used_ip: str | None
    revoked_at: datetime | None


@strawberry.input
class PersonalAccessTokenCreateInput:
    name: str
    scopes: list[str] = strawberry.field(description="TokenScope values, e.g. jobs:read, jobs:write, career:read")
    expires_in_days: int | None = strawberry.field(
        default=None, description="1 to the maximum (a year by default); 90 if omitted"
    )


@strawberry.type
class PersonalAccessTokenCreatePayload:
    personal_access_token: PersonalAccessToken | None = None
    token: str | None = strawberry.field(default=None, description="The token itself: shown only now, stored hashed")
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class PersonalAccessTokenRevokeInput(NodeIdInput):
    pass


@strawberry.type
class PersonalAccessTokenRevokePayload:
    personal_access_token: PersonalAccessToken | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
