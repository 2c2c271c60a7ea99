"""Start frames on a phone: every page of web/src/lib/frames.ts shows its header (title and intro)
while the app is still on its way, and the page that replaces it has the same header in the same
place (no second largest paint, no shift); what the page's data brings later is no larger than the
intro line and pushes nothing down, so the intro stays the page's largest paint."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from playwright.async_api import expect

from tests.support.browser import add_job, signed_up_and_in

pytestmark = pytest.mark.browser

WEB_SRC = Path(__file__).resolve().parents[2] / "web" / "src"
FRAMES_FILE = WEB_SRC / "lib" / "frames.ts"
PHONE = {"width": 390, "height": 844}
LIGHTHOUSE_PHONE = {"width": 412, "height": 823}  # the screen of bench/lighthouse.py's mobile preset
# Every largest-contentful-paint candidate (with its text, read when reported: the start frame's
# elements are gone by the end) and the layout shifts of the load.
RECORD_PAINTS = """
window.__largest = [];
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__largest.push(entry.element ? entry.element.textContent : null);
}).observe({ type: "largest-contentful-paint", buffered: true });
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
}).observe({ type: "layout-shift", buffered: true });
"""
# the app's chunk (vite.config.ts chunkGroups): held back, start-up cannot get past the frame
APP_CHUNK = re.compile(r"/assets/app-[^/]*\.js$")


def frames() -> list[tuple[str, str, str]]:
    """(address, title, intro) of every frame of lib/frames.ts; "today" is the index, "/"."""
    found = re.findall(r'^  (\w+): \{\s*title: "([^"]+)",\s*intro: "([^"]+)"', FRAMES_FILE.read_text(), re.M)
    assert len(found) > 15, found
    return [("/" if key == "today" else f"/{key}", title, intro) for key, title, intro in found]


def held_until(release: asyncio.Event):
    """A route handler that lets its request go once `release` is set."""

    async def hold(route) -> None:
        await release.wait()
        await route.continue_()

    return hold


async def header_box(page, title: str) -> dict:
    heading = page.get_by_role("heading", level=1, name=title, exact=True)
    await expect(heading).to_be_visible()
    box = await heading.bounding_box()
    assert box is not None
    return box


def test_every_page_without_a_needed_parameter_has_a_frame():
    routes = re.findall(r'^\s*\["([^"]+)", "[^"]+", page\(', (WEB_SRC / "pageTable.ts").read_text(), re.M)
    pages = {"/"} | {"/" + path.partition("/:")[0] for path in routes if "/:" not in path or path.endswith("?")}
    assert len(pages) > 15, pages
    assert pages == {address for address, _, _ in frames()}


async def test_every_frame_shows_its_header_before_the_app_and_the_page_keeps_it_in_place(page, base_url):
    await page.set_viewport_size(PHONE)
    await signed_up_and_in(page, "frames")
    intro = page.locator("main h1 + p")
    main_nav = page.get_by_role("navigation", name="Main")

    for address, title, words in frames():
        release = asyncio.Event()
        hold = held_until(release)
        await page.route(APP_CHUNK, hold)
        # given: a signed-in person opens the address while the app's chunk has not arrived
        await page.goto(address, wait_until="commit")

        # then: the frame shows the page's title and intro, without the app (no navigation yet)
        framed = await header_box(page, title)
        await expect(intro).to_have_text(words)
        await expect(page.get_by_role("status").filter(has_text="Loading…")).to_be_visible()
        assert await main_nav.count() == 0, address

        # when: the app arrives, then: the page has the same header in the same place
        release.set()
        await expect(main_nav).to_be_visible()
        await page.unroute(APP_CHUNK, hold)
        await expect(intro).to_have_text(words)
        shown = await header_box(page, title)
        assert (round(shown["x"]), round(shown["y"]), round(shown["width"])) == (
            round(framed["x"]),
            round(framed["y"]),
            round(framed["width"]),
        ), address


async def test_what_a_new_accounts_data_brings_is_no_larger_than_the_intro_and_moves_nothing(page, base_url):
    # given: a new account with a job (as bench/lighthouse.py measures), on Lighthouse's phone
    await page.set_viewport_size(LIGHTHOUSE_PHONE)
    await signed_up_and_in(page, "largest")
    await add_job(page, Company="Acme", Title="Backend Engineer")
    await page.add_init_script(RECORD_PAINTS)

    for address, _, intro in frames():
        # when: the page is loaded and has its data (empty states, statuses, charts)
        await page.goto(address)
        await page.wait_for_load_state("networkidle")
        await expect(page.locator("main .loading")).to_have_count(0)  # no "Loading…" left

        # then: the intro line is still the largest paint, and the layout barely moved (Lighthouse's "good")
        largest = await page.evaluate("window.__largest")
        assert largest and largest[-1] == intro, (address, largest)
        assert sum(await page.evaluate("window.__shifts")) < 0.1, address
