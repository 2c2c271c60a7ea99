"""Lighthouse scores of the web app: the sign-in, jobs and journey pages.

Runs npm `lighthouse` (a dev dependency of web/, so `cd web && npm ci` first) driving Debian's
Chromium headless (CHROME_PATH, default /usr/bin/chromium) and prints, per page, the
performance, accessibility, best-practices and SEO scores and the bytes the first load
transferred. Figures only: no assertions, not a test. Each page is measured --runs times (3 by
default) and the median of each figure is printed and recorded (bench/results.py): performance at
least 98, accessibility, best practices and SEO 100, the first load at most 200 KB.

    .venv/bin/python bench/lighthouse.py                      # its own server and worker on a scratch database
    .venv/bin/python bench/lighthouse.py --base-url http://127.0.0.1:8000   # a running instance
    .venv/bin/python bench/lighthouse.py --desktop            # the desktop preset (default: mobile)
    .venv/bin/python bench/lighthouse.py --reports /tmp/lh    # also keep each run's JSON report there
    .venv/bin/python bench/lighthouse.py --pages all --runs 1 # every page of the navigation
    .venv/bin/python bench/lighthouse.py --only today,board   # only these pages (names as printed)

Against a running instance it signs up a throw-away account (registration must be open) and
hands Lighthouse that account's refresh cookie, so the signed-in pages are measured signed in.
The account's job is scored (by the worker) before anything is measured: pages are measured as
people see them, not while they poll for a score.
The web app must be built (web/dist) for the server to serve it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

LIGHTHOUSE = ROOT / "web" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = (("sign-in", "/signin", False), ("jobs", "/jobs", True), ("journey", "/journey", True))
# --pages all: every main page of the navigation, plus sign-up and the first-run setup
ALL_PAGES = (
    PAGES
    + tuple(
        (path.strip("/") or "today", path, True)
        for path in (
            "/",
            "/board",
            "/discover",
            "/sources",
            "/market",
            "/analytics",
            "/profile",
            "/documents",
            "/interview",
            "/settings",
            "/goals",
            "/decisions",
            "/context",
            "/skills",
            "/insights",
            "/recommendations",
            "/health",
            "/digests",
            "/calendar",
            "/welcome",
        )
    )
    + (("sign-up", "/signup", False),)
)
ATTEMPTS = 3  # Lighthouse now and then fails to record a trace (NO_NAVSTART): that run is made again
PASSWORD = "correct-Horse-42-battery"
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
FIRST_LOAD_KB = 200

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
SCORES = "query Scores { jobs(first: 10, orderBy: NEWEST) { edges { node { matchScore } } } }"
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
        # Measured as people see it, once the worker has scored the job (not while the page polls for it).
        for _ in range(600):
            edges = (await graphql(client, SCORES, {}, token))["jobs"]["edges"]
            if all(edge["node"]["matchScore"] is not None for edge in edges):
                break
            await asyncio.sleep(0.1)
        else:
            raise SystemExit("the job was not scored within a minute: is a worker running?")
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
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await lighthouse_once(url, cookie, desktop)
        except LighthouseFailed as failure:
            if attempt == ATTEMPTS:
                raise SystemExit(str(failure)) from None
            print(f"{'':<10} run again: {str(failure).splitlines()[-1][:160]}")
    raise AssertionError("unreachable")


class LighthouseFailed(Exception):
    pass


async def lighthouse_once(url: str, cookie: str | None, desktop: bool) -> dict:
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
            raise LighthouseFailed(f"lighthouse failed on {url}:\n{stderr.decode()[-2000:].strip()}")
        return json.loads(report.read_text())


def failing_audits(result: dict, category: str) -> list[str]:
    refs = result["categories"][category]["auditRefs"]
    audits = result["audits"]
    return [
        ref["id"]
        for ref in refs
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]


def diagnosis(result: dict) -> list[str]:
    """What Lighthouse says slows the page: its metrics, the LCP element, and the opportunities
    and diagnostics that cost time or bytes."""
    audits = result["audits"]
    metrics = ", ".join(
        f"{label} {audits[key]['displayValue']}"
        for label, key in (
            ("FCP", "first-contentful-paint"),
            ("LCP", "largest-contentful-paint"),
            ("TBT", "total-blocking-time"),
            ("CLS", "cumulative-layout-shift"),
            ("SI", "speed-index"),
        )
    )
    lines = [metrics]
    for item in audits.get("largest-contentful-paint-element", {}).get("details", {}).get("items", [])[:1]:
        node = (item.get("items") or [{}])[0].get("node", item.get("node", {}))
        if node:
            lines.append(f"LCP element: {node.get('snippet', '')[:120]}")
    for key, audit in audits.items():
        savings = (audit.get("details") or {}).get("overallSavingsMs") or 0
        if (
            audit.get("score") is not None
            and audit["score"] < 0.9
            and (savings >= 50 or audit.get("scoreDisplayMode") == "metricSavings")
        ):
            lines.append(f"{key}: {audit.get('displayValue', '')} {audit['title']}".strip())
    for item in audits["errors-in-console"].get("details", {}).get("items", [])[:3]:
        lines.append(f"console: {item.get('description', '')[:160]}")
    return lines


async def measure(base_url: str, desktop: bool, runs: int, reports: Path | None, pages: tuple = PAGES) -> None:
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse is not installed: run `cd web && npm ci`")
    from results import record

    username = await new_account(base_url)
    preset = "desktop" if desktop else "mobile"
    print(f"Lighthouse {preset} against {base_url}, median of {runs} run{'s' if runs > 1 else ''}")
    print(f"{'page':<10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'first load':>11}  below 100")
    for name, path, signed_in in pages:
        results = []
        for run in range(runs):
            cookie = await signed_in_cookie(base_url, username) if signed_in else None
            result = await lighthouse(base_url.rstrip("/") + path, cookie, desktop)
            if reports:
                reports.mkdir(parents=True, exist_ok=True)
                (reports / f"{preset}-{name}-{run + 1}.json").write_text(json.dumps(result))
            results.append(result)
        scores = {c: statistics.median(round(100 * (r["categories"][c]["score"] or 0)) for r in results) for c in CATEGORIES}
        weight = statistics.median(r["audits"]["total-byte-weight"]["numericValue"] / 1024 for r in results)
        every_run = "/".join(str(round(100 * (r["categories"]["performance"]["score"] or 0))) for r in results)
        below = {c: sorted({a for r in results for a in failing_audits(r, c)}) for c in CATEGORIES[1:]}
        notes = "; ".join(f"{c}: {', '.join(ids)}" for c, ids in below.items() if ids)
        print(
            f"{name:<10} {scores['performance']:>5g} {scores['accessibility']:>5g} {scores['best-practices']:>5g} "
            f"{scores['seo']:>5g} {weight:>8.0f} KB  perf of each run {every_run}{'; ' + notes if notes else ''}"
        )
        median_run = sorted(results, key=lambda r: r["categories"]["performance"]["score"] or 0)[len(results) // 2]
        for line in diagnosis(median_run):
            print(f"{'':<10} {line}")
        for category, target in TARGETS.items():
            record(f"lighthouse {preset} {name} {category}", scores[category], target, higher_is_better=True)
        record(f"lighthouse {preset} {name} first load", weight, FIRST_LOAD_KB, unit=" KB")


@contextlib.asynccontextmanager
async def worker_running() -> AsyncIterator[None]:
    """The default queue's arq worker in this process, as `python -m worker` runs it (it scores new jobs)."""
    from api import db
    from worker.lease import LeasedWorker
    from worker.main import worker_settings

    db.get_engine()  # the API's engine before the worker's start-up marks the process a worker
    settings = worker_settings()
    settings.pop("on_shutdown")  # the server shares the engine and pool with it in this process
    settings["cron_jobs"] = []
    task = asyncio.create_task(LeasedWorker(**settings, handle_signals=False, poll_delay=0.05).async_run())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="a running instance (default: start one on a scratch database)")
    parser.add_argument("--desktop", action="store_true", help="the desktop preset instead of the mobile default")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is reported (default 3)")
    parser.add_argument("--reports", type=Path, help="a folder to keep each run's JSON report in")
    parser.add_argument(
        "--pages", choices=("main", "all"), default="main", help="sign-in, jobs and journey (default), or every page"
    )
    parser.add_argument("--only", help="a comma-separated subset of the pages by the names printed (today, board, sign-in, ...)")
    args = parser.parse_args()
    pages = ALL_PAGES if args.pages == "all" else PAGES
    if args.only:
        wanted = {name.strip() for name in args.only.split(",") if name.strip()}
        unknown = wanted - {name for name, _, _ in ALL_PAGES}
        if unknown:
            parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
        pages = tuple(page for page in ALL_PAGES if page[0] in wanted)
    if args.base_url:
        await measure(args.base_url, args.desktop, args.runs, args.reports, pages)
        return

    from scratch import scratch_database

    async with scratch_database():
        from api.app import create_app
        from api.config import get_settings
        from tests.support.running import running_server

        get_settings.cache_clear()
        async with running_server(create_app()) as url, worker_running():
            await measure(url, args.desktop, args.runs, args.reports, pages)


if __name__ == "__main__":
    asyncio.run(main())
