from __future__ import annotations

from typing import Any

import strawberry

from api.graphql.context import Context
from api.user.loaders import UserByIdLoader
from api.user.types import UserRef, user_from_model


@strawberry.type
class UserQuery:
    @strawberry.field(description="The signed-in user; null without credentials, an error with bad or expired ones.")
    async def viewer(self, info: strawberry.Info) -> UserRef | None:
        context: Context = info.context
        if context.user_id is None and not context.auth_error:
            return None
        # A bad or expired token is an error, so the client can tell "refresh" from "signed out".
        model: Any = await UserByIdLoader.of(context).load(context.viewer_id)
        return user_from_model(model) if model else None
