from __future__ import annotations

import strawberry

from api.graphql.context import Context
from api.user.loaders import UserByIdLoader
from api.user.types import User


@strawberry.type
class UserQuery:
    @strawberry.field(description="The signed-in user; null without credentials, an error with bad or expired ones.")
    async def viewer(self, info: strawberry.Info) -> User | None:
        context: Context = info.context
        if context.user_id is None:
            if context.auth_error:  # let the client tell "expired" (refresh) from "signed out"
                context.require_user()
            return None
        model = await UserByIdLoader.of(context).load(context.user_id)
        return User.from_model(model) if model else None
