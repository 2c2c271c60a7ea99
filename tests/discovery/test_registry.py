from __future__ import annotations

import pytest

from api.discovery.adapters import AdzunaAdapter, LeverAdapter
from api.discovery.postings import SourceQuery
from api.discovery.registry import SOURCES, SourceRun, base_url_for, create_adapter, run_source
from tests.support.servers import Reply, json_reply, load_fixture


class TestRegistry:
    def test_defaults_and_overrides(self):
        # given / when / then
        assert base_url_for("greenhouse") == "https://boards-api.greenhouse.io"
        assert base_url_for("lever_eu") == "https://api.eu.lever.co"
        assert base_url_for("ashby", {"ashby": "http://127.0.0.1:9/"}) == "http://127.0.0.1:9"
        assert base_url_for("recruitee") == "https://{token}.recruitee.com"
        assert set(SOURCES) == {
            "greenhouse",
            "lever",
            "lever_eu",
            "ashby",
            "smartrecruiters",
            "recruitee",
            "workable",
            "workday",
            "personio",
            "teamtailor",
            "bamboohr",
            "icims",
            "careers_page",
            "remotive",
            "arbeitnow",
            "remoteok",
            "himalayas",
            "jobicy",
            "weworkremotely",
            "workingnomads",
            "hackernews",
            "adzuna",
            "usajobs",
        }
        with pytest.raises(KeyError):
            base_url_for("monster")

    async def test_create_adapter_applies_base_url_and_settings(self, server, http):
        # given
        server.route("/v0/postings/spotify", json_reply(load_fixture("job-boards/lever/hunt_spotify_postings.json")))
        # when
        eu = create_adapter("lever_eu", http, base_urls={"lever_eu": server.base})
        adzuna = create_adapter("adzuna", http, settings={"ADZUNA_APP_ID": "a", "ADZUNA_APP_KEY": "b", "ADZUNA_COUNTRY": "de"})
        postings = await eu.fetch(SourceQuery(board_token="spotify"))
        # then
        assert isinstance(eu, LeverAdapter) and eu.base_url == server.base
        assert len(postings) == 2 and postings[0].source == "lever"
        assert isinstance(adzuna, AdzunaAdapter)
        assert (adzuna.base_url, adzuna.app_id, adzuna.country, adzuna.skip_reason()) == (
            "https://api.adzuna.com",
            "a",
            "de",
            None,
        )

    def test_use_env_reads_missing_keys(self, monkeypatch, http):
        # given
        monkeypatch.setenv("USAJOBS_API_KEY", "env-key")
        monkeypatch.delenv("USAJOBS_EMAIL", raising=False)
        # when
        from_env = create_adapter("usajobs", http, use_env=True)
        without_env = create_adapter("usajobs", http)
        # then
        assert from_env.skip_reason() == "USAJOBS_EMAIL is not set"
        assert without_env.skip_reason() == "USAJOBS_API_KEY and USAJOBS_EMAIL are not set"


class TestRunSource:
    async def test_ok_skipped_and_error_statuses(self, server, http):
        # given
        server.route("/api/remote-jobs", json_reply(load_fixture("job-boards/remotive/hunt_remote_jobs.json")))
        server.route("/api", Reply(503))
        remotive = create_adapter("remotive", http, base_urls={"remotive": server.base})
        remoteok = create_adapter("remoteok", http, base_urls={"remoteok": server.base})
        adzuna = create_adapter("adzuna", http, base_urls={"adzuna": server.base})
        # when
        ok = await run_source(remotive, SourceQuery())
        error = await run_source(remoteok, SourceQuery())
        skipped = await run_source(adzuna, SourceQuery())
        # then
        assert (ok.status, len(ok.postings), ok.message) == ("ok", 2, "2 postings")
        assert error == SourceRun("remoteok", "error", [], "error: HTTP 503 after 3 attempts")
        assert skipped == SourceRun("adzuna", "skipped", [], "skipped: ADZUNA_APP_ID and ADZUNA_APP_KEY are not set")
