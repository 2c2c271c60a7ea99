"""Per-user limits as a person meets them in a real browser: past the generation limit the New
document form says how many are allowed and when to try again, and nothing is created."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.support.ai import offline  # noqa: F401  (fixture: no model configured)
from tests.support.browser import add_job, go_to, screenshot, signed_up_and_in

pytestmark = pytest.mark.browser


async def test_past_the_generation_limit_the_form_says_when_to_try_again(page, base_url, worker, offline, monkeypatch):  # noqa: F811
    from api.config import get_settings

    monkeypatch.setattr(get_settings(), "rate_limit_generations", 1)
    await signed_up_and_in(page, "limits")
    await add_job(page, Company="Acme Robotics", Title="Senior Backend Engineer", Location="Berlin")

    # The first cover letter is written.
    await go_to(page, "Documents")
    form = page.get_by_role("form", name="New document")
    await form.get_by_label("Job").select_option(label="Senior Backend Engineer — Acme Robotics")
    await form.get_by_role("button", name="Generate").click()
    await expect(page).to_have_url(re.compile(r"/documents/[^/?]+$"))
    await expect(page.get_by_test_id("document-status")).to_have_text("Ready", timeout=20_000)

    # A second one within the window is refused with when to try again.
    await go_to(page, "Documents")
    form = page.get_by_role("form", name="New document")
    await form.get_by_label("Job").select_option(label="Senior Backend Engineer — Acme Robotics")
    await form.get_by_label("Document").select_option("EMAIL_FOLLOW_UP")
    await form.get_by_role("button", name="Generate").click()
    await expect(form.get_by_role("alert")).to_have_text("At most 1 generation every 10 minutes; try again in 10 minutes.")
    await screenshot(page, "limits-01-generation")
