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
from api.vocabulary import ExperienceLevel, LanguageLevel

if TYPE_CHECKING:
    from api.schema import User

expose(ExperienceLevel, LanguageLevel)


# The User type is assembled in api.schema: these profile fields plus every concept's viewer fields.
UserRef = Annotated["User", strawberry.lazy("api.schema")]
_USER: LazyType[str, str] = LazyType("User", "api.schema")


@strawberry.type(description="A language the person speaks and how well (CEFR A1–C2, or native).")
class SpokenLanguage:
    language: str = strawberry.field(description="Its English name when known (“Deutsch” is German)")
    level: LanguageLevel


@strawberry.type(description="How many years the person has worked with one skill.")
class SkillYears:
    skill: str
    years: float


@strawberry.type(name="UserFields")
class UserFields(OwnedNode, loader=UserByIdLoader):
    """The account and profile; only the caller's own user is ever found."""

    username: str
    email: str
    skills: list[str]
    preferred_locations: list[str]
    experience_level: ExperienceLevel
    timezone: str
    languages: list[SpokenLanguage] = strawberry.field(description="Spoken languages, scored against what postings ask")
    skill_years: list[SkillYears] = strawberry.field(description="Years per skill, scored against “5+ years of Python”")
    years_experience: float | None = strawberry.field(description="Total years of work experience, when given")


def user_from_model(model: UserModel) -> Any:
    """The assembled User type for a row."""
    return _USER.resolve_type().from_model(model)


@strawberry.input
class UserRegisterInput:
    username: str
    email: str
    password: str


NEUTRAL_REGISTRATION = (
    "Sign-up received: sign in to continue. If that email already had an account, no new one was made and its owner was told."
)


@strawberry.type
class UserRegisterPayload:
    """The same answer whether or not the email already had an account (no account enumeration)."""

    accepted: bool = strawberry.field(default=False, description="True when the input was valid and the username free")
    message: str | None = strawberry.field(default=None, description="What happens next, the same for every accepted sign-up")
    user: UserRef | None = strawberry.field(
        default=None, deprecation_reason="Always null: an answer that names the account would tell a taken email apart"
    )
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class SpokenLanguageInput:
    language: str
    level: LanguageLevel


@strawberry.input
class SkillYearsInput:
    skill: str
    years: float = strawberry.field(description="0–60")


@strawberry.input
class ProfileUpdateInput:
    skills: list[str] | None = strawberry.UNSET
    preferred_locations: list[str] | None = strawberry.UNSET
    experience_level: ExperienceLevel | None = strawberry.UNSET
    timezone: str | None = strawberry.UNSET
    languages: list[SpokenLanguageInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the list: at most 20, each language once"
    )
    skill_years: list[SkillYearsInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the list: each skill once; a skill not in skills is added to them"
    )
    years_experience: float | None = strawberry.field(
        default=strawberry.UNSET, description="Total years of work experience, 0–60"
    )


@strawberry.type
class ProfileUpdatePayload:
    user: UserRef | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class TokenCreateInput:
    username: str = strawberry.field(description="Username or email")
    password: str
    refresh_token_cookie: bool = strawberry.field(
        default=False,
        description=(
            "Browsers: set the refresh token as an HttpOnly cookie for POST /auth/refresh and /auth/logout "
            "instead of returning it (the payload's refreshToken is then null)"
        ),
    )


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
