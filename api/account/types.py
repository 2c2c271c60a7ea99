from __future__ import annotations

from datetime import datetime

import strawberry

from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped


@strawberry.type(description="A sign-in: a browser or app holding a refresh token (its family of rotated tokens).")
class SignInSession(Mapped):
    id: strawberry.ID
    started_at: datetime
    last_used_at: datetime = strawberry.field(description="When its refresh token was last exchanged (or issued)")
    current: bool = strawberry.field(description="The session this request was made from")
    user_agent: str | None = strawberry.field(default=None, description="The browser or app that signed in, as it named itself")
    ip: str | None = strawberry.field(default=None, description="The address it signed in from")


@strawberry.input
class PasswordChangeInput:
    current_password: str | None = strawberry.field(
        default=None, description="Required when the account has a password; an account made by a provider may set its first"
    )
    new_password: str


@strawberry.type
class PasswordChangePayload:
    changed: bool = False
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class SessionRevokeInput:
    id: strawberry.ID


@strawberry.input
class SessionRevokeAllInput:
    confirm: bool = strawberry.field(default=True, description="Sign out everywhere, this session included")


@strawberry.type
class SessionRevokePayload:
    revoked: int = strawberry.field(default=0, description="How many sessions were signed out")
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class AccountDeleteInput:
    password: str | None = strawberry.field(default=None, description="Your password, to confirm")
    username: str | None = strawberry.field(default=None, description="For an account without a password: your username")


@strawberry.type
class AccountDeletePayload:
    deleted: bool = False
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class EmailChangeInput:
    new_email: str
    password: str | None = strawberry.field(default=None, description="Your password (accounts without one leave it out)")


@strawberry.type
class EmailChangePayload:
    sent: bool = strawberry.field(default=False, description="A link went to the new address; it changes when the link is opened")
    errors: list[FieldError] = strawberry.field(default_factory=list)
