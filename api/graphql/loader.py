"""Per-request loader registry (Saleor style): `SomeLoader.of(info.context).load(key)`.

Loaders are created on first use and kept on the context keyed by their class, so the
plumbing never imports a domain. Each batch opens its own read session, so concurrent
resolvers never share an AsyncSession.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Generic, TypeVar

from aiodataloader import DataLoader

from api.graphql.context import Context

K = TypeVar("K")
V = TypeVar("V")


class OwnedLoader(DataLoader, Generic[K, V]):
    """A loader scoped to the caller: every batch filters by owner."""

    context_key: ClassVar[str]

    def __init__(self, context: Context):
        super().__init__()
        self.context = context

    @property
    def user_id(self) -> int:
        return self.context.viewer_id

    @classmethod
    def of(cls, context: Context) -> "OwnedLoader[K, V]":
        loader = context.loaders.get(cls)
        if loader is None:
            loader = context.loaders[cls] = cls(context)
        return loader

    async def batch_load_fn(self, keys: list[K]) -> list[V]:
        found = await self.load_many_from_db(list(keys))
        return [found.get(key, self.missing()) for key in keys]

    def missing(self) -> Any:
        return None

    async def load_many_from_db(self, keys: list[K]) -> dict[K, V]:
        raise NotImplementedError


def group(rows: Iterable[Any], key: str) -> dict[Any, list[Any]]:
    grouped: dict[Any, list[Any]] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped
