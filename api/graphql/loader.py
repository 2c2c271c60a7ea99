"""Per-request loader registry (Saleor style): `SomeLoader.of(info.context).load(key)`.

Loaders are created on first use and kept on the context keyed by their class, so the
plumbing never imports a domain. Each batch opens its own read session, so concurrent
resolvers never share an AsyncSession.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from functools import cache
from typing import Any, ClassVar, Generic, Self, TypeVar, cast

from aiodataloader import DataLoader
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import owned_by_ids, reading
from api.graphql.context import Context

K = TypeVar("K")
V = TypeVar("V")
Row = TypeVar("Row")


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
    def of(cls, context: Context) -> Self:
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


class ByIdLoader(OwnedLoader[int, Row]):
    """The caller's rows of `model` by id; `by_id_loader(Job)` makes the loader of jobs."""

    model: ClassVar[type]

    async def load_many_from_db(self, keys: list[int]) -> dict[int, Row]:
        found: list[Any] = await reading(lambda session: owned_by_ids(session, self.model, self.user_id, keys))
        return {row.id: row for row in found}


class GroupedLoader(OwnedLoader[int, list[Row]]):
    """Every row per key, in the order the read returns them; `key` names the row attribute that
    holds the key. A key without rows gets an empty list. Made by
    `grouped_loader(repository.by_job_ids, "job_id")`: the rows are read by `fetch(session,
    user_id, keys)` in a read session, or by `fetch_listed(user_id, keys)` straight from the driver
    (`api.db.driver_rows`, rows read as ORM rows are), or either (`prefetch` / `prefetch_listed`)."""

    fetch: Callable[[AsyncSession, int, list[int]], Awaitable[Sequence[Any]]] | None = None  # a staticmethod
    fetch_listed: Callable[[int, list[int]], Awaitable[Sequence[Any]]] | None = None  # a staticmethod
    key: ClassVar[str]

    def missing(self) -> list[Row]:
        return []

    async def prefetch(self, session: AsyncSession, keys: list[int]) -> dict[int, list[Row]]:
        """Load `keys` now, in the caller's session (one statement, the batch's), so that resolvers
        asking for them afterwards find them ready: their fields complete without awaiting. Returns
        the rows per key (a key without rows is left out)."""
        assert self.fetch is not None
        return self._primed(keys, await self.fetch(session, self.user_id, keys))

    async def prefetch_listed(self, keys: list[int]) -> dict[int, list[Row]]:
        """`prefetch`, read straight from the driver (`fetch_listed`, without a session)."""
        assert self.fetch_listed is not None
        return self._primed(keys, await self.fetch_listed(self.user_id, keys))

    def _primed(self, keys: list[int], rows: Sequence[Any]) -> dict[int, list[Row]]:
        found = group(rows, self.key)
        for key in keys:
            self.prime(key, found.get(key, []))
        return found

    async def load_many_from_db(self, keys: list[int]) -> dict[int, list[Row]]:
        fetch = self.fetch
        if fetch is None:
            assert self.fetch_listed is not None
            return group(await self.fetch_listed(self.user_id, keys), self.key)
        return group(await reading(lambda session: fetch(session, self.user_id, keys)), self.key)


@cache
def by_id_loader(model: type[Row]) -> type[ByIdLoader[Row]]:
    """The loader of the caller's rows of `model` by id (one class per model):
    `JobByIdLoader = by_id_loader(Job)`."""
    return cast(type[ByIdLoader[Row]], type(f"{model.__name__}ByIdLoader", (ByIdLoader,), {"model": model}))


def grouped_loader(
    fetch: Callable[[AsyncSession, int, list[int]], Awaitable[Sequence[Row]]] | None,
    key: str,
    listed: Callable[[int, list[int]], Awaitable[Sequence[Any]]] | None = None,
) -> type[GroupedLoader[Row]]:
    """A loader of every row per key: `DocumentsByJobIdLoader = grouped_loader(repository.by_job_ids, "job_id")`;
    `listed` reads the same rows straight from the driver (`GroupedLoader.prefetch_listed`; the
    loader's own batches too when there is no `fetch`)."""
    assert fetch is not None or listed is not None
    attributes = {
        "fetch": staticmethod(fetch) if fetch else None,
        "fetch_listed": staticmethod(listed) if listed else None,
        "key": key,
    }
    return cast(type[GroupedLoader[Row]], type(f"{(fetch or listed).__name__}_loader", (GroupedLoader,), attributes))  # type: ignore[union-attr]
