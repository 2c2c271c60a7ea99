"""Shared async HTTP helper for the job-source adapters.

Timeouts, retries (tenacity) with exponential backoff honouring a capped ``Retry-After`` on
429/5xx, timeouts and connection errors, a per-source minimum interval between requests, and one
User-Agent. Every failure surfaces as :class:`SourceError` with a readable reason.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt, wait_exponential

from api.dates import aware

__all__ = ["USER_AGENT", "RateLimiter", "SourceError", "SourceHttp", "SourceSkipped", "parse_retry_after"]

USER_AGENT = "CareerCompanion/0.1 (+self-hosted job search)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class SourceError(Exception):
    """A source could not be fetched or understood. ``reason`` is meant for people."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class _Retryable(Exception):
    """A try worth repeating: HTTP 429/5xx, a timeout or a failed connection."""

    def __init__(self, problem: str, response: httpx.Response | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.response = response


class SourceSkipped(Exception):
    """A source was not run on purpose (e.g. its API keys are not configured)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (aware(when) - (now or datetime.now(UTC))).total_seconds())


class RateLimiter:
    """Minimum interval between request starts, per key. Safe for concurrent tasks."""

    def __init__(
        self,
        min_interval: float = 1.0,
        per_key: Mapping[str, float] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.min_interval = min_interval
        self.per_key = dict(per_key or {})
        self._clock = clock
        self._sleep = sleep
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}

    def interval_for(self, key: str) -> float:
        return self.per_key.get(key, self.min_interval)

    async def wait(self, key: str) -> None:
        interval = self.interval_for(key)
        if interval <= 0:
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            last = self._last.get(key)
            if last is not None:
                delay = last + interval - self._clock()
                if delay > 0:
                    await self._sleep(delay)
            self._last[key] = self._clock()


class SourceHttp:
    """The fetch helper every adapter uses.

    ``attempts`` is the total number of tries (first one included). Backoff before try n+1 is
    ``backoff_base * 2**(n-1)`` capped at ``backoff_max``; a ``Retry-After`` header replaces it,
    capped at ``retry_after_cap``.
    """

    def __init__(
        self,
        client: httpx.AsyncClient | None = None,
        *,
        timeout: float = 15.0,
        attempts: int = 3,
        backoff_base: float = 0.5,
        backoff_max: float = 30.0,
        retry_after_cap: float = 60.0,
        min_interval: float = 1.0,
        per_source_interval: Mapping[str, float] | None = None,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self._own_client = client is None
        self.client = client or httpx.AsyncClient(follow_redirects=True)
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = wait_exponential(multiplier=backoff_base, max=backoff_max)
        self.retry_after_cap = retry_after_cap
        self.user_agent = user_agent
        self.limiter = RateLimiter(min_interval, per_source_interval)
        self._sleep = sleep

    async def pause(self, seconds: float) -> None:
        """Sleep the way the retries do (instant in tests that inject ``sleep``)."""
        await self._sleep(seconds)

    async def aclose(self) -> None:
        if self._own_client:
            await self.client.aclose()

    async def __aenter__(self) -> SourceHttp:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def _wait(self, state: RetryCallState) -> float:
        """The server's Retry-After (capped) when it sent one, else the exponential backoff."""
        failure = state.outcome.exception() if state.outcome else None
        response = failure.response if isinstance(failure, _Retryable) else None
        retry_after = parse_retry_after(response.headers.get("Retry-After")) if response is not None else None
        return min(retry_after, self.retry_after_cap) if retry_after is not None else self.backoff(state)

    async def get(
        self,
        source: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        json_body: Any = None,
    ) -> httpx.Response:
        """GET (or, with ``json_body``, POST of that JSON) with retries; returns a 2xx response or
        raises :class:`SourceError`."""
        merged = {"User-Agent": self.user_agent, "Accept": "application/json"}
        merged.update(headers or {})
        method = "GET" if json_body is None else "POST"

        async def attempt() -> httpx.Response:
            await self.limiter.wait(source)
            try:
                response = await self.client.request(
                    method, url, params=params, headers=merged, json=json_body, timeout=self.timeout
                )
            except httpx.TimeoutException as exc:
                raise _Retryable("timed out") from exc
            except httpx.TransportError as exc:
                raise _Retryable(f"connection failed ({type(exc).__name__})") from exc
            except httpx.InvalidURL as exc:
                raise SourceError(source, f"invalid URL: {exc}") from exc
            if response.status_code < 300:
                return response
            if response.status_code not in RETRY_STATUSES:
                raise SourceError(source, _status_reason(response))
            raise _Retryable(f"HTTP {response.status_code}", response)

        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.attempts),
            wait=self._wait,
            retry=retry_if_exception_type(_Retryable),
            sleep=self._sleep,
            reraise=True,
        )
        try:
            return await retrying(attempt)
        except _Retryable as failure:
            plural = "s" if self.attempts != 1 else ""
            raise SourceError(source, f"{failure.problem} after {self.attempts} attempt{plural}") from failure

    async def get_json(
        self,
        source: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        json_body: Any = None,
    ) -> Any:
        response = await self.get(source, url, params=params, headers=headers, json_body=json_body)
        if not response.content.strip():
            raise SourceError(source, "empty response body (expected JSON)")
        try:
            return json.loads(response.content)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise SourceError(source, f"malformed JSON ({exc.__class__.__name__}: {exc})") from exc


def _status_reason(response: httpx.Response) -> str:
    reason = f"HTTP {response.status_code}"
    if response.status_code in (401, 403):
        reason += " (credentials rejected or access denied)"
    elif response.status_code == 404:
        reason += " (not found: check the board token / URL)"
    return reason
