"""`OwnedNode`: the base of every Relay node a user owns.

`node(id)` / `nodes(ids)` resolve through the type's owner-filtered loader, so another user's id
and a missing one look the same (null). A type names its loader and is built from its row by
field name (`api.graphql.mapping`):

    @strawberry.type(name="Job")
    class Job(OwnedNode):
        loader: ClassVar[type[OwnedLoader]] = JobByIdLoader
        id: relay.NodeID[int]
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


def database_ids(node_ids: Iterable[Any]) -> list[int]:
    """Node ids as database ids; a malformed one becomes -1, which matches no row."""
    ids = []
    for node_id in node_ids:
        text = str(node_id)
        ids.append(int(text) if text.isdigit() and int(text) <= MAX_ID else -1)
    return ids


class OwnedNode(Mapped, relay.Node):
    loader: ClassVar[type[OwnedLoader]]

    @classmethod
    async def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        rows = await cls.loader.of(info.context).load_many(database_ids(node_ids))
        return [cls.from_model(row) if row is not None else None for row in rows]
