"""The one ModelClient per process, built from settings (OPENAI_*); None means the offline engine.

Settings can change at runtime in tests (and a future settings page), so clients are keyed by
their configuration; a changed configuration builds a new client and closes the old one.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass

from api.ai.client import ModelClient, ModelHealth
from api.config import Settings, get_settings

HEALTH_TTL_SECONDS = 60.0
HEALTH_TIMEOUT_SECONDS = 5.0
OFFLINE_MESSAGE = "offline engine (no model configured)"

_clients: dict[tuple, ModelClient] = {}
_health: dict[tuple, tuple[float, "ModelStatusInfo"]] = {}


def _key(settings: Settings) -> tuple:
    return (settings.openai_model, settings.openai_base_url, settings.openai_api_key, float(settings.ai_timeout))


def configured(settings: Settings | None = None) -> bool:
    settings = settings or get_settings()
    return bool((settings.openai_model or "").strip())


def model_client(settings: Settings | None = None) -> ModelClient | None:
    """The process's client for the configured model, or None when none is configured."""
    settings = settings or get_settings()
    if not configured(settings):
        return None
    key = _key(settings)
    client = _clients.get(key)
    if client is None:
        for old_key in list(_clients):
            _close_later(_clients.pop(old_key))
        client = _clients[key] = ModelClient(
            model=settings.openai_model.strip(),
            api_key=settings.openai_api_key or None,
            base_url=settings.openai_base_url or None,
            timeout=settings.ai_timeout,
        )
    return client


def _close_later(client: ModelClient) -> None:
    with contextlib.suppress(RuntimeError):  # no running loop: the process is exiting anyway
        asyncio.get_running_loop().create_task(client.aclose())


async def close() -> None:
    """Close every client (worker/app shutdown) and forget cached health."""
    clients = list(_clients.values())
    _clients.clear()
    _health.clear()
    for client in clients:
        with contextlib.suppress(Exception):
            await client.aclose()


@dataclass(frozen=True)
class ModelStatusInfo:
    configured: bool
    ok: bool
    model: str
    message: str
    code: str | None = None
    latency_ms: int | None = None


async def model_status(settings: Settings | None = None, *, refresh: bool = False) -> ModelStatusInfo:
    """A real tiny call to the model (ModelClient.health), cached for a minute per configuration."""
    settings = settings or get_settings()
    client = model_client(settings)
    if client is None:
        return ModelStatusInfo(configured=False, ok=True, model="", message=OFFLINE_MESSAGE, code="NOT_CONFIGURED")
    key = _key(settings)
    cached = _health.get(key)
    if cached and not refresh and time.monotonic() - cached[0] < HEALTH_TTL_SECONDS:
        return cached[1]
    # Two concurrent probes may both call the model; harmless, and no lock tied to one loop.
    try:
        health = await asyncio.wait_for(client.health(), HEALTH_TIMEOUT_SECONDS)
    except TimeoutError:
        health = ModelHealth(
            ok=False, model=client.model, code="TIMEOUT",
            message=f"The model server did not answer the health check within {HEALTH_TIMEOUT_SECONDS:g} s.",
        )
    info = ModelStatusInfo(True, health.ok, health.model, health.message, health.code, health.latency_ms)
    _health[key] = (time.monotonic(), info)
    return info


def clear_health_cache() -> None:
    _health.clear()
