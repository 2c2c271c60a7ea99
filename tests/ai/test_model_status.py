"""modelStatus and /healthz: a real call to the configured model, cached for a minute."""

from __future__ import annotations

from tests.fakes.openai_server import closed_port_url
from tests.support.graphql import signed_up

MODEL_STATUS = "query { modelStatus { configured ok model message code } }"
MODEL_STATUS_REFRESH = "query { modelStatus(refresh: true) { configured ok model message code } }"


class TestModelStatus:
    async def test_without_a_model_the_offline_engine_answers(self, client, offline):
        # given
        user = await signed_up(client)
        # when
        status = (await user.gql(MODEL_STATUS))["modelStatus"]
        # then
        assert status == {
            "configured": False,
            "ok": True,
            "model": "",
            "message": "offline engine (no model configured)",
            "code": "NOT_CONFIGURED",
        }

    async def test_a_configured_model_is_called_for_real(self, client, model):
        # given
        user = await signed_up(client)
        # when
        status = (await user.gql(MODEL_STATUS))["modelStatus"]
        # then
        assert status["configured"] and status["ok"] and status["model"] == "fake-model"
        assert status["message"].startswith(f"Model 'fake-model' at {model.base_url} answered in")
        assert model.chat_requests[-1]["max_tokens"] == 1

    async def test_the_answer_is_cached(self, client, model):
        # given
        user = await signed_up(client)
        await user.gql(MODEL_STATUS)
        # when
        await user.gql(MODEL_STATUS)
        await user.gql(MODEL_STATUS)
        # then
        assert len(model.chat_requests) == 1

    async def test_a_server_that_is_down_is_explained(self, client, model, monkeypatch):
        # given
        from api.config import get_settings

        monkeypatch.setattr(get_settings(), "openai_base_url", closed_port_url())
        user = await signed_up(client)
        # when
        status = (await user.gql(MODEL_STATUS_REFRESH))["modelStatus"]
        # then
        assert status["ok"] is False and status["code"] == "UNAVAILABLE"
        assert "Cannot reach the model server" in status["message"] and "OPENAI_BASE_URL" in status["message"]

    async def test_a_wrong_model_name_lists_the_available_ones(self, client, model, monkeypatch):
        # given
        from api.config import get_settings

        monkeypatch.setattr(get_settings(), "openai_model", "gpt-nonexistent")
        user = await signed_up(client)
        # when
        status = (await user.gql(MODEL_STATUS_REFRESH))["modelStatus"]
        # then
        assert status["ok"] is False and status["code"] == "BAD_MODEL"
        assert (
            "Model 'gpt-nonexistent' is not available" in status["message"]
            and "Available models: fake-model." in status["message"]
        )

    async def test_signed_out_it_is_refused(self, client):
        # given / when
        body = (await client.post("/graphql", json={"query": MODEL_STATUS})).json()
        # then
        assert body["errors"][0]["message"] == "Authentication required"


class TestHealthz:
    async def test_reports_the_offline_engine(self, client, offline):
        # given / when
        report = (await client.get("/healthz")).json()
        # then
        assert report["model"] == {
            "ok": True,
            "configured": False,
            "model": "",
            "status": "offline engine (no model configured)",
        }

    async def test_reports_whether_the_model_answers(self, client, model):
        # given / when
        report = (await client.get("/healthz")).json()
        # then
        assert report["model"]["ok"] is True and report["model"]["model"] == "fake-model"
        assert "answered in" in report["model"]["status"]
