from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Iterable

import strawberry
from strawberry import relay

from api.ai.viewer import AssistViewerFields
from api.goal.queries import GoalViewerFields
from api.graphql.context import Context
from api.graphql.errors import FieldError
from api.interview.viewer import InterviewViewerFields
from api.journey.queries import JourneyViewerFields
from api.market.viewer import InsightViewerFields
from api.matching.viewer import MatchViewerFields
from api.models import User as UserModel


@strawberry.enum
class ExperienceLevel(Enum):
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"


@strawberry.type(name="User")
class User(
    JourneyViewerFields, GoalViewerFields, MatchViewerFields, InsightViewerFields, AssistViewerFields, InterviewViewerFields,
    relay.Node,
):
    id: relay.NodeID[int]
    username: str
    email: str
    skills: list[str]
    preferred_locations: list[str]
    experience_level: ExperienceLevel
    timezone: str

    @classmethod
    def from_model(cls, model: UserModel) -> "User":
        return cls(
            id=model.id,
            username=model.username,
            email=model.email,
            skills=list(model.skills),
            preferred_locations=list(model.preferred_locations),
            experience_level=ExperienceLevel(model.experience_level),
            timezone=model.timezone,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.user.loaders import UserByIdLoader

        context: Context = info.context
        context.require_user()
        # Only the caller's own user is visible; anyone else is "not found".
        ids = [int(i) if str(i).isdigit() else -1 for i in node_ids]
        rows = await UserByIdLoader.of(context).load_many([i if i == context.user_id else -1 for i in ids])
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.input
class UserRegisterInput:
    username: str
    email: str
    password: str


@strawberry.type
class UserRegisterPayload:
    user: User | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class ProfileUpdateInput:
    skills: list[str] | None = strawberry.UNSET
    preferred_locations: list[str] | None = strawberry.UNSET
    experience_level: ExperienceLevel | None = strawberry.UNSET
    timezone: str | None = strawberry.UNSET


@strawberry.type
class ProfileUpdatePayload:
    user: User | None = None
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
    user: User | None = None
    access_token: str | None = None
    access_token_expires_at: datetime | None = None
    refresh_token: str | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class TokenRevokePayload:
    revoked: bool = False
    errors: list[FieldError] = strawberry.field(default_factory=list)
