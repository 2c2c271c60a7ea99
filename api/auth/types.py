from __future__ import annotations

from datetime import datetime

import strawberry

from api.graphql.errors import FieldError
from api.user.types import User


@strawberry.input
class TokenCreateInput:
    username: str = strawberry.field(description="Username or email")
    password: str


@strawberry.input
class TokenRefreshInput:
    refresh_token: str


@strawberry.input
class TokenRevokeInput:
    refresh_token: str


@strawberry.type
class TokenPayload:
    user: User | None = None
    access_token: str | None = None
    access_token_expires_at: datetime | None = None
    refresh_token: str | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class TokenRevokePayload:
    revoked: bool = False
    errors: list[FieldError] = strawberry.field(default_factory=list)
