"""Redis: the arq pool for enqueueing, and pub/sub for live events across API replicas."""

from __future__ import annotations

from dataclasses import replace

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
    """The process's pool. Its connections reconnect by themselves once Redis is back; while
    Redis is down, creating it fails at once (no retries inside a request) and is tried again
    on the next call, so a process started during an outage recovers too."""
    global _pool
    if _pool is None:
        created = await create_pool(replace(redis_settings(), conn_retries=0), default_queue_name=queue_name())
        if _pool is None:
            _pool = created
        else:  # another request created one meanwhile
            await created.aclose()
    return _pool


async def publish(kind: str, key: object, message: str) -> None:
    await (await pool()).publish(channel(kind, key), message)


async def close() -> None:
    global _pool
    if _pool is not None:
        await _pool.aclose()
    _pool = None
