"""Reading mutation inputs: which fields the client sent, in the values services store."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from enum import Enum
from typing import Any

import strawberry


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def given_fields(input: object, names: Iterable[str] | None = None, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The fields the client sent, by Python name (UNSET ones are left out, an explicit null is
    kept), enums — also inside lists — as their stored values. Without `names`: every field of
    the input type but those excluded (ids the resolver decodes itself)."""
    if names is None:
        names = [f.name for f in dataclasses.fields(input)]  # type: ignore[arg-type]
    skip = set(exclude)
    values: dict[str, Any] = {}
    for name in names:
        if name in skip:
            continue
        value = getattr(input, name, strawberry.UNSET)
        if value is not strawberry.UNSET:
            values[name] = _plain(value)
    return values
