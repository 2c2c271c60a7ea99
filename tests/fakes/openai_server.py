"""A small fake OpenAI-compatible server for tests (starlette + uvicorn in a thread).

Supports POST /v1/chat/completions (with and without stream=true, SSE chunks in the real
format with a final usage chunk when stream_options.include_usage is set), response_format
json_schema, GET /v1/models, and programmable failures:

    server.queue_reply('{"a": 1}')               # next reply text (FIFO); default_reply otherwise
    server.fail_next(500, times=2)               # next N chat requests fail with that status
    server.rate_limit_next(times=1)              # 429 with retry-after-ms
    server.delay = 2.0                           # slow response (client timeout)
    server.reject_response_format = True         # 400 like llama.cpp / older vLLM
    server.context_window = 100                  # 400 "maximum context length" when prompt is bigger
    server.models = ["other"]                    # unknown model -> 404 model_not_found
    server.stream_error_after = 2                # error event in the middle of a stream

Usage: `with FakeOpenAIServer() as s: AsyncOpenAI(base_url=s.base_url, ...)`.
"""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route


class FakeOpenAIServer:
    def __init__(self, models: tuple[str, ...] | list[str] = ("fake-model",), api_key: str | None = None) -> None:
        self._initial_models = list(models)
        self.api_key = api_key
        self.reset()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port: int | None = None

    # ------------------------------------------------------------------ state

    def reset(self) -> None:
        self.models: list[str] = list(self._initial_models)
        self.default_reply: str | Callable[[dict[str, Any]], str] = "Hello from the fake model."
        self.replies: deque[str] = deque()
        self.failures: deque[tuple[int, dict[str, Any], dict[str, str]]] = deque()
        self.delay: float = 0.0
        self.chunk_delay: float = 0.0
        self.reject_response_format: bool = False
        self.context_window: int | None = None
        self.stream_error_after: int | None = None
        self.report_usage: bool = True
        self.requests: list[dict[str, Any]] = []

    def queue_reply(self, *texts: str) -> None:
        self.replies.extend(texts)

    def fail_next(
        self, status: int, *, times: int = 1, message: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        body = {
            "error": {
                "message": message or f"fake failure {status}",
                "type": "server_error" if status >= 500 else "invalid_request_error",
                "code": status,
            }
        }
        for _ in range(times):
            self.failures.append((status, body, dict(headers or {})))

    def rate_limit_next(self, *, times: int = 1, retry_after_ms: int = 20) -> None:
        self.fail_next(429, times=times, message="Rate limit reached, slow down", headers={"retry-after-ms": str(retry_after_ms)})

    @property
    def chat_requests(self) -> list[dict[str, Any]]:
        return [r["body"] for r in self.requests if r["path"].endswith("/chat/completions")]

    # ------------------------------------------------------------------ app

    def _app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
                Route("/v1/models", self._models, methods=["GET"]),
            ]
        )

    def _auth_error(self, request: Request) -> Response | None:
        if self.api_key is None:
            return None
        if request.headers.get("authorization") != f"Bearer {self.api_key}":
            return JSONResponse(
                {
                    "error": {
                        "message": "Incorrect API key provided",
                        "type": "invalid_request_error",
                        "code": "invalid_api_key",
                    }
                },
                status_code=401,
            )
        return None

    async def _models(self, request: Request) -> Response:
        self.requests.append({"path": request.url.path, "body": None})
        if (err := self._auth_error(request)) is not None:
            return err
        return JSONResponse(
            {
                "object": "list",
                "data": [{"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in self.models],
            }
        )

    @staticmethod
    def _prompt_tokens(body: dict[str, Any]) -> int:
        chars = 0
        for m in body.get("messages", []):
            c = m.get("content")
            chars += len(c) if isinstance(c, str) else len(json.dumps(c))
        return max(1, math.ceil(chars / 4))

    def _next_reply(self, body: dict[str, Any]) -> str:
        if self.replies:
            return self.replies.popleft()
        r = self.default_reply
        return r(body) if callable(r) else r

    async def _chat(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append({"path": request.url.path, "body": body, "headers": dict(request.headers)})
        if (err := self._auth_error(request)) is not None:
            return err
        if self.failures:
            status, payload, headers = self.failures.popleft()
            return JSONResponse(payload, status_code=status, headers=headers)
        model = body.get("model")
        if model not in self.models:
            return JSONResponse(
                {
                    "error": {
                        "message": f"The model `{model}` does not exist or you do not have access to it.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "model_not_found",
                    }
                },
                status_code=404,
            )
        rf = body.get("response_format")
        if self.reject_response_format and rf and rf.get("type") != "text":
            # llama.cpp-style error body
            return JSONResponse(
                {
                    "error": {
                        "code": 400,
                        "message": f'response_format type must be one of "text" or "json_object", but got: {rf.get("type")}',
                        "type": "invalid_request_error",
                    }
                },
                status_code=400,
            )
        prompt_tokens = self._prompt_tokens(body)
        if self.context_window is not None:
            want = prompt_tokens + int(body.get("max_tokens") or 0)
            if want > self.context_window:
                # vLLM-style error body (top-level, no "error" wrapper)
                return JSONResponse(
                    {
                        "object": "error",
                        "message": f"This model's maximum context length is {self.context_window} tokens. However, you requested {want} tokens "
                        f"({prompt_tokens} in the messages, {body.get('max_tokens') or 0} in the completion). Please reduce the length of the messages or completion.",
                        "type": "BadRequestError",
                        "param": None,
                        "code": 400,
                    },
                    status_code=400,
                )
        if self.delay:
            await asyncio.sleep(self.delay)
        text = self._next_reply(body)
        completion_tokens = max(1, len(text.split()))
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        created = int(time.time())
        cid = f"chatcmpl-fake{len(self.requests)}"
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage")) and self.report_usage
            return StreamingResponse(
                self._sse(cid, created, model, text, usage if include_usage else None), media_type="text/event-stream"
            )
        payload: dict[str, Any] = {
            "id": cid,
            "object": "chat.completion",
            "created": created,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                    "logprobs": None,
                }
            ],
        }
        if self.report_usage:
            payload["usage"] = usage
        return JSONResponse(payload)

    async def _sse(self, cid: str, created: int, model: str, text: str, usage: dict[str, int] | None):
        def chunk(delta: dict[str, Any], finish: str | None) -> str:
            c = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
            }
            return f"data: {json.dumps(c)}\n\n"

        yield chunk({"role": "assistant", "content": ""}, None)
        pieces = [w + " " for w in text.split(" ")]
        if pieces:
            pieces[-1] = pieces[-1][:-1]
        for i, piece in enumerate(pieces):
            if self.stream_error_after is not None and i >= self.stream_error_after:
                yield f"data: {json.dumps({'error': {'message': 'fake upstream crashed mid-stream', 'type': 'server_error'}})}\n\n"
                return
            if self.chunk_delay:
                await asyncio.sleep(self.chunk_delay)
            yield chunk({"content": piece}, None)
        yield chunk({}, "stop")
        if usage is not None:
            yield f"data: {json.dumps({'id': cid, 'object': 'chat.completion.chunk', 'created': created, 'model': model, 'choices': [], 'usage': usage})}\n\n"
        yield "data: [DONE]\n\n"

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        assert self.port is not None, "server not started"
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> "FakeOpenAIServer":
        config = uvicorn.Config(
            self._app(), host="127.0.0.1", port=0, log_level="error", lifespan="off", timeout_graceful_shutdown=1
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="fake-openai", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("fake OpenAI server did not start")
            time.sleep(0.01)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> "FakeOpenAIServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def closed_port_url() -> str:
    """A base URL where nothing listens (server-down tests)."""
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}/v1"
