"""Security headers on every response (api/security.py)."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

EVERYWHERE = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        name, *values = part.split()
        found[name] = values
    return found


class TestEveryResponse:
    @pytest.mark.parametrize(
        ("method", "path", "kwargs"),
        [
            ("GET", "/", {}),
            ("GET", "/board", {}),
            ("GET", "/healthz", {}),
            ("POST", "/graphql", {"json": {"query": "{ __typename }"}}),
            ("POST", "/graphql", {"content": "{", "headers": {"content-type": "application/json"}}),  # a 400
            ("POST", "/auth/refresh", {}),  # a 204: nobody is signed in
            ("GET", "/no/such/asset.js", {}),
            ("POST", "/graphql", {"content": b"x" * 2_000_000, "headers": {"content-type": "application/json"}}),  # a 413
        ],
    )
    async def test_carries_the_headers(self, client, method, path, kwargs):
        # when
        response = await client.request(method, path, **kwargs)
        # then
        assert {name: response.headers.get(name) for name in EVERYWHERE} == EVERYWHERE
        policy = directives(response.headers["content-security-policy"])
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
        assert "camera=()" in response.headers["permissions-policy"]
        assert "strict-transport-security" not in response.headers  # plain http

    async def test_the_app_policy_allows_only_its_own_scripts_and_styles(self, client):
        # when
        policy = directives((await client.get("/")).headers["content-security-policy"])
        # then
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
        assert policy["default-src"] == ["'self'"] and policy["base-uri"] == ["'none'"]


class TestGraphiQL:
    async def test_its_page_allows_its_cdn_and_exactly_its_own_inline_script(self, client):
        # when
        response = await client.get("/graphql", headers={"accept": "text/html"})
        # then: every inline script of the page is allowed by hash, nothing inline else
        html = response.text
        policy = directives(response.headers["content-security-policy"])
        inline = re.findall(r"<script>(.*?)</script>", html, re.S)
        hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline]
        assert inline and all(h in policy["script-src"] for h in hashes)
        assert "https://unpkg.com" in policy["script-src"] and "'unsafe-inline'" not in policy["script-src"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert response.headers["x-frame-options"] == "DENY"


class TestServerRenderedPages:
    async def test_run_no_script_and_allow_only_their_inline_styles(self, client):
        # when: the unsubscribe page (here refusing a broken link)
        response = await client.get("/unsubscribe", params={"token": "broken"})
        # then
        policy = directives(response.headers["content-security-policy"])
        assert "text/html" in response.headers["content-type"]
        assert policy["default-src"] == ["'none'"] and "script-src" not in policy
        assert policy["style-src"] == ["'unsafe-inline'"] and policy["frame-ancestors"] == ["'none'"]
        assert response.headers["x-frame-options"] == "DENY"
