"""Reading a person's data version (api.account.versions) in tests."""

from __future__ import annotations

from sqlalchemy import text

from api.account import versions
from api.db import read_session, unit_of_work


async def user_id_of(username: str) -> int:
    async with read_session() as session:
        return (await session.execute(text("SELECT id FROM users WHERE username = :u"), {"u": username})).scalar_one()


async def version_of(user_id: int) -> tuple[int, int]:
    """(the person's version, the shared tables' version)."""
    async with read_session() as session:
        return await versions.current(session, user_id)


async def raw_sql(statement: str, **parameters: object) -> None:
    """One statement in its own transaction, as a script or psql would run it."""
    async with unit_of_work() as session:
        await session.execute(text(statement), parameters)
