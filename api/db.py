"""Engine, sessions, the unit of work, and the few query shapes every repository shares.

Never share one AsyncSession between concurrently running resolvers: each query resolver
and loader batch opens its own read session; each mutation is one unit of work.

Round trips: a read session runs in autocommit (no BEGIN/ROLLBACK around its statements; under
READ COMMITTED each statement had its own snapshot anyway), and there is no pre-ping. A pooled
connection the server closed (restart, terminated backend) is noticed at checkout without a
round trip and replaced; connections are recycled after POOL_RECYCLE_SECONDS; `retrying` runs
a read again once when the connection was lost in the middle of it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, TypeVar, cast

import asyncpg
from sqlalchemy import (
    BigInteger,
    ClauseElement,
    ColumnElement,
    Dialect,
    Integer,
    Select,
    any_,
    bindparam,
    event,
    exc,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.sql.compiler import SQLCompiler

from api.config import Settings, get_settings

Row = TypeVar("Row")
T = TypeVar("T")

POOL_RECYCLE_SECONDS = 1800
_engine: AsyncEngine | None = None
_sessionmaker: async_sessionmaker[AsyncSession] | None = None
_read_sessionmaker: async_sessionmaker[AsyncSession] | None = None
_worker = False  # this process is a worker: its connections get the worker's statement timeout


def _closed_at_checkout(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    """A connection the server closed while it sat in the pool: replace it (no round trip)."""
    raw = getattr(dbapi_connection, "driver_connection", None)
    if raw is not None and raw.is_closed():
        raise exc.DisconnectionError("connection closed by the server")


def create_engine(settings: Settings) -> AsyncEngine:
    """The pool; every connection carries PostgreSQL's statement_timeout (the API's, or the worker's
    in a worker process), so a runaway statement ends with an error instead of holding a request.
    Every statement is planned for its own parameters (`plan_cache_mode`): asyncpg prepares each
    statement once per connection, and from its sixth run PostgreSQL would otherwise switch to one
    generic plan for all parameters, blind to who asks (one person's 100,000 jobs or another's ten)
    and to what a search matches (measured: a search of a common word went from ~2 ms to ~200 ms
    on its sixth run, bench/bench_search.py). No JIT compilation: it pays off for long analytic
    queries, not requests; compiling the plan of a search the planner merely costs high took 20 to
    290 ms of a 60 to 470 ms search. No pre-ping: see the module docstring."""
    timeout = settings.worker_statement_timeout if _worker else settings.statement_timeout
    engine = create_async_engine(
        settings.async_database_url,
        pool_size=10,
        max_overflow=10,
        pool_recycle=POOL_RECYCLE_SECONDS,
        connect_args={
            "server_settings": {
                "statement_timeout": str(int(timeout * 1000)),
                "plan_cache_mode": "force_custom_plan",
                "jit": "off",
            }
        },
    )
    event.listen(engine.sync_engine.pool, "checkout", _closed_at_checkout)
    return engine


def as_worker() -> None:
    """Called first thing by the worker process: connections made from now on use the worker's
    statement timeout (an engine the process already made keeps its own)."""
    global _worker
    _worker = True


def configure(engine: AsyncEngine) -> None:
    global _engine, _sessionmaker, _read_sessionmaker
    _engine = engine
    _sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    _read_sessionmaker = async_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False)


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
    """Reads only, in autocommit: one round trip per statement, nothing around them."""
    get_engine()
    assert _read_sessionmaker is not None
    async with _read_sessionmaker() as session:
        yield session


@asynccontextmanager
async def snapshot_session() -> AsyncIterator[AsyncSession]:
    """Reads in one REPEATABLE READ, READ ONLY transaction: every statement sees the same snapshot
    (an export that is consistent across tables), and server-side cursors work (streaming, which
    autocommit `read_session` cannot do). Rolled back at the end."""
    async with sessionmaker()() as session:
        await session.connection(execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True})
        try:
            yield session
        finally:
            await session.rollback()


def disconnected(error: BaseException | None) -> bool:
    """Whether `error` (or what caused it) is the database connection being lost."""
    while error is not None:
        if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
            return True
        error = error.__cause__
    return False


async def reading(read: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """`read(session)` in a read session; once more in a new one when the connection was lost
    during it (the pool has replaced it by then)."""
    try:
        async with read_session() as session:
            return await read(session)
    except exc.DBAPIError as error:
        if not disconnected(error):
            raise
    async with read_session() as session:
        return await read(session)


@dataclass
class _DriverStatement:
    """A statement compiled for the driver: its SQL, the names of its positional parameters, the
    conversions SQLAlchemy would apply to parameters, and those of the result columns (known from
    the column types the server reports when the statement is first prepared, as SQLAlchemy's
    asyncpg dialect learns them)."""

    sql: str
    names: tuple[str, ...]
    defaults: dict[str, Any]
    binds: dict[str, Callable[[Any], Any]]
    keys: tuple[str, ...]  # the result columns' names; empty for a text statement (the server's names)
    types: tuple[Any, ...]  # their SQLAlchemy types
    results: tuple[tuple[int, Callable[[Any], Any]], ...] | None = None  # (position, conversion) where one is needed


@lru_cache(maxsize=128)
def _driver_statement(statement: ClauseElement, dialect: Dialect) -> _DriverStatement:
    """Compiled once per statement object: statements run this way are built once (module level or
    `functools.cache`) with named `bindparam`s, never per request."""
    compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
    names = tuple(compiled.positiontup or ())
    defaults = dict(compiled.construct_params(_check=False))
    binds: dict[str, Callable[[Any], Any]] = {}
    for name, bind in compiled._bind_processors.items():
        if name in names:
            if not callable(bind):  # a tuple's processors, one per element
                raise ValueError(f"{name}: tuple parameters are not supported straight from the driver")
            binds[name] = bind
    columns = compiled._result_columns or []
    keys, types = tuple(column[0] for column in columns), tuple(column[3] for column in columns)
    return _DriverStatement(compiled.string, names, defaults, binds, keys, types)


def _conversions(compiled: _DriverStatement, prepared: Any, dialect: Dialect) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """The result columns' conversions, given the server's type of each (what SQLAlchemy passes as
    `coltype`: a numeric column's conversion depends on it)."""
    attributes = prepared.get_attributes()
    found = []
    for position, (type_, attribute) in enumerate(zip(compiled.types, attributes, strict=True)):
        process = type_._cached_result_processor(dialect, attribute.type.oid)
        if process is not None:
            found.append((position, process))
    return tuple(found)


class DriverRow(dict[str, Any]):
    """A row read straight from the driver: a dict of its columns by name, whose columns also read
    as attributes, so code written for an ORM row (`row.status`, `Type.from_model(row)`) reads it
    as it is."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


# The parameters driver statements share: the caller's id (`params["user_id"]`) and lists of ids.
OWNER = bindparam("user_id", type_=BigInteger)


def any_id(name: str) -> ColumnElement[Any]:
    """`column == any_id("job_ids")`: one of the ids the parameter `name` lists (an array: one
    statement, prepared once, whatever the list's length)."""
    return any_(bindparam(name, type_=ARRAY(BigInteger)))


# Called with (SQL, parameters) before each statement run straight from the driver, as SQLAlchemy's
# `before_cursor_execute` is for the others (tests count and EXPLAIN what a request ran).
driver_listeners: list[Callable[[str, tuple[Any, ...]], None]] = []

# What a lost connection raises: the server's "terminating connection" (57P01, sent just before it
# closes the socket, so the driver may not know it is closed yet), class 08, or the socket's own error.
_LOST = (asyncpg.PostgresConnectionError, asyncpg.exceptions.AdminShutdownError, OSError)


def _driver_lost(error: Exception, driver: Any) -> bool:
    return bool(driver.is_closed()) or isinstance(error, _LOST)


async def driver_rows(statement: ClauseElement, params: Mapping[str, Any]) -> list[DriverRow]:
    """The rows of a read-only statement, straight from the driver on a pooled connection in
    autocommit: no session, no ORM and no Core execution around it, with the values SQLAlchemy
    would give (`DriverRow`s). For the hottest reads (the data versions every cacheable request
    reads first, the viewer, the jobs dashboard's page, Today's insights and checklist): measured,
    building statements, Core execution and ORM loading were about a third of a cold dashboard
    request's CPU (`bench/bench_dashboard.py`). The statement is compiled once per object: build it
    once, with named `bindparam`s (`params` gives their values; a bound literal keeps its own).

    A connection found lost is replaced and the statement run once more on a new one, as `reading`
    does: like SQLAlchemy on a disconnect, every pooled connection as old as the lost one is
    recycled at its next checkout (a restarted server closed them all)."""
    engine = get_engine()
    dialect = engine.dialect
    compiled = _driver_statement(statement, dialect)
    args = [params[name] if name in params else compiled.defaults[name] for name in compiled.names]
    for position, name in enumerate(compiled.names):
        if name in compiled.binds and args[position] is not None:
            args[position] = compiled.binds[name](args[position])
    for listener in driver_listeners:
        listener(compiled.sql, tuple(args))
    for attempt in (1, 2):
        async with engine.connect() as conn:
            raw = await conn.get_raw_connection()
            driver = raw.driver_connection
            assert driver is not None
            try:
                if compiled.keys and compiled.results is None:  # the first run: the columns' types, once
                    compiled.results = _conversions(compiled, await driver.prepare(compiled.sql), dialect)
                found = await driver.fetch(compiled.sql, *args)  # prepared once per connection (its statement cache)
                break
            except Exception as error:
                if attempt == 2 or not _driver_lost(error, driver):
                    raise
                # what SQLAlchemy's own disconnect handling calls: this connection's generation is stale
                engine.sync_engine.pool._invalidate(raw, error)
    if not compiled.keys or compiled.results is None:  # a text statement: the names the server gives
        return [DriverRow(record.items()) for record in found]
    keys = compiled.keys
    rows = [DriverRow(zip(keys, record, strict=True)) for record in found]
    for position, process in compiled.results:
        key = keys[position]
        for row in rows:
            if row[key] is not None:
                row[key] = process(row[key])
    return rows


async def driver_row(statement: ClauseElement, params: Mapping[str, Any]) -> DriverRow | None:
    """The first row of `driver_rows` (None without one)."""
    found = await driver_rows(statement, params)
    return found[0] if found else None


def count_of(query: Select) -> ColumnElement[int]:
    """How many rows `query` has, as a scalar subquery: uncorrelated, so PostgreSQL runs it once
    when it rides along a page's rows (`counted_page`, `DriverPage`)."""
    return select(func.count()).select_from(query.subquery()).scalar_subquery()


class DriverPage:
    """A page of a list read by `driver_rows`, as `page` reads one: the rows of `listed` (filtered
    by named `bindparam`s) in `order` at `offset`/`limit`, with how many rows the list has riding
    along as an uncorrelated subquery; a count of its own only when a page past the first is empty.
    Build one per shape of the list, once."""

    def __init__(self, listed: Select, *order: Any) -> None:
        counted = count_of(listed)
        window = listed.add_columns(counted.label("total")).order_by(*order)
        self.rows = window.offset(bindparam("offset", type_=Integer)).limit(bindparam("limit", type_=Integer))
        self.count = select(counted.label("total"))

    async def read(self, params: Mapping[str, Any], offset: int, limit: int) -> tuple[list[DriverRow], int]:
        if not limit:
            return [], await self._count(params)
        found = await driver_rows(self.rows, {**params, "offset": offset, "limit": limit})
        if not found:
            return [], await self._count(params) if offset else 0
        total = found[0]["total"]
        for row in found:
            del row["total"]
        return found, total

    async def _count(self, params: Mapping[str, Any]) -> int:
        row = await driver_row(self.count, params)
        return int(row["total"]) if row else 0


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
    global _engine, _sessionmaker, _read_sessionmaker
    if _engine is not None:
        await _engine.dispose()
    _engine = None
    _sessionmaker = _read_sessionmaker = None


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
    """One page of `query` in `order`, and how many rows it matches in all (`counted_page`)."""
    return await counted_page(session, query.order_by(*order).offset(offset).limit(limit), count_of(query), offset, limit)


async def counted_page(
    session: AsyncSession, page_query: Select, counted: ColumnElement, offset: int, limit: int
) -> tuple[list[Any], int]:
    """The rows of `page_query` (a page of a list: ordered, `offset`, `limit`) and `counted`, how many
    rows the whole list has: one statement (the count rides along as an uncorrelated subquery, which
    PostgreSQL runs once), plus a count of its own only when the page is empty past the first (there
    is no row to carry it). With `limit` 0, only the count."""
    if not limit:
        return [], (await session.execute(select(counted))).scalar_one()
    found = (await session.execute(page_query.add_columns(counted.label("total")))).all()
    if not found:
        return [], (await session.execute(select(counted))).scalar_one() if offset else 0
    return [row[0] for row in found], found[0].total
