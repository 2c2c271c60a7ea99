"""/healthz reports the email channel: "not configured" without SMTP_HOST (in-app still works)."""

from __future__ import annotations


class TestHealthzEmail:
    async def test_without_smtp_email_is_not_configured(self, client):
        # when
        report = (await client.get("/healthz")).json()
        # then
        assert report["email"] == {"ok": False, "configured": False, "status": "not configured"}
        assert report["database"]["ok"] is True

    async def test_with_smtp_it_names_the_server(self, client, mailbox):
        # when
        report = (await client.get("/healthz")).json()
        # then
        assert report["email"]["configured"] is True and report["email"]["status"].startswith("SMTP 127.0.0.1:")
