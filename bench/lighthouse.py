"""Lighthouse scores of the web app: the sign-in, jobs and journey pages.

Runs npm `lighthouse` (a dev dependency of web/, so `cd web && npm ci` first) driving Debian's
Chromium headless (CHROME_PATH, default /usr/bin/chromium) and prints, per page, the
performance, accessibility, best-practices and SEO scores and the bytes the first load
transferred. Figures only: no assertions, not a test.

    .venv/bin/python bench/lighthouse.py                      # its own server on a scratch database
    .venv/bin/python bench/lighthouse.py --base-url http://127.0.0.1:8000   # a running instance
    .venv/bin/python bench/lighthouse.py --desktop            # the desktop preset (default: mobile)

Against a running instance it signs up a throw-away account (registration must be open) and
hands Lighthouse that account's refresh cookie, so the signed-in pages are measured signed in.
The web app must be built (web/dist) for the server to serve it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

LIGHTHOUSE = ROOT / "web" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = (("sign-in", "/signin", False), ("jobs", "/jobs", True), ("journey", "/journey", True))
PASSWORD = "correct-Horse-42-battery"

REGISTER = """
mutation Register($input: UserRegisterInput!) { userRegister(input: $input) { errors { field message } } }
"""
SIGN_IN = """
mutation SignIn($input: TokenCreateInput!) {
  tokenCreate(input: $input) { accessToken errors { field message } }
}
"""
JOB_CREATE = """
mutation Job($input: JobCreateInput!) { jobCreate(input: $input) { errors { field message } } }
"""
JOURNEY_UPDATE = """
mutation Journey($input: JourneyUpdateInput!) { journeyUpdate(input: $input) { errors { field message } } }
"""


async def graphql(client, query: str, variables: dict, token: str | None = None) -> dict:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    body = response.json()
    if body.get("errors"):
        raise SystemExit(f"{client.base_url}: {body['errors']}")
    return body["data"]


async def new_account(base_url: str) -> str:
    """A new account with a job and a role; its username."""
    import httpx

    username = f"lighthouse_{uuid.uuid4().hex[:8]}"
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        account = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
        registered = await graphql(client, REGISTER, {"input": account})
        if registered["userRegister"]["errors"]:
            raise SystemExit(f"sign-up refused: {registered['userRegister']['errors']}")
        signed = await graphql(client, SIGN_IN, {"input": {"username": username, "password": PASSWORD}})
        token = signed["tokenCreate"]["accessToken"]
        job = {"company": "Acme", "title": "Backend Engineer", "location": "Berlin", "techStack": ["Python", "AWS"]}
        await graphql(client, JOB_CREATE, {"input": job}, token)
        role = {"currentRole": "Software Engineer", "targetRole": "Senior Software Engineer"}
        await graphql(client, JOURNEY_UPDATE, {"input": role}, token)
    return username


async def signed_in_cookie(base_url: str, username: str) -> str:
    """A fresh sign-in's Cookie header (a refresh token is used once: each page gets its own)."""
    import httpx

    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        signed = {"username": username, "password": PASSWORD, "refreshTokenCookie": True}
        await graphql(client, SIGN_IN, {"input": signed})
        cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    if not cookie:
        raise SystemExit("the sign-in set no refresh cookie")
    return cookie


async def lighthouse(url: str, cookie: str | None, desktop: bool) -> dict:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as workdir:
        report = Path(workdir) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        if desktop:
            command.append("--preset=desktop")
        if cookie:
            command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
        process = await asyncio.create_subprocess_exec(
            *command, env={**os.environ, "CHROME_PATH": chrome}, stderr=asyncio.subprocess.PIPE
        )
        _, stderr = await process.communicate()
        if process.returncode != 0 or not report.exists():
            raise SystemExit(f"lighthouse failed on {url}:\n{stderr.decode()[-2000:]}")
        return json.loads(report.read_text())


def failing_audits(result: dict, category: str) -> list[str]:
    refs = result["categories"][category]["auditRefs"]
    audits = result["audits"]
    return [
        ref["id"]
        for ref in refs
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]


async def measure(base_url: str, desktop: bool) -> None:
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse is not installed: run `cd web && npm ci`")
    username = await new_account(base_url)
    print(f"Lighthouse {'desktop' if desktop else 'mobile'} against {base_url}")
    print(f"{'page':<10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'first load':>11}  below 100")
    for name, path, signed_in in PAGES:
        cookie = await signed_in_cookie(base_url, username) if signed_in else None
        result = await lighthouse(base_url.rstrip("/") + path, cookie, desktop)
        scores = [round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES]
        weight = result["audits"]["total-byte-weight"]["numericValue"] / 1024
        below = {c: failing_audits(result, c) for c in CATEGORIES[1:]}
        notes = "; ".join(f"{c}: {', '.join(ids)}" for c, ids in below.items() if ids)
        print(f"{name:<10} {scores[0]:>5} {scores[1]:>5} {scores[2]:>5} {scores[3]:>5} {weight:>8.0f} KB  {notes}")
        metrics = {
            key: result["audits"][key]["displayValue"]
            for key in ("largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
        }
        print(
            f"{'':<10} LCP {metrics['largest-contentful-paint']}, TBT {metrics['total-blocking-time']}, CLS {metrics['cumulative-layout-shift']}"
        )
        for item in result["audits"]["errors-in-console"].get("details", {}).get("items", [])[:3]:
            print(f"{'':<10} console: {item.get('description', '')[:160]}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="a running instance (default: start one on a scratch database)")
    parser.add_argument("--desktop", action="store_true", help="the desktop preset instead of the mobile default")
    args = parser.parse_args()
    if args.base_url:
        await measure(args.base_url, args.desktop)
        return

    from scratch import scratch_database

    async with scratch_database():
        from api.app import create_app
        from api.config import get_settings
        from tests.support.running import running_server

        get_settings.cache_clear()
        async with running_server(create_app()) as url:
            await measure(url, args.desktop)


if __name__ == "__main__":
    asyncio.run(main())
