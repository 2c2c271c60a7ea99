"""The one mutation pipeline.

Every root mutation field is one unit of work: `@mutation` opens it, passes the session and the
caller's user id to the resolver, commits at the end (then sends the jobs it buffered) and turns an
`AppError` into payload `errors { field message code }` after rolling back, so a failed mutation
writes nothing. Services raise errors naming the *Python* field (`salary_max`); the pipeline reports
the input's GraphQL name (`salaryMax`).

    @strawberry.type
    class JobMutation:
        @mutation(description="Add a job; the worker scores it against the profile.")
        async def job_create(self, session: AsyncSession, user_id: int, input: JobCreateInput) -> JobPayload:
            return JobPayload(job=Job.from_model(await service.create(session, user_id, given_fields(input))))

A resolver that also needs the request declares an `info: strawberry.Info` parameter. Mutations
open to anonymous callers (sign up, sign in) pass `authenticated=False` and get `user_id=None`.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, get_type_hints

import strawberry
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from strawberry.permission import BasePermission
from strawberry.types.field import StrawberryField
from strawberry.utils.str_converters import to_camel_case

from api.db import read_session, unit_of_work
from api.errors import AppError, AuthenticationError, ErrorCode, ValidationFailed
from api.graphql.errors import FieldError
from api.graphql.permissions import IsAuthenticated
from api.models import User

PayloadT = TypeVar("PayloadT")


def graphql_field_name(input_type: Any, field: str | None) -> str | None:
    """The name a client sees for `field` of `input_type`: the declared GraphQL name of that input
    field, else the camelCase of a Python name (a camelCase name stays as it is)."""
    if field is None:
        return None
    definition = getattr(input_type, "__strawberry_definition__", None)
    for candidate in getattr(definition, "fields", ()):
        if candidate.python_name == field and candidate.graphql_name:
            return candidate.graphql_name
    return to_camel_case(field)


def payload_errors(error: AppError, input_type: Any = None) -> list[FieldError]:
    errors = error.errors if isinstance(error, ValidationFailed) else [error]
    return [FieldError(field=graphql_field_name(input_type, e.field), message=e.message, code=e.code) for e in errors]


async def run_compensation(error: AppError) -> None:
    """Work an error asks to commit although the mutation's own transaction rolled back."""
    if error.compensate is None:
        return
    async with unit_of_work() as session:
        await error.compensate(session)


NUL_MESSAGE = "Must not contain NUL characters"


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, (list, tuple)):
        return any(_holds_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_holds_nul(getattr(value, f.name, None)) for f in dataclasses.fields(value))
    return False


def nul_fields(input: Any) -> list[AppError]:
    """An error per input field whose text holds a NUL character (nested inputs and lists included),
    which PostgreSQL text cannot store: refused as a field error before anything runs."""
    if not dataclasses.is_dataclass(input) or isinstance(input, type):
        return []
    return [
        AppError(NUL_MESSAGE, f.name, ErrorCode.INVALID)
        for f in dataclasses.fields(input)
        if _holds_nul(getattr(input, f.name, None))
    ]


async def account_exists(user_id: int) -> bool:
    async with read_session() as session:
        return (await session.execute(select(User.id).where(User.id == user_id))).first() is not None


def mutation(*, description: str, authenticated: bool = True) -> Callable[[Callable[..., Awaitable[PayloadT]]], StrawberryField]:
    def decorate(resolver: Callable[..., Awaitable[PayloadT]]) -> StrawberryField:
        hints = get_type_hints(resolver, include_extras=True)
        payload_type = hints["return"]
        signature = inspect.signature(resolver)
        wants_info = "info" in signature.parameters
        input_parameter = signature.parameters["input"]
        input_type = hints["input"]
        input_class = _input_class(input_type)

        async def resolve(root: Any, info: strawberry.Info, input: Any = input_parameter.default) -> Any:
            user_id = info.context.user_id if authenticated else None
            extra = {"info": info} if wants_info else {}
            if refused := nul_fields(input):
                return payload_type(errors=payload_errors(ValidationFailed(refused), input_class))
            try:
                async with unit_of_work() as session:
                    return await resolver(root, session, user_id, input, **extra)
            except AppError as error:
                await run_compensation(error)
                return payload_type(errors=payload_errors(error, input_class))
            except IntegrityError:
                # A row for an account deleted meanwhile (its access token lives until it expires):
                # the caller is signed out, not a bug. Checked only on this rare path.
                if user_id is not None and not await account_exists(user_id):
                    raise AuthenticationError("Authentication required: the account no longer exists") from None
                raise

        resolve.__name__ = resolver.__name__
        resolve.__qualname__ = resolver.__qualname__
        resolve.__module__ = resolver.__module__
        resolve.__doc__ = resolver.__doc__
        resolve.__annotations__ = {"info": strawberry.Info, "input": input_type, "return": payload_type}
        resolve.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [
                inspect.Parameter("root", inspect.Parameter.POSITIONAL_OR_KEYWORD),
                inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=strawberry.Info),
                inspect.Parameter(
                    "input",
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                    default=input_parameter.default,
                    annotation=input_type,
                ),
            ],
            return_annotation=payload_type,
        )
        permissions: list[type[BasePermission]] = [IsAuthenticated] if authenticated else []
        return strawberry.mutation(resolve, description=description, permission_classes=permissions)

    return decorate


def _input_class(annotation: Any) -> Any:
    """`X | None` → X, so optional inputs map their field names too."""
    for candidate in getattr(annotation, "__args__", ()) or ():
        if candidate is not type(None):
            return candidate
    return annotation


__all__ = ["graphql_field_name", "mutation", "payload_errors", "run_compensation"]
