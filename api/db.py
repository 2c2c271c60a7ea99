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
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, TypeVar

import asyncpg
from sqlalchemy import ColumnElement, Dialect, Select, TextClause, event, exc, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Bundle

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


@lru_cache(maxsize=64)
def _driver_sql(statement: TextClause, dialect: Dialect) -> tuple[str, tuple[str, ...]]:
    compiled = statement.compile(dialect=dialect)
    return compiled.string, tuple(compiled.positiontup or ())


# What a lost connection raises: the server's "terminating connection" (57P01, sent just before it
# closes the socket, so the driver may not know it is closed yet), class 08, or the socket's own error.
_LOST = (asyncpg.PostgresConnectionError, asyncpg.exceptions.AdminShutdownError, OSError)


def _driver_lost(error: Exception, driver: Any) -> bool:
    return bool(driver.is_closed()) or isinstance(error, _LOST)


async def driver_row(statement: TextClause, params: Mapping[str, Any]) -> Any:
    """The first row of a text statement, straight from the driver on a pooled connection in
    autocommit: no session and no Core execution around it (~0.14 ms less CPU than `reading`), for
    the one statement every cacheable request runs before anything else (the data versions). A
    connection found lost is replaced and the statement run once more on a new one, as `reading`
    does: like SQLAlchemy on a disconnect, every pooled connection as old as the lost one is
    recycled at its next checkout (a restarted server closed them all). The row is asyncpg's Record
    (indexable, by position and by name)."""
    engine = get_engine()
    sql, names = _driver_sql(statement, engine.dialect)
    args = [params[name] for name in names]
    for attempt in (1, 2):
        async with engine.connect() as conn:
            raw = await conn.get_raw_connection()
            driver = raw.driver_connection
            assert driver is not None
            try:
                return await driver.fetchrow(sql, *args)
            except Exception as error:
                if attempt == 2 or not _driver_lost(error, driver):
                    raise
                # what SQLAlchemy's own disconnect handling calls: this connection's generation is stale
                engine.sync_engine.pool._invalidate(raw, error)
    raise AssertionError("unreachable")


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


class Record(Bundle):
    """The columns of a record's fields (a dataclass named like the model's columns), read as one
    plain `record` per row: what a list shows, with no ORM instance (identity map, state, expunging
    on close) and no column nobody shows. One element of a row, so `page` counts and pages it as it
    pages a model, and `.scalars()` gives the records. Fields named in `leave` keep their default;
    `nested` (field, model, record) reads that field's record from a joined model's columns: null
    when its id is; `read` names fields read from an expression instead of the model's column of
    that name."""

    def __init__(
        self,
        model: type,
        record: type,
        nested: tuple[str, type, type] | None = None,
        leave: tuple[str, ...] = (),
        read: dict[str, Any] | None = None,
    ) -> None:
        own = [field.name for field in fields(record) if field.name not in leave and (nested is None or field.name != nested[0])]
        columns = [(read or {}).get(name, getattr(model, name)) for name in own]
        if nested is not None:
            name, joined, _ = nested
            columns += [getattr(joined, field.name).label(f"{name}__{field.name}") for field in fields(nested[2])]
        super().__init__(record.__name__, *columns)
        self.record, self.split, self.inner = record, len(own), nested[2] if nested else None

    def create_row_processor(self, query: Any, procs: Any, labels: Any) -> Any:
        record, split, inner = self.record, self.split, self.inner
        if inner is None:

            def build(row: Any) -> Any:
                return record(*[proc(row) for proc in procs])

            return build

        def build_nested(row: Any) -> Any:
            values = [proc(row) for proc in procs]
            return record(*values[:split], inner(*values[split:]) if values[split] is not None else None)

        return build_nested


async def page(session: AsyncSession, query: Select, offset: int, limit: int, *order: Any) -> tuple[list[Any], int]:
    """One page of `query` in `order`, and how many rows it matches in all (`counted_page`)."""
    counted = select(func.count()).select_from(query.subquery()).scalar_subquery()
    return await counted_page(session, query.order_by(*order).offset(offset).limit(limit), counted, offset, limit)


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
