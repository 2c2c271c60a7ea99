"""The one way a pure result, an ORM row or a cached JSON dict becomes a Strawberry type.

`from_result(Type, value)` reads each of the type's fields from `value` by its Python name (an
attribute, or a key of a mapping), converting by the field's declared GraphQL type: nested types
and lists of them recursively, enums from their stored values, dates and datetimes from ISO
strings (cached JSON). Fields computed by a resolver are left to the resolver. Nothing is
hand-written per shape; a type whose source names a field differently passes it as an override:

    SkillGapReport.from_result(report)                      # via the OwnedType/ResultType mixin
    from_result(CareerJourney, row, velocity=row.velocity)  # an explicit override
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast

from strawberry.types.base import StrawberryList, StrawberryOptional, has_object_definition
from strawberry.types.enum import StrawberryEnumDefinition, has_enum_definition
from strawberry.types.lazy_type import LazyType

T = TypeVar("T")
_MISSING = object()
Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _converter(annotation: Any) -> Converter:
    """How to turn a source value into what a field of this (resolved Strawberry) type holds."""
    if isinstance(annotation, LazyType):
        annotation = annotation.resolve_type()
    if isinstance(annotation, StrawberryOptional):
        inner = _converter(annotation.of_type)
        return _identity if inner is _identity else lambda v: None if v is None else inner(v)
    if isinstance(annotation, StrawberryList):
        inner = _converter(annotation.of_type)
        return lambda v: [inner(item) for item in v]
    if isinstance(annotation, StrawberryEnumDefinition):  # how a resolved field type names an enum
        annotation = annotation.wrapped_cls
    if has_enum_definition(annotation):
        enum_type = cast(type[Enum], annotation)
        by_value = enum_type._value2member_map_  # a stored value to its member without EnumMeta.__call__

        def to_enum(v: Any) -> Any:
            if isinstance(v, enum_type):
                return v
            member = by_value.get(v) if type(v) is str else None
            return member if member is not None else enum_type(v.value if isinstance(v, Enum) else v)

        return to_enum
    if isinstance(annotation, type) and has_object_definition(annotation):
        nested = annotation
        return lambda v: v if isinstance(v, nested) else from_result(nested, v)
    if annotation is datetime:
        return lambda v: datetime.fromisoformat(v) if isinstance(v, str) else v
    if annotation is date:
        return lambda v: date.fromisoformat(v) if isinstance(v, str) else v
    return _identity


@cache
def _plan(cls: type) -> tuple[tuple[str, Converter, bool], ...]:
    """(python name, converter, required) for every field the type's constructor takes."""
    definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
    typed = {f.python_name: f for f in definition.fields}
    plan = []
    for field in dataclasses.fields(cls):
        if not field.init:
            continue
        strawberry_field = typed.get(field.name)
        if strawberry_field is not None and strawberry_field.base_resolver is not None:
            continue
        convert = _converter(strawberry_field.type) if strawberry_field is not None else _identity  # Private: as is
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        plan.append((field.name, convert, required))
    return tuple(plan)


def from_result(cls: type[T], value: Any, **overrides: Any) -> T:
    """An instance of the Strawberry type `cls` from `value` (object or mapping); `overrides`
    name fields whose value does not come from `value` under the same name."""
    kwargs: dict[str, Any] = {}
    # One type check per value, not one per field (an ABC isinstance is slow; lists map many rows).
    # An ORM row's loaded columns are read from its instance dict, where SQLAlchemy's attribute
    # descriptors would read them (a Python call each); anything else there (unloaded, a property) by getattr.
    loaded: Mapping[str, Any] | None = None
    attributes: Any = None
    if isinstance(value, Mapping):
        loaded = value
    else:
        attributes = value
        instance = getattr(value, "__dict__", None)
        if instance is not None and "_sa_instance_state" in instance:
            loaded = instance
    for name, convert, required in _plan(cast(type, cls)):
        if name in overrides:
            raw = overrides[name]
        else:
            raw = _MISSING if loaded is None else loaded.get(name, _MISSING)
            if raw is _MISSING and attributes is not None:
                raw = getattr(attributes, name, _MISSING)
        if raw is _MISSING:
            if required:
                raise TypeError(f"{cls.__name__}.{name}: {type(value).__name__} has no such field")
            continue
        kwargs[name] = raw if convert is _identity else convert(raw)
    return cls(**kwargs)


class Mapped:
    """Mixin for Strawberry types built from a row or a pure result by field name."""

    @classmethod
    def from_result(cls: type[T], value: Any, **overrides: Any) -> T:
        return from_result(cls, value, **overrides)

    # ORM rows read the same way; the alias keeps call sites saying what they pass.
    from_model = from_result
