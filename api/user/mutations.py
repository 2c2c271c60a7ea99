from __future__ import annotations

import strawberry

from api.db import unit_of_work
from api.graphql.context import Context
from api.graphql.errors import run_mutation
from api.models import User as UserModel
from api.user import service
from api.user.types import ProfileUpdateInput, ProfileUpdatePayload, User, UserRegisterInput, UserRegisterPayload


def _given(value: object) -> bool:
    return value is not strawberry.UNSET and value is not None


@strawberry.type
class UserMutation:
    @strawberry.mutation(description="Create an account. Sign in with tokenCreate afterwards.")
    async def user_register(self, input: UserRegisterInput) -> UserRegisterPayload:
        async def build() -> UserRegisterPayload:
            async with unit_of_work() as session:
                user = await service.register(session, input.username, input.email, input.password)
                return UserRegisterPayload(user=User.from_model(user))

        return await run_mutation(build, lambda errors: UserRegisterPayload(errors=errors))

    @strawberry.mutation(description="Change the viewer's profile; all their jobs are re-scored.")
    async def profile_update(self, info: strawberry.Info, input: ProfileUpdateInput) -> ProfileUpdatePayload:
        context: Context = info.context
        user_id = context.require_user()

        async def build() -> ProfileUpdatePayload:
            async with unit_of_work() as session:
                user = await session.get(UserModel, user_id, with_for_update=True)
                assert user is not None
                changes = service.ProfileChanges(
                    skills=input.skills if _given(input.skills) else None,
                    preferred_locations=input.preferred_locations if _given(input.preferred_locations) else None,
                    experience_level=input.experience_level.value if _given(input.experience_level) else None,
                    timezone=input.timezone if _given(input.timezone) else None,
                )
                user = await service.update_profile(session, user, changes)
                return ProfileUpdatePayload(user=User.from_model(user))

        return await run_mutation(build, lambda errors: ProfileUpdatePayload(errors=errors))
