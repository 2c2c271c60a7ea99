"""Relay helpers: typed global ids and offset-cursor connections capped at the page size."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, Self, TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from api.db import reading
from api.errors import NotFound
from api.graphql.errors import FieldError, PageSizeError
from api.graphql.mapping import Mapped
from api.graphql.node import MAX_ID, database_id

NodeT = TypeVar("NodeT")


def decode_id(global_id: relay.GlobalID | str | None, expected: str, field: str = "id") -> int:
    """The database id inside a global id of the expected type. A wrong type, a malformed id
    and another user's id all end up as the same NotFound."""
    if global_id is None:
        raise NotFound(f"{expected} not found", field)
    try:
        gid = global_id if isinstance(global_id, relay.GlobalID) else relay.GlobalID.from_id(global_id)
        db_id = database_id(gid.node_id)
        if gid.type_name != expected or db_id is None:
            raise ValueError
        return db_id
    except (ValueError, TypeError) as exc:
        raise NotFound(f"{expected} not found", field) from exc


def encode_id(type_name: str, db_id: int) -> str:
    return str(relay.GlobalID(type_name, str(db_id)))


def _cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        prefix, _, value = base64.b64decode(cursor.encode(), validate=True).decode().partition(":")
        offset = database_id(value)  # plain digits within BIGINT: PostgreSQL's OFFSET takes nothing else
        if prefix != "offset" or offset is None or offset >= MAX_ID:
            raise ValueError
        return offset + 1
    except (ValueError, UnicodeDecodeError) as exc:
        raise PageSizeError("Invalid cursor") from exc


@dataclass
class Page:
    offset: int
    limit: int


def page(first: int | None, after: str | None, max_size: int, default: int = 20) -> Page:
    if first is None:
        first = default
    if first < 0:
        raise PageSizeError("'first' must not be negative")
    if first > max_size:
        raise PageSizeError(f"'first' must be at most {max_size}")
    return Page(offset=_offset(after), limit=first)


@strawberry.type(name="PageInfo")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    node: NodeT
    cursor: str


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    total_count: int

    @classmethod
    def build(cls, nodes: list[NodeT], window: Page, total: int, **extra: Any) -> Self:
        """nodes: up to window.limit rows fetched at window.offset; extra: fields of a subclass."""
        edges = [Edge(node=n, cursor=_cursor(window.offset + i)) for i, n in enumerate(nodes)]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=window.offset + len(nodes) < total,
                has_previous_page=window.offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=total,
            **extra,
        )


ConnectionT = TypeVar("ConnectionT", bound=Connection)
PageReader = Callable[[AsyncSession, int, int, int], Awaitable[tuple[list[Any], int]]]


async def viewer_connection(
    info: strawberry.Info,
    first: int | None,
    after: str | None,
    connection: type[ConnectionT],
    node: type[Mapped],
    read: PageReader,
) -> ConnectionT:
    """One page of the viewer's rows as a connection: `read(session, user_id, offset, limit)`
    returns the page's rows and how many there are in all (`api.db.page`). `first` is capped."""

    async def in_session(user_id: int, offset: int, limit: int) -> tuple[list[Any], int]:
        return await reading(lambda session: read(session, user_id, offset, limit))

    return await listed_connection(info, first, after, connection, node, in_session)


ListedReader = Callable[[int, int, int], Awaitable[tuple[list[Any], int]]]


async def listed_connection(
    info: strawberry.Info,
    first: int | None,
    after: str | None,
    connection: type[ConnectionT],
    node: type[Mapped],
    read: ListedReader,
) -> ConnectionT:
    """One page of the viewer's rows as a connection, read without a session (straight from the
    driver: `api.db.DriverPage`): `read(user_id, offset, limit)` returns the page's rows and how many
    there are in all. `first` is capped."""
    window = page(first, after, info.context.settings.max_page_size)
    rows, total = await read(info.context.viewer_id, window.offset, window.limit)
    return connection.build([node.from_model(row) for row in rows], window, total)


@strawberry.input(name="NodeIdInput")
class NodeIdInput:
    """Base of an input that only names one object (`JobDeleteInput`): the global id."""

    id: relay.GlobalID


@strawberry.type(name="DeletePayloadFields")
class DeletePayload:
    """Base of the payload of a delete or remove: the id that is gone, or the errors."""

    deleted_id: relay.GlobalID | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
