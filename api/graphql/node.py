"""`OwnedNode`: the base of every Relay node a user owns.

`node(id)` / `nodes(ids)` resolve through the type's owner-filtered loader, so another user's id
and a missing one look the same (null). A type names its loader and is built from its row by
field name (`api.graphql.mapping`); its `id` (the first field) is the row's:

    @strawberry.type(name="Job")
    class Job(OwnedNode, loader=JobByIdLoader):
        company: str
        ...
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

import strawberry
from strawberry import relay

from api.graphql.loader import OwnedLoader
from api.graphql.mapping import Mapped

MAX_ID = 2**63 - 1  # ids are BIGINT; anything else cannot exist


def database_id(node_id: Any) -> int | None:
    """The BIGINT a node id stands for, or None when it cannot name a row (not plain ASCII digits,
    or outside the 64-bit range)."""
    text = str(node_id)
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    value = int(text)
    return value if value <= MAX_ID else None


def database_ids(node_ids: Iterable[Any]) -> list[int]:
    """Node ids as database ids; a malformed one becomes -1, which matches no row."""
    return [-1 if (value := database_id(node_id)) is None else value for node_id in node_ids]


@strawberry.type(name="OwnedNode")  # a base, never in the schema itself; its `id` is each node's first field
class OwnedNode(Mapped, relay.Node):
    loader: ClassVar[type[OwnedLoader]]
    id: relay.NodeID[int]

    def __init_subclass__(cls, loader: type[OwnedLoader] | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if loader is not None:
            cls.loader = loader

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        rows = await cls.loader.of(info.context).load_many(database_ids(node_ids))
        return [cls.from_model(row) if row is not None else None for row in rows]
