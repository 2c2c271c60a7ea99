"""Engine, sessions, the unit of work, and the few query shapes every repository shares.

Never share one AsyncSession between concurrently running resolvers: each query resolver
and loader batch opens its own read session; each mutation is one unit of work.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from api.config import Settings, get_settings

Row = TypeVar("Row")

_engine: AsyncEngine | None = None
_sessionmaker: async_sessionmaker[AsyncSession] | None = None
_worker = False  # this process is a worker: its connections get the worker's statement timeout


def create_engine(settings: Settings) -> AsyncEngine:
    """The pool; every connection carries PostgreSQL's statement_timeout (the API's, or the worker's
    in a worker process), so a runaway statement ends with an error instead of holding a request."""
    timeout = settings.worker_statement_timeout if _worker else settings.statement_timeout
    return create_async_engine(
        settings.async_database_url,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
        connect_args={"server_settings": {"statement_timeout": str(int(timeout * 1000))}},
    )


def as_worker() -> None:
    """Called first thing by the worker process: connections made from now on use the worker's
    statement timeout (an engine the process already made keeps its own)."""
    global _worker
    _worker = True


def configure(engine: AsyncEngine) -> None:
    global _engine, _sessionmaker
    _engine = engine
    _sessionmaker = async_sessionmaker(engine, expire_on_commit=False)


def get_engine() -> AsyncEngine:
    if _engine is None:
        configure(create_engine(get_settings()))
    assert _engine is not None
    return _engine


def sessionmaker() -> async_sessionmaker[AsyncSession]:
    get_engine()
    assert _sessionmaker is not None
    return _sessionmaker


@asynccontextmanager
async def read_session() -> AsyncIterator[AsyncSession]:
    async with sessionmaker()() as session:
        yield session


@asynccontextmanager
async def unit_of_work() -> AsyncIterator[AsyncSession]:
    """One transaction: commits at the end, rolls back on any error, then sends buffered jobs
    (written to the outbox in this transaction by `api.queue.enqueue`)."""
    from api import queue

    async with sessionmaker()() as session:
        buffer = queue.begin(session)
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            queue.discard(buffer)
            raise
        await queue.flush(buffer)


async def fail_stale(find: Callable[[AsyncSession, datetime], Awaitable[list[Row]]], fail: Callable[[Row], None]) -> int:
    """Fail, in one unit of work, the rows `find` reports pending since before PENDING_TIMEOUT_MINUTES
    (`stale` finds them, locked); returns how many."""
    before = datetime.now(UTC) - timedelta(minutes=get_settings().pending_timeout_minutes)
    async with unit_of_work() as session:
        found = await find(session, before)
        for row in found:
            fail(row)
    return len(found)


async def dispose() -> None:
    global _engine, _sessionmaker
    if _engine is not None:
        await _engine.dispose()
    _engine = None
    _sessionmaker = None


# --------------------------------------------------------------------------- shared query shapes


async def rows(session: AsyncSession, query: Select) -> list[Any]:
    return list((await session.execute(query)).scalars())


async def owned_by_ids(session: AsyncSession, model: type[Row], user_id: int, ids: Sequence[int]) -> list[Row]:
    """The caller's rows of `model` among `ids` (another user's id finds nothing)."""
    return await rows(session, select(model).where(model.user_id == user_id, model.id.in_(ids)))  # type: ignore[attr-defined]


async def owned(session: AsyncSession, model: type[Row], user_id: int, row_id: int, *, for_update: bool = False) -> Row | None:
    """The caller's row of `model` with that id, locked for the unit of work when asked."""
    query = select(model).where(model.user_id == user_id, model.id == row_id)  # type: ignore[attr-defined]
    return (await session.execute(query.with_for_update() if for_update else query)).scalar_one_or_none()


async def stale(session: AsyncSession, since: Any, before: datetime, *conditions: Any, limit: int = 500) -> list[Any]:
    """Rows whose `since` column is older than `before` and that match `conditions`, locked for the
    unit of work; rows another transaction holds (a worker finishing them) are skipped."""
    model = since.class_
    query = select(model).where(since < before, *conditions).order_by(model.id).limit(limit).with_for_update(skip_locked=True)
    return await rows(session, query)


async def page(session: AsyncSession, query: Select, offset: int, limit: int, *order: Any) -> tuple[list[Any], int]:
    """One page of `query` in `order`, and how many rows it matches in all."""
    total = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    return (await rows(session, query.order_by(*order).offset(offset).limit(limit)) if limit else []), total
