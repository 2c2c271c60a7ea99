from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types.lazy_type import LazyType

from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.node import OwnedNode
from api.models import User as UserModel
from api.user.loaders import UserByIdLoader
from api.vocabulary import ExperienceLevel

if TYPE_CHECKING:
    from api.schema import User

expose(ExperienceLevel)


# The User type is assembled in api.schema: these profile fields plus every concept's viewer fields.
UserRef = Annotated["User", strawberry.lazy("api.schema")]
_USER: LazyType[str, str] = LazyType("User", "api.schema")


@strawberry.type(name="UserFields")
class UserFields(OwnedNode, loader=UserByIdLoader):
    """The account and profile; only the caller's own user is ever found."""

    username: str
    email: str
    skills: list[str]
    preferred_locations: list[str]
    experience_level: ExperienceLevel
    timezone: str


def user_from_model(model: UserModel) -> Any:
    """The assembled User type for a row."""
    return _USER.resolve_type().from_model(model)


@strawberry.input
class UserRegisterInput:
    username: str
    email: str
    password: str


@strawberry.type
class UserRegisterPayload:
    user: UserRef | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class ProfileUpdateInput:
    skills: list[str] | None = strawberry.UNSET
    preferred_locations: list[str] | None = strawberry.UNSET
    experience_level: ExperienceLevel | None = strawberry.UNSET
    timezone: str | None = strawberry.UNSET


@strawberry.type
class ProfileUpdatePayload:
    user: UserRef | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


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
    user: UserRef | None = None
    access_token: str | None = None
    access_token_expires_at: datetime | None = None
    refresh_token: str | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class TokenRevokePayload:
    revoked: bool = False
    errors: list[FieldError] = strawberry.field(default_factory=list)
