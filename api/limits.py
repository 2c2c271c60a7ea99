"""Per-user limits every concept shares (plumbing: imports no concept).

* Caps on work in flight (`within_cap`): a transaction-scoped advisory lock per user and kind is
  taken before counting, so two requests of one person cannot both see room for one more row;
  the second waits for the first to commit (or roll back) and then counts again.
* Rates of expensive mutations (`within_rate`): a sliding window per user and kind in Redis, one
  Lua script (atomic, and shared by every API replica). Redis's clock decides, not the replica's.
  `within` counts any `Rate` for any subject, e.g. a client address before anyone is signed in.

Both refuse with `RateLimited` (code RATE_LIMITED, a payload error) and a message saying when to
try again. A rate check with Redis unreachable lets the request through (logged): the caps in the
database still bound the work in flight, and the outage must not stop people from working.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api import broker
from api.config import get_settings
from api.errors import RateLimited

log = logging.getLogger(__name__)

_INT4 = 2_147_483_647


async def lock(session: AsyncSession, kind: str, user_id: int) -> None:
    """Serialise this kind of check for one user until the transaction ends."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"cap:{kind}"), user_id % _INT4)))


async def within_cap(
    session: AsyncSession,
    kind: str,
    user_id: int,
    count: Callable[[], Awaitable[int]],
    cap: int,
    message: str,
    field: str | None,
) -> None:
    """Raise RateLimited(message) when the user already has `cap` of this kind (counted by `count`
    under the per-user lock). Call it right before writing the new row, in the same unit of work."""
    await lock(session, kind, user_id)
    if await count() >= cap:
        raise RateLimited(message, field)


# --------------------------------------------------------------------------- rates (Redis)


@dataclass(frozen=True)
class Rate:
    kind: str  # e.g. "generation": the key in Redis
    noun: str  # what is counted, singular: "generation", "résumé upload"
    limit: int  # requests per window; 0 = unlimited
    window_seconds: int


def rates() -> dict[str, Rate]:
    """The limits of this instance (settings RATE_LIMIT_*)."""
    settings = get_settings()
    window = settings.rate_limit_window_seconds
    return {
        "generation": Rate("generation", "generation", settings.rate_limit_generations, window),
        "upload": Rate("upload", "résumé upload", settings.rate_limit_uploads, window),
        "import": Rate("import", "import", settings.rate_limit_imports, window),
        "refresh": Rate("refresh", "session renewal", settings.rate_limit_refreshes, window),
    }


# KEYS[1] the window's sorted set; ARGV: limit, window (ms), a unique member. Returns 0 when the
# request is counted, else the milliseconds until the oldest request leaves the window.
_SLIDING_WINDOW = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
"""


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _duration(seconds: int) -> str:
    if seconds < 60:
        return _counted(seconds, "second")
    minutes = -(-seconds // 60)
    return _counted(minutes, "minute") if minutes < 60 else _counted(-(-minutes // 60), "hour")


async def retry_after(kind: str, subject: int | str, limit: int, window_seconds: int) -> int | None:
    """Count one request of `kind` for the subject (a user id, or a client address before anyone is
    signed in); None when it fits the window, else the seconds until it would. Raises when Redis
    cannot be reached."""
    pool = await broker.pool()
    key = broker.channel(f"rate:{kind}", subject)
    waited = int(await pool.eval(_SLIDING_WINDOW, 1, key, str(limit), str(window_seconds * 1000), uuid.uuid4().hex))  # type: ignore[misc]
    return None if waited == 0 else max(1, -(-waited // 1000))


async def within_rate(kind: str, user_id: int, field: str | None = None) -> None:
    """Count one request of `kind` (a key of `rates()`); RateLimited when the window is full."""
    await within(rates()[kind], user_id, field)


async def within(rate: Rate, subject: int | str, field: str | None = None) -> None:
    """Count one request of `rate` for the subject (a user id or a client address); RateLimited when
    the window is full. An unlimited rate (0) counts nothing."""
    if rate.limit <= 0:
        return
    try:
        wait = await retry_after(rate.kind, subject, rate.limit, rate.window_seconds)
    except Exception:  # Redis unreachable: the database caps still hold; do not stop the person
        log.warning("rate limit %s not checked: Redis unreachable", rate.kind, exc_info=True)
        return
    if wait is not None:
        raise RateLimited(
            f"At most {_counted(rate.limit, rate.noun)} every {_duration(rate.window_seconds)}; try again in {_duration(wait)}.",
            field,
            retry_after=wait,
        )
