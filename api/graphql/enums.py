"""Vocabularies as GraphQL enums.

Each concept's types module exposes the vocabularies (`api.vocabulary`) its types use and then
annotates with the StrEnum itself, so Python, the database and GraphQL share one definition:

    from api.vocabulary import JobOrigin, JobType
    expose(JobType, JobOrigin)

GraphQL names are the class names; values are the member names (`FULL_TIME`), while Python and the
database see `"full_time"`. Exposing is idempotent, so two concepts may expose the same vocabulary.
"""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types.enum import has_enum_definition


def expose(*vocabularies: type[Enum], description: str | None = None) -> None:
    for vocabulary in vocabularies:
        if not has_enum_definition(vocabulary):
            strawberry.enum(vocabulary, description=description)
