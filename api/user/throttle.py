"""Sign-in throttling per account and per client address, with exponential backoff, across replicas.

Every attempt is counted in Redis *before* the password is checked, by one Lua script that reads both
counters, refuses when either is still waiting out its backoff, and otherwise counts the attempt on
both — so parallel attempts on any number of API replicas cannot slip past the limit together.
A success clears the account's counter and gives the address its attempt back.

The first `signin_account_attempts` attempts of an account within the window (and
`signin_address_attempts` of an address) are free; after that each further attempt must wait
`signin_backoff_seconds`, doubling with every attempt, at most `signin_max_wait_seconds`, counted from
the last attempt. A counter forgets after the window has passed without attempts.

Unknown logins are counted like known ones (keyed by the normalised login), so throttling says
nothing about which accounts exist. If Redis is unreachable, sign-in is not throttled (logged): an
outage of the queue must not lock everyone out.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass

from redis.exceptions import RedisError

from api import broker
from api.config import Settings
from api.errors import AppError, ErrorCode

log = logging.getLogger(__name__)

# KEYS: account, address. ARGV: now (ms), then per key: free attempts; then backoff (ms), max wait
# (ms), window (ms). Returns 0 when the attempt is counted, else the milliseconds left to wait.
_ATTEMPT = """
local now = tonumber(ARGV[1])
local backoff, max_wait, window = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local wait_left = 0
for i, key in ipairs(KEYS) do
  local free = tonumber(ARGV[1 + i])
  local state = redis.call('HMGET', key, 'n', 'last')
  local n, last = tonumber(state[1]) or 0, tonumber(state[2]) or 0
  if n >= free then
    local wait = math.min(backoff * 2 ^ (n - free), max_wait)
    wait_left = math.max(wait_left, last + wait - now)
  end
end
if wait_left > 0 then
  return math.ceil(wait_left)
end
for i, key in ipairs(KEYS) do
  redis.call('HINCRBY', key, 'n', 1)
  redis.call('HSET', key, 'last', now)
  redis.call('PEXPIRE', key, math.max(window, max_wait))
end
return 0
"""

# KEYS: account, address. The account starts afresh; the address gets this attempt back.
_SUCCESS = """
redis.call('DEL', KEYS[1])
if tonumber(redis.call('HGET', KEYS[2], 'n') or '0') > 0 then
  redis.call('HINCRBY', KEYS[2], 'n', -1)
end
return 0
"""


class Throttled(AppError):
    code = ErrorCode.RATE_LIMITED

    def __init__(self, retry_after: int):
        unit = "second" if retry_after == 1 else "seconds"
        super().__init__(f"Too many sign-in attempts. Try again in {retry_after} {unit}.", None)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Keys:
    account: str
    address: str


def keys(settings: Settings, login: str, address: str) -> Keys:
    # A hash: logins (emails) never sit in Redis in the clear.
    digest = hashlib.sha256(login.strip().lower().encode()).hexdigest()
    return Keys(
        account=f"{settings.redis_namespace}:signin:account:{digest}",
        address=f"{settings.redis_namespace}:signin:address:{address}",
    )


async def attempt(settings: Settings, login: str, address: str) -> Keys:
    """Count a sign-in attempt, or raise `Throttled` with the seconds to wait."""
    found = keys(settings, login, address)
    try:
        redis = await broker.pool()
        arguments = [
            time.time() * 1000,
            settings.signin_account_attempts,
            settings.signin_address_attempts,
            settings.signin_backoff_seconds * 1000,
            settings.signin_max_wait_seconds * 1000,
            settings.signin_window_seconds * 1000,
        ]
        left = await redis.eval(_ATTEMPT, 2, found.account, found.address, *[str(int(a)) for a in arguments])  # type: ignore[misc]
    except (RedisError, OSError) as exc:  # Redis down: sign-in still works
        log.warning("sign-in throttling unavailable: %s", exc)
        return found
    if int(left) > 0:
        raise Throttled(max(1, math.ceil(int(left) / 1000)))
    return found


async def succeeded(found: Keys) -> None:
    try:
        redis = await broker.pool()
        await redis.eval(_SUCCESS, 2, found.account, found.address)  # type: ignore[misc]
    except (RedisError, OSError) as exc:
        log.warning("sign-in throttling unavailable: %s", exc)
