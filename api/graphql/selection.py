"""What a query selects below the field being resolved, through fragments: a resolver that loads a
page can fetch what its rows' nested lists will ask for in the same read (`GroupedLoader.prefetch`)
and only when they are asked for."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import strawberry
from graphql import FieldNode, FragmentSpreadNode


def _walk(selections: Sequence[Any], path: Sequence[str], fragments: Mapping[str, Any]) -> bool:
    """Over the document's own nodes (Strawberry's `selected_fields` would first copy the whole
    subtree into its own objects)."""
    if not path:
        return True
    for selection in selections:
        if isinstance(selection, FieldNode):
            if selection.name.value == path[0] and _walk(_below(selection), path[1:], fragments):
                return True
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None and _walk(_below(fragment), path, fragments):
                return True
        elif _walk(_below(selection), path, fragments):  # an inline fragment
            return True
    return False


def _below(node: Any) -> Sequence[Any]:
    return node.selection_set.selections if node.selection_set is not None else ()


def selects(info: strawberry.Info, *path: str) -> bool:
    """Whether the query asks for `path` (GraphQL names) below the current field: `selects(info,
    "edges", "node", "applications")`."""
    raw = info._raw_info
    return any(_walk(_below(field), path, raw.fragments) for field in raw.field_nodes)
