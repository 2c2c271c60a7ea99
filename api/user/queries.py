from __future__ import annotations

import strawberry

from api.graphql.context import Context
from api.user.loaders import UserByIdLoader
from api.user.types import User


@strawberry.type
class UserQuery:
    @strawberry.field(description="The signed-in user, or null when signed out.")
    async def viewer(self, info: strawberry.Info) -> User | None:
        context: Context = info.context
        if context.user_id is None:
            return None
        model = await UserByIdLoader.of(context).load(context.user_id)
        return User.from_model(model) if model else None
