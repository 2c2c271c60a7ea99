from __future__ import annotations

import pytest

from api.ai.client import ModelClient
from tests.fakes.openai_server import FakeOpenAIServer


@pytest.fixture(scope="session")
def fake_server():
    server = FakeOpenAIServer(models=["fake-model", "other-model"]).start()
    yield server
    server.stop()


@pytest.fixture
def fake(fake_server: FakeOpenAIServer) -> FakeOpenAIServer:
    fake_server.reset()
    return fake_server


@pytest.fixture
async def model_client(fake: FakeOpenAIServer):
    c = ModelClient(
        model="fake-model",
        base_url=fake.base_url,
        api_key="test-key",
        timeout=5,
        max_retries=2,
    )
    yield c
    await c.aclose()
