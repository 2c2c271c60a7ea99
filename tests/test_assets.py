"""The built web app as the API serves it: precompressed files, caching by hashed name, no source
maps, and the sign-in page's JavaScript budget (from the Vite manifest of web/dist)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
SIGN_IN_PAGE = "src/signedOut.tsx"  # what main.tsx loads for a signed-out visitor: sign in and sign up
SIGN_IN_BUDGET = 80 * 1024  # bytes of gzip for every script the sign-in page runs


@pytest.fixture(scope="module")
def manifest() -> dict:
    path = DIST / ".vite" / "manifest.json"
    if not path.is_file():
        pytest.fail("web/dist is not built: run `cd web && npm ci && npm run build` first")
    return json.loads(path.read_text())


def entry_script(manifest: dict) -> str:
    return "/" + manifest["index.html"]["file"]


async def raw_get(client, path: str, accept_encoding: str):
    """The response and its body as sent (not decoded)."""
    async with client.stream("GET", path, headers={"accept-encoding": accept_encoding}) as response:
        body = b"".join([chunk async for chunk in response.aiter_raw()])
    return response, body


def loaded(manifest: dict, key: str, seen: set[str]) -> set[str]:
    """The files `key` loads before it runs: itself and its static imports, transitively."""
    if key in seen:
        return set()
    seen.add(key)
    chunk = manifest[key]
    files = {chunk["file"]}
    for imported in chunk.get("imports", []):
        files |= loaded(manifest, imported, seen)
    return files


class TestCompression:
    async def test_brotli_is_served_to_a_client_that_accepts_it(self, client, manifest):
        # when
        response, body = await raw_get(client, entry_script(manifest), "gzip, deflate, br")
        # then
        assert response.status_code == 200
        assert response.headers["content-encoding"] == "br"
        assert response.headers["content-type"].startswith(("text/javascript", "application/javascript"))
        assert "accept-encoding" in response.headers["vary"].lower()
        assert body == (DIST / (manifest["index.html"]["file"] + ".br")).read_bytes()

    async def test_gzip_is_served_when_brotli_is_not_accepted(self, client, manifest):
        # when
        response, body = await raw_get(client, entry_script(manifest), "gzip")
        # then
        assert response.headers["content-encoding"] == "gzip"
        assert gzip.decompress(body) == (DIST / manifest["index.html"]["file"]).read_bytes()

    async def test_a_client_without_encodings_gets_the_file_itself(self, client, manifest):
        # when
        response, body = await raw_get(client, entry_script(manifest), "identity")
        # then
        assert "content-encoding" not in response.headers
        assert body == (DIST / manifest["index.html"]["file"]).read_bytes()

    async def test_the_page_itself_is_compressed(self, client):
        # when
        response, body = await raw_get(client, "/signin", "br")
        # then
        assert response.headers["content-encoding"] == "br"
        assert body == (DIST / "index.html.br").read_bytes()


class TestCaching:
    async def test_hashed_assets_are_immutable_for_a_year(self, client, manifest):
        # when
        response, _ = await raw_get(client, entry_script(manifest), "br")
        # then
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"

    @pytest.mark.parametrize("path", ["/", "/signin", "/jobs/some-id"])
    async def test_the_page_is_revalidated_on_every_load(self, client, path):
        # when
        response, _ = await raw_get(client, path, "gzip")
        # then
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-cache"

    async def test_a_missing_asset_is_a_404_not_the_page(self, client):
        # when
        response, _ = await raw_get(client, "/assets/missing-0000.js", "br")
        # then
        assert response.status_code == 404

    async def test_a_path_outside_the_assets_is_refused(self, client):
        # when
        response, _ = await raw_get(client, "/assets/..%2Findex.html", "identity")
        # then
        assert response.status_code == 404


class TestSourceMaps:
    def test_the_build_has_no_public_source_maps(self, manifest):
        # then
        assert not list(DIST.rglob("*.map"))
        scripts = [path.read_text() for path in (DIST / "assets").glob("*.js")]
        assert scripts and not any(re.search(r"sourceMappingURL=", script) for script in scripts)

    async def test_a_map_next_to_a_script_is_not_served(self, client, manifest, tmp_path):
        # given: a map left in dist/assets by a build with VITE_SOURCEMAP=hidden
        script = DIST / manifest["index.html"]["file"]
        leftover = script.with_name(script.name + ".map")
        leftover.write_text("{}")
        try:
            # when
            response, _ = await raw_get(client, entry_script(manifest) + ".map", "identity")
        finally:
            leftover.unlink()
        # then
        assert response.status_code == 404


class TestSignInBudget:
    def test_the_sign_in_page_runs_at_most_80_kb_of_gzip_javascript(self, manifest):
        # given: the scripts index.html loads, and the signed-out app's chunk with what it imports
        files = loaded(manifest, "index.html", set()) | loaded(manifest, SIGN_IN_PAGE, set())
        scripts = [name for name in files if name.endswith(".js")]
        # when
        size = sum(len(gzip.compress((DIST / name).read_bytes(), 9)) for name in scripts)
        # then
        assert size <= SIGN_IN_BUDGET, f"{size / 1024:.1f} KB gzip in {sorted(scripts)}"
