"""ModelClient: one openai.AsyncOpenAI pointed at any OpenAI-compatible server.

- `health()`            tiny real call, human-readable result.
- `structured()`        JSON-schema structured output validated by pydantic, falling back to
                        plain "reply with JSON" prompting when the server rejects `response_format`
                        (older vLLM, llama.cpp builds, ...); one repair retry on invalid output.
- `stream_text()`       streamed text deltas; final usage on the stream object.

Retries are the SDK's own (`max_retries`): 429, 5xx and connection failures, with exponential
backoff and jitter, honouring Retry-After / retry-after-ms. Timeouts are not retried (a slow model
stays slow; the user should not wait N x timeout): `timeout` bounds each call as a whole, so a
request that timed out is never sent again.

Every failure surfaces as `ModelError(code, message)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

import openai
from openai.lib import type_to_response_format_param
from pydantic import BaseModel, ValidationError

from api.ai.prompts import DataBlock, Prompt, build_messages
from api.config import Settings, get_settings

T = TypeVar("T", bound=BaseModel)

_NO_KEY_PLACEHOLDER = "sk-no-key-required"


class ModelErrorCode(StrEnum):
    UNAVAILABLE = "UNAVAILABLE"  # server down / unreachable / 5xx
    RATE_LIMITED = "RATE_LIMITED"  # 429 after retries
    TIMEOUT = "TIMEOUT"
    BAD_MODEL = "BAD_MODEL"  # unknown model name (or wrong base URL path)
    CONTEXT_TOO_SMALL = "CONTEXT_TOO_SMALL"
    INVALID_OUTPUT = "INVALID_OUTPUT"  # reply did not validate against the schema
    AUTH = "AUTH"  # API key rejected
    BAD_REQUEST = "BAD_REQUEST"  # other 4xx
    NOT_CONFIGURED = "NOT_CONFIGURED"


class ModelError(Exception):
    """A model call failed. `code` is a ModelErrorCode value, `message` is user-readable."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int | None = None,
        detail: str = "",
        retryable: bool = False,
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = ModelErrorCode(code)
        self.message = message
        self.status = status
        self.detail = detail  # raw server message, for logs
        self.retryable = retryable  # the SDK retried it before giving up
        self.usage: "Usage | None" = None  # tokens spent before the failure (set for INVALID_OUTPUT)


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    requests: int = 0

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
            self.total_tokens + other.total_tokens,
            self.requests + other.requests,
        )


@dataclass(frozen=True)
class ModelHealth:
    """Whether the model answers; `configured` is false when the offline engine answers instead."""

    ok: bool
    message: str
    model: str
    code: str | None = None
    latency_ms: int | None = None
    configured: bool = True


# ----------------------------------------------------------------- error classification

_CONTEXT_MARKERS = (
    "context length",
    "context_length",
    "maximum context",
    "context size",
    "context window",
    "exceed_context",
    "exceeds the available context",
    "n_ctx",
    "max_model_len",
    "too many tokens",
    "prompt is too long",
    "input is too long",
    "reduce the length",
)
_MODEL_MARKERS = re.compile(
    r"model.*(not found|does not exist|not exist|unknown|no such|invalid model)|unknown model", re.I | re.S
)
_RESPONSE_FORMAT_MARKERS = ("response_format", "json_schema", "response format", "grammar", "structured output")


def _detail(e: openai.APIStatusError) -> str:
    body = e.body
    if isinstance(body, Mapping):
        msg = body.get("message") or body.get("detail") or body.get("error")
        if msg:
            return str(msg)[:500]
    if isinstance(body, str) and body:
        return body[:500]
    return str(e.message)[:500]


def _attempts(e: BaseException) -> int:
    """How many times the SDK sent the failed request (it numbers its retries in a header)."""
    request = getattr(e, "request", None)
    try:
        return int(request.headers.get("x-stainless-retry-count", 0)) + 1 if request is not None else 1
    except ValueError:
        return 1


def is_context_error(text: str) -> bool:
    t = text.lower()
    return any(m in t for m in _CONTEXT_MARKERS)


def is_response_format_error(text: str) -> bool:
    t = text.lower()
    return any(m in t for m in _RESPONSE_FORMAT_MARKERS)


# ----------------------------------------------------------------- output parsing

_FENCE = re.compile(r"^```[a-zA-Z0-9_-]*\s*\n?(.*?)\n?```\s*$", re.S)


def extract_json_text(text: str) -> str:
    """Best effort: strip code fences / prose around the first JSON object."""
    t = (text or "").strip()
    m = _FENCE.match(t)
    if m:
        t = m.group(1).strip()
    if not t.startswith("{"):
        start, end = t.find("{"), t.rfind("}")
        if start != -1 and end > start:
            t = t[start : end + 1]
    return t


def parse_structured_output(text: str, schema: type[T]) -> T:
    """Parse a model reply into `schema`. Unknown/extra fields are rejected at every depth.

    Raises ValueError with a short human-readable reason.
    """
    raw = extract_json_text(text)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ValueError(f"reply is not valid JSON ({e.msg} at char {e.pos})") from None
    if not isinstance(data, dict):
        raise ValueError("reply is JSON but not an object")
    try:
        return schema.model_validate(data, extra="forbid")
    except ValidationError as e:
        problems = []
        for err in e.errors()[:5]:
            loc = ".".join(str(x) for x in err["loc"]) or "(root)"
            problems.append(f"{loc}: {err['msg']}")
        raise ValueError("reply does not match the schema: " + "; ".join(problems)) from None


def _response_format(schema: type[BaseModel]) -> dict[str, Any]:
    """The strict `json_schema` response format the SDK's own `.parse()` sends."""
    return dict(type_to_response_format_param(schema))  # type: ignore[arg-type]


def _usage_of(obj: Any, messages: Sequence[Mapping[str, str]], output: str) -> Usage:
    u = getattr(obj, "usage", None)
    if u is not None:
        return Usage(u.prompt_tokens or 0, u.completion_tokens or 0, u.total_tokens or 0, 1)
    return estimate_usage(messages, output)


def estimate_usage(messages: Sequence[Mapping[str, str]], output: str) -> Usage:
    """~4 characters per token; used when the server reports no usage."""
    p = sum(len(m.get("content") or "") for m in messages) // 4 + 4 * len(messages)
    c = len(output) // 4 + 1
    return Usage(p, c, p + c, 1)


# ----------------------------------------------------------------- the client


class ModelClient:
    """Wraps exactly one `openai.AsyncOpenAI`. Create once per process, `await aclose()` on shutdown."""

    def __init__(
        self,
        *,
        model: str,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 2,
    ) -> None:
        self.model = model or ""
        self.timeout = timeout
        # None = unknown, True/False once learned from the server.
        self.response_format_supported: bool | None = None
        self._client = openai.AsyncOpenAI(
            api_key=api_key or _NO_KEY_PLACEHOLDER,  # local servers (llama.cpp, Ollama, vLLM) need none
            base_url=base_url or None,
            timeout=timeout,
            max_retries=max(0, int(max_retries)),
        )
        self._probe = self._client.with_options(max_retries=0)  # health checks answer at once

    async def aclose(self) -> None:
        await self._client.close()

    # ------------------------------------------------------------- low level

    def _where(self) -> str:
        return str(self._client.base_url).rstrip("/")

    def map_error(self, e: BaseException) -> ModelError:
        """Translate an SDK exception into a ModelError with a readable message."""
        if isinstance(e, ModelError):
            return e
        where = self._where()
        if isinstance(e, (openai.APITimeoutError, TimeoutError)):
            return ModelError(ModelErrorCode.TIMEOUT, f"The model server at {where} did not answer within {self.timeout:g} s.")
        if isinstance(e, openai.APIConnectionError):
            return ModelError(
                ModelErrorCode.UNAVAILABLE,
                f"Cannot reach the model server at {where}. Is it running and is OPENAI_BASE_URL correct?",
                retryable=True,
            )
        if isinstance(e, openai.APIStatusError):
            status, detail = e.status_code, _detail(e)
            if is_context_error(detail):
                return ModelError(
                    ModelErrorCode.CONTEXT_TOO_SMALL,
                    f"The context window of model '{self.model}' is too small for this request "
                    f"(server said: {detail}). Increase the server's context size "
                    "(llama.cpp --ctx-size, vLLM --max-model-len, Ollama num_ctx) or shorten the input.",
                    status=status,
                    detail=detail,
                )
            if status == 429:
                return ModelError(
                    ModelErrorCode.RATE_LIMITED,
                    f"The model server is rate limiting requests (429): {detail}",
                    status=status,
                    detail=detail,
                    retryable=True,
                )
            if status >= 500:
                return ModelError(
                    ModelErrorCode.UNAVAILABLE,
                    f"The model server at {where} failed with HTTP {status}: {detail}",
                    status=status,
                    detail=detail,
                    retryable=True,
                )
            if status in (401, 403):
                return ModelError(
                    ModelErrorCode.AUTH,
                    f"The model server rejected the API key (HTTP {status}). Check OPENAI_API_KEY.",
                    status=status,
                    detail=detail,
                )
            if status == 404 or (_MODEL_MARKERS.search(detail) and not is_response_format_error(detail)):
                return ModelError(
                    ModelErrorCode.BAD_MODEL,
                    f"Model '{self.model}' is not available at {where} (server said: {detail}). "
                    "Check OPENAI_MODEL, and that OPENAI_BASE_URL ends with /v1.",
                    status=status,
                    detail=detail,
                )
            if status == 408:
                return ModelError(ModelErrorCode.TIMEOUT, f"The model server timed out: {detail}", status=status, detail=detail)
            return ModelError(
                ModelErrorCode.BAD_REQUEST,
                f"The model server rejected the request (HTTP {status}): {detail}",
                status=status,
                detail=detail,
            )
        if isinstance(e, openai.APIError):  # e.g. an error event in the middle of a stream
            return ModelError(
                ModelErrorCode.UNAVAILABLE, f"The model server reported an error: {e.message}", detail=str(e.message)
            )
        return ModelError(ModelErrorCode.UNAVAILABLE, f"Unexpected model client failure: {type(e).__name__}: {e}")

    async def _create(self, *, probe: bool = False, **kwargs: Any) -> Any:
        """chat.completions.create, retried by the SDK, within `timeout` as a whole; raises ModelError."""
        if not self.model:
            raise ModelError(ModelErrorCode.NOT_CONFIGURED, "No model is configured (set OPENAI_MODEL).")
        client = self._probe if probe else self._client
        try:
            async with asyncio.timeout(self.timeout):  # a retry never starts after a timeout
                return await client.chat.completions.create(model=self.model, **kwargs)
        except (openai.OpenAIError, TimeoutError) as e:
            err = self.map_error(e)
            attempts = _attempts(e)
            if err.retryable and attempts > 1:
                err.message += f" (gave up after {attempts} attempts)"
            raise err from e

    # ------------------------------------------------------------- health

    async def health(self, *, probe_context_tokens: int = 0) -> ModelHealth:
        """Real tiny completion. `probe_context_tokens` > 0 pads the probe to about that many
        tokens so a server whose context window is smaller than our prompts is detected."""
        if not self.model:
            return ModelHealth(
                ok=False,
                message="No model is configured (set OPENAI_MODEL); the offline engine is used.",
                model="",
                code="NOT_CONFIGURED",
                configured=False,
            )
        content = "Reply with the single word: ok"
        if probe_context_tokens > 0:
            content = ("lorem ipsum " * (probe_context_tokens // 3)) + "\n" + content
        started = time.monotonic()
        try:
            await self._create(messages=[{"role": "user", "content": content}], max_tokens=1, temperature=0, probe=True)
        except ModelError as err:
            message = err.message
            if err.code == ModelErrorCode.BAD_MODEL:
                available = await self.list_models()
                if available:
                    message += " Available models: " + ", ".join(available[:10]) + "."
            return ModelHealth(ok=False, message=message, model=self.model, code=str(err.code))
        ms = int((time.monotonic() - started) * 1000)
        return ModelHealth(
            ok=True,
            message=f"Model '{self.model}' at {self._where()} answered in {ms} ms.",
            model=self.model,
            latency_ms=ms,
        )

    async def list_models(self) -> list[str]:
        """Model ids the server advertises; [] if it cannot tell."""
        try:
            page = await self._probe.models.list()
            return [m.id for m in page.data]
        except Exception:
            return []

    # ------------------------------------------------------------- structured output

    async def structured(
        self,
        system: str,
        data_blocks: Sequence[DataBlock | tuple[str, str]],
        schema: type[T],
        *,
        facts: Mapping[str, Any] | None = None,
        max_tokens: int | None = 1500,
        temperature: float = 0.2,
    ) -> tuple[T, Usage]:
        """Ask for one JSON object matching `schema`; returns (validated instance, summed usage)."""
        messages: list[dict[str, str]] = build_messages(system, data_blocks, facts=facts)
        use_schema = self.response_format_supported is not False
        common: dict[str, Any] = {"temperature": temperature}
        if max_tokens:
            common["max_tokens"] = max_tokens

        async def call(msgs: list[dict[str, str]]) -> tuple[str, str | None]:
            nonlocal use_schema, messages
            if use_schema:
                try:
                    resp = await self._create(messages=msgs, response_format=_response_format(schema), **common)
                    self.response_format_supported = True
                    return self._content(resp, msgs, usage_acc)
                except ModelError as err:
                    if err.code == ModelErrorCode.BAD_REQUEST and is_response_format_error(err.detail):
                        self.response_format_supported = False
                        use_schema = False
                        messages = self._json_prompt_messages(messages, schema)
                        msgs = self._json_prompt_messages(msgs, schema)
                    else:
                        raise
            resp = await self._create(messages=msgs, **common)
            return self._content(resp, msgs, usage_acc)

        usage_acc: list[Usage] = []
        if not use_schema:
            messages = self._json_prompt_messages(messages, schema)
        text, finish = await call(messages)
        try:
            result = parse_structured_output(text, schema)
        except ValueError as first:
            repair = [
                *messages,
                {"role": "assistant", "content": text[:4000]},
                {
                    "role": "user",
                    "content": f"Your previous reply was not accepted: {first}. Reply again with only the corrected JSON object, "
                    "using exactly the fields of the required schema and no other keys.",
                },
            ]
            text, finish = await call(repair)
            try:
                result = parse_structured_output(text, schema)
            except ValueError as second:
                hint = " The reply was cut off: raise max_tokens." if finish == "length" else ""
                err = ModelError(ModelErrorCode.INVALID_OUTPUT, f"The model's reply was invalid twice: {second}.{hint}")
                err.usage = sum(usage_acc, Usage())  # the integrator should still record these tokens
                raise err from None
        return result, sum(usage_acc, Usage())

    async def structured_prompt(self, prompt: Prompt, schema: type[T], **kwargs: Any) -> tuple[T, Usage]:
        """`structured()` for a Prompt from api.ai.prompts."""
        return await self.structured(prompt.system, prompt.blocks, schema, facts=prompt.facts, **kwargs)

    @staticmethod
    def _json_prompt_messages(messages: list[dict[str, str]], schema: type[BaseModel]) -> list[dict[str, str]]:
        js = json.dumps(_response_format(schema)["json_schema"]["schema"], separators=(",", ":"))
        extra = (
            "\n\nOutput format: reply with exactly one JSON object and nothing else (no prose, no code fences). "
            f"It must validate against this JSON Schema and contain no other keys:\n{js}"
        )
        out = [dict(m) for m in messages]
        if out and out[0]["role"] == "system" and "Output format: reply with exactly one JSON object" not in out[0]["content"]:
            out[0]["content"] += extra
        return out

    def _content(self, resp: Any, msgs: Sequence[Mapping[str, str]], usage_acc: list[Usage]) -> tuple[str, str | None]:
        choice = resp.choices[0] if getattr(resp, "choices", None) else None
        msg = choice.message if choice else None
        text = (msg.content if msg else None) or ""
        usage_acc.append(_usage_of(resp, msgs, text))
        refusal = getattr(msg, "refusal", None) if msg else None
        if refusal and not text:
            raise ModelError(ModelErrorCode.INVALID_OUTPUT, f"The model refused: {refusal}")
        return text, (choice.finish_reason if choice else None)

    # ------------------------------------------------------------- streaming

    def stream_text(
        self,
        system: str,
        data_blocks: Sequence[DataBlock | tuple[str, str]] = (),
        *,
        facts: Mapping[str, Any] | None = None,
        max_tokens: int | None = 2000,
        temperature: float = 0.7,
    ) -> "TextStream":
        """`async for delta in client.stream_text(...)`; afterwards `.usage`, `.text`, `.finish_reason`."""
        return TextStream(self, build_messages(system, data_blocks, facts=facts), max_tokens=max_tokens, temperature=temperature)

    def stream_prompt(self, prompt: Prompt, **kwargs: Any) -> "TextStream":
        """`stream_text()` for a Prompt from api.ai.prompts."""
        return self.stream_text(prompt.system, prompt.blocks, facts=prompt.facts, **kwargs)


class TextStream:
    """Async iterator of text deltas. Errors are raised as ModelError. Iterate once."""

    def __init__(
        self, client: ModelClient, messages: list[dict[str, str]], *, max_tokens: int | None, temperature: float
    ) -> None:
        self._c = client
        self.messages = messages
        self._kwargs: dict[str, Any] = {"temperature": temperature}
        if max_tokens:
            self._kwargs["max_tokens"] = max_tokens
        self.usage: Usage | None = None
        self.finish_reason: str | None = None
        self._parts: list[str] = []
        self._started = False

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def __aiter__(self) -> AsyncIterator[str]:
        if self._started:
            raise RuntimeError("a TextStream can only be iterated once")
        self._started = True
        return self._run()

    async def collect(self) -> str:
        async for _ in self:
            pass
        return self.text

    async def _open(self) -> Any:
        try:
            return await self._c._create(
                messages=self.messages, stream=True, stream_options={"include_usage": True}, **self._kwargs
            )
        except ModelError as err:
            if err.code == ModelErrorCode.BAD_REQUEST and "stream_options" in err.detail:
                return await self._c._create(messages=self.messages, stream=True, **self._kwargs)
            raise

    async def _run(self) -> AsyncIterator[str]:
        stream = await self._open()
        try:
            try:
                async for chunk in stream:
                    if getattr(chunk, "usage", None) is not None:
                        u = chunk.usage
                        self.usage = Usage(u.prompt_tokens or 0, u.completion_tokens or 0, u.total_tokens or 0, 1)
                    for choice in chunk.choices or ():
                        if choice.finish_reason:
                            self.finish_reason = choice.finish_reason
                        delta = choice.delta.content if choice.delta else None
                        if delta:
                            self._parts.append(delta)
                            yield delta
            except (openai.APIError, openai.OpenAIError) as e:
                raise self._c.map_error(e) from e
        finally:
            await stream.close()
        if self.usage is None:
            self.usage = estimate_usage(self.messages, self.text)


HEALTH_TTL_SECONDS = 60.0
HEALTH_TIMEOUT_SECONDS = 5.0
OFFLINE_MESSAGE = "offline engine (no model configured)"

_clients: dict[tuple, ModelClient] = {}
_health: dict[tuple, tuple[float, ModelHealth]] = {}


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


async def model_status(settings: Settings | None = None, *, refresh: bool = False) -> ModelHealth:
    """A real tiny call to the model (ModelClient.health), cached for a minute per configuration."""
    settings = settings or get_settings()
    client = model_client(settings)
    if client is None:
        return ModelHealth(ok=True, message=OFFLINE_MESSAGE, model="", code="NOT_CONFIGURED", configured=False)
    key = _key(settings)
    cached = _health.get(key)
    if cached and not refresh and time.monotonic() - cached[0] < HEALTH_TTL_SECONDS:
        return cached[1]
    # Two concurrent probes may both call the model; harmless, and no lock tied to one loop.
    try:
        health = await asyncio.wait_for(client.health(), HEALTH_TIMEOUT_SECONDS)
    except TimeoutError:
        health = ModelHealth(
            ok=False,
            model=client.model,
            code="TIMEOUT",
            message=f"The model server did not answer the health check within {HEALTH_TIMEOUT_SECONDS:g} s.",
        )
    _health[key] = (time.monotonic(), health)
    return health
