from __future__ import annotations

import json
import math
import time

import pytest

from api.ai.client import ModelClient, ModelError, ModelErrorCode, Usage, parse_structured_output
from api.ai.prompts import DataBlock
from api.ai.schemas import EmailDraft
from tests.fakes.openai_server import FakeOpenAIServer, closed_port_url

GOOD_EMAIL = json.dumps({"kind": "thank_you", "subject": "Thank you", "body": "Thanks for the interview."})
BLOCKS = [DataBlock("JOB_DESCRIPTION", "We need a Python developer.")]


def expected_prompt_tokens(body: dict) -> int:
    return max(1, math.ceil(sum(len(m["content"]) for m in body["messages"]) / 4))


class TestModelClient:
    # ------------------------------------------------------------------ health

    async def test_health_ok_reports_model_and_latency(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given a running server that knows the model
        # when
        h = await model_client.health()
        # then
        assert h.ok is True
        assert h.model == "fake-model"
        assert "fake-model" in h.message and "answered" in h.message
        assert fake.chat_requests[0]["max_tokens"] == 1

    async def test_health_server_down(self):
        # given a base URL where nothing listens
        c = ModelClient(model="fake-model", base_url=closed_port_url(), timeout=2)
        # when
        h = await c.health()
        await c.aclose()
        # then
        assert h.ok is False
        assert h.code == "UNAVAILABLE"
        assert "Cannot reach the model server" in h.message

    async def test_health_wrong_model_lists_available_models(self, fake: FakeOpenAIServer):
        # given a model name the server does not know
        c = ModelClient(model="no-such-model", base_url=fake.base_url, timeout=2)
        # when
        h = await c.health()
        await c.aclose()
        # then
        assert h.ok is False
        assert h.code == "BAD_MODEL"
        assert "no-such-model" in h.message
        assert "fake-model" in h.message and "other-model" in h.message

    async def test_health_context_too_small(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given a server with a 100-token context and a 1000-token probe
        fake.context_window = 100
        # when
        h = await model_client.health(probe_context_tokens=1000)
        # then
        assert h.ok is False
        assert h.code == "CONTEXT_TOO_SMALL"
        assert "context" in h.message and "--ctx-size" in h.message

    async def test_health_not_configured(self):
        # given no model name
        c = ModelClient(model="", base_url="http://127.0.0.1:9/v1")
        # when
        h = await c.health()
        await c.aclose()
        # then
        assert (h.ok, h.code) == (False, "NOT_CONFIGURED")

    async def test_auth_error_is_mapped(self, fake: FakeOpenAIServer):
        # given a server that requires a different key
        fake.api_key = "right-key"
        c = ModelClient(model="fake-model", base_url=fake.base_url, api_key="wrong-key", timeout=2)
        try:
            # when
            h = await c.health()
        finally:
            fake.api_key = None
            await c.aclose()
        # then
        assert (h.ok, h.code) == (False, "AUTH")
        assert "OPENAI_API_KEY" in h.message

    # ------------------------------------------------------------------ structured

    async def test_structured_sends_strict_json_schema_and_returns_usage(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given
        fake.queue_reply(GOOD_EMAIL)
        # when
        result, usage = await model_client.structured("Write an email.", BLOCKS, EmailDraft)
        # then
        assert result == EmailDraft(kind="thank_you", subject="Thank you", body="Thanks for the interview.")
        body = fake.chat_requests[0]
        rf = body["response_format"]
        assert rf["type"] == "json_schema" and rf["json_schema"]["strict"] is True
        assert rf["json_schema"]["schema"]["additionalProperties"] is False
        assert set(rf["json_schema"]["schema"]["required"]) == {"kind", "subject", "body"}
        c = len(GOOD_EMAIL.split())  # the fake counts whitespace-separated words as completion tokens
        assert usage == Usage(expected_prompt_tokens(body), c, expected_prompt_tokens(body) + c, 1)

    async def test_structured_falls_back_to_json_prompting_when_response_format_rejected(
        self, model_client: ModelClient, fake: FakeOpenAIServer
    ):
        # given a llama.cpp-like server that rejects json_schema, and a reply wrapped in a code fence
        fake.reject_response_format = True
        fake.queue_reply("```json\n" + GOOD_EMAIL + "\n```")
        # when
        result, usage = await model_client.structured("Write an email.", BLOCKS, EmailDraft)
        # then
        assert result.kind == "thank_you"
        first, second = fake.chat_requests
        assert "response_format" in first and "response_format" not in second
        assert '"additionalProperties":false' in second["messages"][0]["content"]
        assert model_client.response_format_supported is False
        assert usage.requests == 1  # the rejected request produced no tokens
        # and the next call does not try response_format again
        fake.queue_reply(GOOD_EMAIL)
        await model_client.structured("Write an email.", BLOCKS, EmailDraft)
        assert "response_format" not in fake.chat_requests[2]
        assert len(fake.chat_requests) == 3

    async def test_structured_retries_once_on_invalid_json(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given a first reply that is not JSON, then a valid one
        fake.queue_reply("Sure! Here is your email: Thanks!", GOOD_EMAIL)
        # when
        result, usage = await model_client.structured("Write an email.", BLOCKS, EmailDraft)
        # then
        assert result.subject == "Thank you"
        assert len(fake.chat_requests) == 2
        repair = fake.chat_requests[1]["messages"]
        assert repair[-2] == {"role": "assistant", "content": "Sure! Here is your email: Thanks!"}
        assert "not accepted" in repair[-1]["content"]
        assert usage.requests == 2

    async def test_structured_gives_up_after_second_invalid_reply(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given two replies that do not match the schema
        fake.queue_reply('{"kind": "thank_you"}', '{"kind": "love_letter", "subject": "x", "body": "y"}')
        # when / then
        with pytest.raises(ModelError) as exc:
            await model_client.structured("Write an email.", BLOCKS, EmailDraft)
        assert exc.value.code == ModelErrorCode.INVALID_OUTPUT
        assert "kind" in exc.value.message
        assert exc.value.usage is not None and exc.value.usage.requests == 2

    async def test_structured_context_too_small(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given a tiny context window
        fake.context_window = 20
        # when / then
        with pytest.raises(ModelError) as exc:
            await model_client.structured("Write an email.", [DataBlock("RESUME", "x" * 500)], EmailDraft)
        assert exc.value.code == ModelErrorCode.CONTEXT_TOO_SMALL
        assert "maximum context length is 20" in exc.value.detail

    # ------------------------------------------------------------------ retries / timeouts

    async def test_429_then_success_is_retried(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given one rate-limit answer before success
        fake.rate_limit_next(times=1, retry_after_ms=10)
        fake.queue_reply(GOOD_EMAIL)
        # when
        result, _ = await model_client.structured("Write an email.", BLOCKS, EmailDraft)
        # then
        assert result.kind == "thank_you"
        assert len(fake.chat_requests) == 2

    async def test_persistent_429_becomes_rate_limited(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given more 429s than retries
        fake.rate_limit_next(times=5, retry_after_ms=5)
        # when / then
        with pytest.raises(ModelError) as exc:
            await model_client.structured("Write an email.", BLOCKS, EmailDraft)
        assert exc.value.code == ModelErrorCode.RATE_LIMITED
        assert len(fake.chat_requests) == 3  # 1 + max_retries
        assert "gave up after 3 attempts" in exc.value.message

    async def test_500_is_retried_then_unavailable(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given a server failing with 500
        fake.fail_next(500, times=3, message="CUDA out of memory")
        # when / then
        with pytest.raises(ModelError) as exc:
            await model_client.structured("Write an email.", BLOCKS, EmailDraft)
        assert exc.value.code == ModelErrorCode.UNAVAILABLE
        assert exc.value.status == 500 and "CUDA out of memory" in exc.value.message
        assert len(fake.chat_requests) == 3

    async def test_500_then_success(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given two failures then success
        fake.fail_next(503, times=2)
        fake.queue_reply(GOOD_EMAIL)
        # when
        result, _ = await model_client.structured("Write an email.", BLOCKS, EmailDraft)
        # then
        assert result.kind == "thank_you"
        assert len(fake.chat_requests) == 3

    async def test_slow_server_times_out_without_retrying(self, fake: FakeOpenAIServer):
        # given a server slower than the client timeout
        fake.delay = 1.5
        c = ModelClient(model="fake-model", base_url=fake.base_url, timeout=0.3, max_retries=2)
        started = time.monotonic()
        # when / then
        with pytest.raises(ModelError) as exc:
            await c.structured("Write an email.", BLOCKS, EmailDraft)
        await c.aclose()
        assert exc.value.code == ModelErrorCode.TIMEOUT
        assert time.monotonic() - started < 1.2
        assert len(fake.chat_requests) == 1

    async def test_unknown_model_is_bad_model(self, fake: FakeOpenAIServer):
        # given
        c = ModelClient(model="gpt-9", base_url=fake.base_url, timeout=2)
        # when / then
        with pytest.raises(ModelError) as exc:
            await c.structured("Write an email.", BLOCKS, EmailDraft)
        await c.aclose()
        assert exc.value.code == ModelErrorCode.BAD_MODEL and exc.value.status == 404
        assert "gpt-9" in exc.value.message

    # ------------------------------------------------------------------ streaming

    async def test_stream_yields_deltas_and_final_usage(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given
        fake.queue_reply("Dear Acme team, I am glad to apply.")
        # when
        stream = model_client.stream_text("Write a letter.", BLOCKS, max_tokens=100)
        deltas = [d async for d in stream]
        # then
        assert len(deltas) == 8  # the fake streams word by word
        assert "".join(deltas) == "Dear Acme team, I am glad to apply." == stream.text
        body = fake.chat_requests[0]
        assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
        p = expected_prompt_tokens(body)
        assert stream.usage == Usage(p, 8, p + 8, 1)
        assert stream.finish_reason == "stop"

    async def test_stream_estimates_usage_when_server_sends_none(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given a server that reports no usage
        fake.report_usage = False
        fake.queue_reply("one two three")
        # when
        text = await model_client.stream_text("Write.", BLOCKS).collect()
        # then
        assert text == "one two three"

    async def test_stream_error_mid_way_raises_model_error_and_keeps_partial_text(
        self, model_client: ModelClient, fake: FakeOpenAIServer
    ):
        # given a stream that crashes after two chunks
        fake.stream_error_after = 2
        fake.queue_reply("a b c d e")
        stream = model_client.stream_text("Write.", BLOCKS)
        got: list[str] = []
        # when / then
        with pytest.raises(ModelError) as exc:
            async for d in stream:
                got.append(d)
        assert exc.value.code == ModelErrorCode.UNAVAILABLE
        assert "mid-stream" in exc.value.message
        assert "".join(got) == "a b "

    async def test_stream_retries_429_before_first_chunk(self, model_client: ModelClient, fake: FakeOpenAIServer):
        # given
        fake.rate_limit_next(times=1)
        fake.queue_reply("ok then")
        # when
        text = await model_client.stream_text("Write.", BLOCKS).collect()
        # then
        assert text == "ok then"
        assert len(fake.chat_requests) == 2


class TestParseStructuredOutput:
    def test_rejects_unknown_top_level_field(self):
        # given a reply with an extra key
        reply = json.dumps({"kind": "follow_up", "subject": "Hi", "body": "Any news?", "score": 100})
        # when / then
        with pytest.raises(ValueError, match="score"):
            parse_structured_output(reply, EmailDraft)

    def test_accepts_exact_schema_inside_prose(self):
        # given
        reply = 'Here you go:\n{"kind": "follow_up", "subject": "Hi", "body": "Any news?"}\nThanks'
        # when
        out = parse_structured_output(reply, EmailDraft)
        # then
        assert out.kind == "follow_up"

    def test_rejects_non_object(self):
        # when / then
        with pytest.raises(ValueError, match="not an object"):
            parse_structured_output("[1, 2]", EmailDraft)
