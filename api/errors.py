"""Domain errors. Services raise these; resolvers turn them into payload errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any, TypeVar

from api.vocabulary import values


class ErrorCode(StrEnum):
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    NOT_FOUND = "NOT_FOUND"
    DUPLICATE = "DUPLICATE"
    WEAK_PASSWORD = "WEAK_PASSWORD"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INVALID_TOKEN = "INVALID_TOKEN"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    RATE_LIMITED = "RATE_LIMITED"
    BUDGET_EXHAUSTED = "BUDGET_EXHAUSTED"
    UNAVAILABLE = "UNAVAILABLE"
    DECLINED = "DECLINED"  # acting on a recommendation the person declined
    ALREADY_ACCEPTED = "ALREADY_ACCEPTED"  # accepting (or declining) a recommendation accepted before
    EXPIRED = "EXPIRED"
    DISMISSED = "DISMISSED"
    ALREADY_ACTED = "ALREADY_ACTED"
    ALREADY_DISMISSED = "ALREADY_DISMISSED"


class AppError(Exception):
    """An expected failure the user can act on. `field` is the Python name of the input field at
    fault (`salary_max`); the mutation pipeline reports the input's GraphQL name."""

    code: ErrorCode = ErrorCode.INVALID
    # Work that must commit even though the failing transaction rolls back (e.g. revoking the
    # family of a reused refresh token); the mutation pipeline runs it in a unit of work of its own.
    compensate: Callable[[Any], Awaitable[None]] | None = None

    def __init__(self, message: str, field: str | None = None, code: ErrorCode | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code


class ValidationFailed(AppError):
    """Several field errors at once (all collected before anything is written)."""

    def __init__(self, errors: list[AppError]):
        super().__init__("; ".join(e.message for e in errors), None, ErrorCode.INVALID)
        self.errors = errors


class NotFound(AppError):
    code = ErrorCode.NOT_FOUND


T = TypeVar("T")


def found(row: T | None, message: str, field: str | None = "id") -> T:
    """The row, or NotFound with `message`: a missing row and another user's look the same."""
    if row is None:
        raise NotFound(message, field)
    return row


class Conflict(AppError):
    code = ErrorCode.DUPLICATE


class InvalidTransition(AppError):
    code = ErrorCode.INVALID_TRANSITION


class RateLimited(AppError):
    """A per-user cap or rate (api.limits) refuses the request; `retry_after` in seconds when known."""

    code = ErrorCode.RATE_LIMITED

    def __init__(self, message: str, field: str | None = None, *, retry_after: int | None = None):
        super().__init__(message, field)
        self.retry_after = retry_after


class AuthenticationError(Exception):
    """Missing, expired or invalid credentials: a top-level GraphQL error, never masked."""

    def __init__(self, message: str = "Authentication required"):
        super().__init__(message)


class Validator:
    """Collects field errors so a mutation reports all of them and writes nothing."""

    def __init__(self) -> None:
        self.errors: list[AppError] = []

    def add(self, field: str, message: str, code: ErrorCode = ErrorCode.INVALID) -> None:
        self.errors.append(AppError(message, field, code))

    def text(
        self, field: str, value: str | None, *, max_len: int, required: bool = False, label: str | None = None
    ) -> str | None:
        label = label or field
        if value is None:
            if required:
                self.add(field, f"{label} is required", ErrorCode.REQUIRED)
            return None
        value = value.strip()
        if required and not value:
            self.add(field, f"{label} is required", ErrorCode.REQUIRED)
        elif len(value) > max_len:
            self.add(field, f"{label} must be at most {max_len} characters", ErrorCode.TOO_LONG)
        return value

    def one_of(self, field: str, value: object, vocabulary: type[StrEnum], label: str, *, optional: bool = False) -> None:
        """`value` must be one of the vocabulary's stored values (None passes when optional)."""
        allowed = values(vocabulary)
        if not (optional and value is None) and value not in allowed:
            self.add(field, f"{label} must be one of: {', '.join(allowed)}")

    def check(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)
