"""The one module that imports every domain and builds the schema."""

from __future__ import annotations

from functools import lru_cache

import strawberry
from strawberry import relay
from strawberry.extensions import MaskErrors, MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig

from api.application.mutations import ApplicationMutation
from api.application.queries import ApplicationQuery
from api.auth.mutations import AuthMutation
from api.config import Settings, get_settings
from api.graphql.errors import should_mask
from api.job.mutations import JobMutation
from api.job.queries import JobQuery
from api.notification.mutations import NotificationMutation
from api.notification.queries import NotificationQuery
from api.notification.subscriptions import NotificationSubscription
from api.user.mutations import UserMutation
from api.user.queries import UserQuery


@strawberry.type
class NodeQuery:
    node: relay.Node | None = relay.node(description="Any object of the viewer's by global id; null if missing or not theirs.")
    nodes: list[relay.Node | None] = relay.node(description="Several objects by global id, in order; null where missing.")


@strawberry.type
class Query(NodeQuery, UserQuery, JobQuery, ApplicationQuery, NotificationQuery):
    pass


@strawberry.type
class Mutation(UserMutation, AuthMutation, JobMutation, ApplicationMutation, NotificationMutation):
    pass


@strawberry.type
class Subscription(NotificationSubscription):
    pass


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or get_settings()
    extensions = [
        QueryDepthLimiter(max_depth=settings.max_query_depth),
        MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        MaxTokensLimiter(max_token_count=settings.max_tokens),
    ]
    if not settings.debug:
        extensions.append(MaskErrors(should_mask_error=should_mask, error_message="Internal error"))
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(relay_max_results=settings.max_page_size),
    )


@lru_cache
def schema_sdl() -> str:
    return build_schema(Settings(debug=True)).as_str() + "\n"
