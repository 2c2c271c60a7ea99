"""Engine, sessions and the unit of work.

Never share one AsyncSession between concurrently running resolvers: each query resolver
and loader batch opens its own read session; each mutation is one unit of work.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from api.config import Settings, get_settings

_engine: AsyncEngine | None = None
_sessionmaker: async_sessionmaker[AsyncSession] | None = None


def create_engine(settings: Settings) -> AsyncEngine:
    return create_async_engine(settings.async_database_url, pool_size=10, max_overflow=10, pool_pre_ping=True)


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
    """One transaction: commits at the end, rolls back on any error, then sends buffered jobs."""
    from api import queue

    async with sessionmaker()() as session:
        buffer = queue.begin()
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            queue.discard(buffer)
            raise
        await queue.flush(buffer)


async def dispose() -> None:
    global _engine, _sessionmaker
    if _engine is not None:
        await _engine.dispose()
    _engine = None
    _sessionmaker = None
