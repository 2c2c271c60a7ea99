"""Redis: the arq pool for enqueueing, and pub/sub for live events across API replicas."""

from __future__ import annotations

from arq import ArqRedis, create_pool
from arq.connections import RedisSettings

from api.config import get_settings

_pool: ArqRedis | None = None


def redis_settings() -> RedisSettings:
    settings = get_settings()
    assert settings.redis_url, "REDIS_URL is not configured"
    return RedisSettings.from_dsn(settings.redis_url)


def queue_name() -> str:
    return f"{get_settings().redis_namespace}:queue"


def heavy_queue_name() -> str:
    """The queue of slow work people start (model calls, parsing, page fetches): see api.queue.HEAVY."""
    return f"{get_settings().redis_namespace}:queue:heavy"


def channel(kind: str, key: object) -> str:
    return f"{get_settings().redis_namespace}:{kind}:{key}"


async def pool() -> ArqRedis:
    global _pool
    if _pool is None:
        _pool = await create_pool(redis_settings(), default_queue_name=queue_name())
    return _pool


async def publish(kind: str, key: object, message: str) -> None:
    await (await pool()).publish(channel(kind, key), message)


async def close() -> None:
    global _pool
    if _pool is not None:
        await _pool.aclose()
    _pool = None
