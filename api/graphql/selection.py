"""What a query selects below the field being resolved, through fragments: a resolver that loads a
page can fetch what its rows' nested lists will ask for in the same read (`GroupedLoader.prefetch`)
and only when they are asked for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry
from strawberry.types.nodes import SelectedField


def _walk(selections: Sequence[Any], path: Sequence[str]) -> bool:
    if not path:
        return True
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name == path[0] and _walk(selection.selections, path[1:]):
                return True
        elif _walk(selection.selections, path):  # a fragment spread or an inline fragment
            return True
    return False


def selects(info: strawberry.Info, *path: str) -> bool:
    """Whether the query asks for `path` (GraphQL names) below the current field: `selects(info,
    "edges", "node", "applications")`."""
    return any(_walk(field.selections, path) for field in info.selected_fields)
