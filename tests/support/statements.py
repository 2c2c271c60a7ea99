"""Counting the SQL statements a request runs, to prove lists do not grow them (no N+1)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from sqlalchemy import event

from api import db
from tests.support.waiting import worker_idle


@contextlib.asynccontextmanager
async def counting_statements() -> AsyncIterator[list[str]]:
    """The statements the app runs inside the block (the in-process worker idle first)."""
    await worker_idle()
    engine = db.get_engine().sync_engine
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    def driver(statement: str, parameters: tuple) -> None:  # what runs straight from the driver (api.db.driver_rows)
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    db.driver_listeners.append(driver)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
        db.driver_listeners.remove(driver)


@contextlib.asynccontextmanager
async def recording_statements() -> AsyncIterator[list[tuple[str, tuple]]]:
    """The statements the app runs inside the block with their parameters, as the driver got them
    (to EXPLAIN exactly what a request ran)."""
    await worker_idle()
    engine = db.get_engine().sync_engine
    statements: list[tuple[str, tuple]] = []

    def record(conn, cursor, statement, parameters, *args):
        statements.append((statement, tuple(parameters or ())))

    def driver(statement: str, parameters: tuple) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    db.driver_listeners.append(driver)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
        db.driver_listeners.remove(driver)
