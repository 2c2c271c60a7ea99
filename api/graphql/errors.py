"""Payload errors: `errors { field message code }` on every mutation payload."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors

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

    return not isinstance(original, (GlobalIDValueError, LimitError))


class LimitError(ValueError):
    """An argument over one of the API's limits: its message is shown as it is."""


class PageSizeError(LimitError):
    pass


TIMEOUT_MESSAGE = "The request took too long and was stopped; try a narrower query"


def is_statement_timeout(error: BaseException | None) -> bool:
    """PostgreSQL cancelled a statement at `statement_timeout` (SQLSTATE 57014), at any depth of the chain."""
    seen = 0
    while error is not None and seen < 10:
        if getattr(error, "sqlstate", None) == "57014" or getattr(error, "pgcode", None) == "57014":
            return True
        error = getattr(error, "orig", None) or error.__cause__
        seen += 1
    return False


class MaskInternalErrors(MaskErrors):
    """Masks what should_mask says, with one clear message for a statement timeout."""

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        if is_statement_timeout(error.original_error):
            return GraphQLError(
                TIMEOUT_MESSAGE, nodes=error.nodes, source=error.source, positions=error.positions, path=error.path
            )
        return super().anonymise_error(error)
