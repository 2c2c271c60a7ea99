"""Payload errors: `errors { field message code }` on every mutation payload."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from graphql import GraphQLError

from api.errors import AppError, AuthenticationError, ErrorCode, ValidationFailed
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


def to_user_errors(error: AppError) -> list[FieldError]:
    errors = error.errors if isinstance(error, ValidationFailed) else [error]
    return [FieldError(field=e.field, message=e.message, code=e.code) for e in errors]


T = TypeVar("T")


async def run_mutation(build: Callable[[], Awaitable[T]], failed: Callable[[list[FieldError]], T]) -> T:
    """Run a unit of work; expected failures become payload errors (and nothing is written)."""
    try:
        return await build()
    except AppError as error:
        return failed(to_user_errors(error))




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
