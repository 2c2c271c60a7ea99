"""Payload errors: `errors { field message code }` on every mutation payload."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError

from api.errors import AuthenticationError, ErrorCode
from api.graphql.enums import expose

expose(ErrorCode, description="Machine-readable reason of a payload error")


@strawberry.interface(description="An expected failure the user can act on.")
class UserError:
    field: str | None = strawberry.field(description="The input field at fault, in camelCase, or null")
    message: str
    code: ErrorCode


@strawberry.type
class FieldError(UserError):
    pass


def should_mask(error: GraphQLError) -> bool:
    """Mask everything except what the client needs: auth failures and GraphQL's own
    validation/parse errors (which have no original error)."""
    original = error.original_error
    if original is None:
        return False
    if isinstance(original, (AuthenticationError, GraphQLError)):
        return False
    from strawberry.relay.types import GlobalIDValueError

    return not isinstance(original, (GlobalIDValueError, PageSizeError))


class PageSizeError(ValueError):
    pass
