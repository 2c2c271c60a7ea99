"""Browser fixtures for end-to-end tests of the built web app (web/dist).

Chromium is the system one (env CHROMIUM_PATH, else `chromium` on PATH); it is never
downloaded. Without it the browser tests skip, or fail when REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS_ON_FAILURE = Path(__file__).resolve().parent / "screenshots"
WEB_DIST = ROOT / "web" / "dist"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-gpu",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


def _unavailable(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator:
    path = chromium_path()
    if not path:
        _unavailable("Chromium not found (set CHROMIUM_PATH or install chromium)")
    if not (WEB_DIST / "index.html").exists() or not (WEB_DIST / "assets").exists():
        pytest.fail("web/dist is not built: run `cd web && npm install && npm run build` first")
    try:
        from playwright.async_api import async_playwright
    except ImportError:  # pragma: no cover - depends on the environment
        _unavailable("Python Playwright is not installed")
    async with async_playwright() as playwright:
        instance = await playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        try:
            yield instance
        finally:
            await instance.close()


# Every page reports what the Content-Security-Policy refused (Chromium also logs it as a console error).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`);
});
"""


@dataclass
class PageErrors:
    """Uncaught exceptions in the page and Content-Security-Policy violations: a test fails on any."""

    errors: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: {exc}"))
        page.on("console", lambda message: self._console(page, message))

    def _console(self, page, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(f"{page.url}: {message.text}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


async def screenshot_failure(item, ctx) -> None:
    """A failed browser test leaves a screenshot of each page it had open in tests/e2e/screenshots/
    (git-ignored), unless that file exists already."""
    report = getattr(item, "report_call", None)
    if report is None or not report.failed:
        return
    SCREENSHOTS_ON_FAILURE.mkdir(exist_ok=True)
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in item.nodeid.split("::", 1)[-1])
    for index, tab in enumerate(ctx.pages):
        path = SCREENSHOTS_ON_FAILURE / f"{name}{f'-{index}' if index else ''}.png"
        if path.exists():
            continue
        try:
            await tab.screenshot(path=str(path), full_page=True, animations="disabled", timeout=5_000)
        except Exception as error:  # a crashed or closed page: the test's own failure says more
            print(f"no screenshot of {tab.url}: {error}")
        else:
            print(f"screenshot of {tab.url}: {path}")


@pytest.fixture
async def context(browser, base_url, request):
    ctx = await browser.new_context(
        base_url=base_url, viewport={"width": 1440, "height": 900}, timezone_id="Europe/Berlin", locale="en-GB"
    )
    ctx.set_default_timeout(15_000)
    await ctx.add_init_script(CSP_LISTENER)
    try:
        yield ctx
    finally:
        await screenshot_failure(request.node, ctx)
        await ctx.close()


@pytest.fixture
async def page_errors() -> AsyncIterator[PageErrors]:
    errors = PageErrors()
    yield errors
    assert errors.errors == [], errors.errors


@pytest.fixture
async def page(request, context, page_errors):
    tab = await context.new_page()
    page_errors.watch(tab)
    yield tab  # a failed test leaves screenshots of its pages (the `context` fixture)
