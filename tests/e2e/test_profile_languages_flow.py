"""Spoken languages and years per skill, as a person sets them on the profile page and then sees
them matched in a job's score explanation."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.support.browser import add_job, go_to, screenshot, signed_up_and_in

pytestmark = pytest.mark.browser

TITLE = "Backend Engineer (Berlin)"
DESCRIPTION = "Requirements:\n- 5+ years of Python\n- Fluent German\n- PostgreSQL"


async def test_languages_and_skill_years_are_matched_in_the_score_explanation(page, page_errors, base_url, worker):
    # given: a signed-in person on the profile page
    await signed_up_and_in(page, "languages")
    await go_to(page, "Profile")
    form = page.get_by_role("form", name="Profile")
    await form.get_by_label("Skills", exact=True).fill("PostgreSQL")

    # when: they add German at B2 and French at A2, then take French off again
    for language, level in (("German", "B2"), ("French", "A2")):
        await form.get_by_label("Language", exact=True).fill(language)
        await form.get_by_label("Level", exact=True).select_option(level)
        await form.get_by_role("button", name="Add language").click()
    languages = form.get_by_role("list", name="Languages")
    await expect(languages.get_by_label("Level of French")).to_have_value("A2")
    await form.get_by_role("button", name="Remove French").click()
    await expect(languages.get_by_role("listitem")).to_have_count(1)
    # and six years of Python
    await form.get_by_label("Skill", exact=True).fill("Python")
    await form.get_by_label("Years", exact=True).fill("6")
    await form.get_by_role("button", name="Add years").click()
    await form.get_by_role("button", name="Save profile").click()
    await expect(form.get_by_text("Saved")).to_be_visible()

    # then: the profile keeps them (Python joined the skills) after a reload
    await page.reload()
    form = page.get_by_role("form", name="Profile")
    await expect(form.get_by_label("Level of German")).to_have_value("B2")
    await expect(form.get_by_label("Years of Python")).to_have_value("6")
    await expect(form.get_by_role("button", name="Remove Python")).to_be_visible()
    await screenshot(page, "profile-languages")

    # when: a job asks for fluent German and 5+ years of Python, and they open its score explanation
    await add_job(page, Company="Acme", Title=TITLE, Location="Berlin", Description=DESCRIPTION)
    card = page.get_by_role("article", name=TITLE)
    await expect(card.get_by_test_id("match-score")).to_have_text(re.compile(r"^\d+$"))
    await card.get_by_role("button", name="Why this score?").click()

    # then: both are matched
    explanation = card.get_by_role("region", name=f"Score explanation of {TITLE}")
    await expect(explanation).to_contain_text("Languages: it asks for German, which you speak.")
    await expect(explanation).to_contain_text("5+ years of Python asked, you have 6")
    await screenshot(page, "score-explanation-languages")


async def test_a_bad_years_figure_is_shown_next_to_its_field_and_nothing_is_saved(page, page_errors, base_url, worker):
    # given
    await signed_up_and_in(page, "badyears")
    await go_to(page, "Profile")
    form = page.get_by_role("form", name="Profile")
    # when
    await form.get_by_label("Total years of experience").fill("70")
    await form.get_by_role("button", name="Save profile").click()
    # then
    await expect(form.get_by_role("alert").filter(has_text="Years must be between 0 and 60")).to_be_visible()
    await page.reload()
    await expect(page.get_by_role("form", name="Profile").get_by_label("Total years of experience")).to_have_value("")
