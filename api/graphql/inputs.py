"""Reading mutation inputs: which fields the client sent, in the values services store."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def given_fields(input: object, names: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """The named fields the client sent (UNSET ones are left out, an explicit null is kept),
    enums — also inside lists — as their stored values."""
    values: dict[str, Any] = {}
    for name in names:
        value = getattr(input, name, strawberry.UNSET)
        if value is not strawberry.UNSET:
            values[name] = _plain(value)
    return values
