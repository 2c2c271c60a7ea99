"""Coherent advice in a real browser: the Journey page keeps the role as typed and counts the
person's rated skills for the ladder's key skills; résumé suggestions accepted all at once and
dismissed; an interview answer shown beside its feedback, named as the offline engine's."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.support.ai import offline  # noqa: F401  (fixture: no model configured)
from tests.support.browser import go_to, screenshot, signed_up_and_in, upload_resume

pytestmark = pytest.mark.browser


async def rate(snapshot, skill: str, steps: int) -> None:
    """Add a skill at 0.5 and move it by ``steps`` x 0.05 with the keyboard."""
    await snapshot.get_by_role("button", name="Add skill").click()
    await snapshot.get_by_label("Skill name").last.fill(skill)
    slider = snapshot.get_by_label(f"Proficiency of {skill}")
    await slider.focus()
    for _ in range(abs(steps)):
        await slider.press("ArrowRight" if steps > 0 else "ArrowLeft")


async def test_journey_keeps_the_typed_role_and_counts_rated_skills(page, base_url, worker):
    await signed_up_and_in(page, "advice")
    # given a role typed as "Backend Engineer" and Python 0.8, AWS 0.5 rated
    await page.goto("/context")
    role_form = page.get_by_role("form", name="Career context")
    await role_form.get_by_label("Current role").fill("Backend Engineer")
    await role_form.get_by_role("button", name="Save", exact=True).click()
    await expect(role_form.get_by_text("Saved")).to_be_visible()
    await page.goto("/skills")
    snapshot = page.get_by_role("form", name="Skill snapshot")
    await rate(snapshot, "Python", 6)
    await expect(snapshot.get_by_label("Proficiency of Python")).to_have_value("0.8")
    await rate(snapshot, "AWS", 0)
    await snapshot.get_by_role("button", name="Save snapshot").click()
    await expect(page.get_by_role("status").filter(has_text="Snapshot saved")).to_be_visible()

    # when
    await go_to(page, "Journey")

    # then the typed role is shown, and the key skills count Python and AWS
    await expect(page.get_by_role("main")).to_contain_text("Backend Engineer")
    prediction = page.get_by_test_id("prediction")
    await expect(prediction).to_contain_text("Promotion to Senior Backend Engineer", timeout=30_000)
    await expect(prediction).not_to_contain_text("Software Engineer")
    keys = page.get_by_role("list", name="Key skill levels for Senior Backend Engineer")
    await expect(keys.get_by_role("listitem").filter(has_text="programming")).to_contain_text("0.80 of 0.80 · from Python")
    await expect(prediction).to_contain_text(re.compile(r"Key skills for Senior Backend Engineer: 1 of 6 met"))
    await expect(prediction).to_contain_text(re.compile(r"Readiness \d+%"))
    await screenshot(page, "advice-01-journey")


async def test_resume_suggestions_accept_all_and_dismiss(page, base_url, worker, offline):  # noqa: F811
    await signed_up_and_in(page, "advice")
    await go_to(page, "Profile")
    suggestions = await upload_resume(page)
    skills = suggestions.get_by_role("list", name="Suggested: Skills")
    await expect(skills).to_be_visible()
    # grouped by kind, with plural wording
    await expect(suggestions).not_to_contain_text("time(s)")

    # when one is dismissed, then the rest accepted all at once
    await skills.get_by_role("button", name="Dismiss skill Mockito", exact=True).click()
    await expect(skills.get_by_role("button", name="Accept skill Mockito", exact=True)).to_have_count(0)
    await expect(page.get_by_text("1 suggestion dismissed.")).to_be_visible()
    await page.get_by_role("button", name=re.compile(r"^Accept all \d+$")).click()

    # then every shown suggestion is added, and the profile has the skills
    await expect(suggestions.get_by_role("button", name=re.compile("^Accept "))).to_have_count(0)
    profile = page.get_by_role("form", name="Profile")
    for skill in ("Java", "Spring Boot"):
        await expect(profile.get_by_role("button", name=f"Remove {skill}", exact=True)).to_be_visible()
    await expect(profile.get_by_role("button", name="Remove Mockito", exact=True)).to_have_count(0)
    await screenshot(page, "advice-02-resume")


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)], ids=["laptop", "phone"])
async def test_interview_answer_beside_its_feedback(page, base_url, worker, offline, size):  # noqa: F811
    await page.set_viewport_size({"width": size[0], "height": size[1]})
    await signed_up_and_in(page, "advice")
    await go_to(page, "Interview")
    start = page.get_by_role("form", name="Start an interview")
    await start.get_by_label("Kind").select_option("GENERAL")
    await start.get_by_label("Questions").fill("1")
    await start.get_by_role("button", name="Start interview").click()

    # the offline engine is named as such; "Tell me about yourself" gets no technical hint
    await expect(page.get_by_test_id("engine-note")).to_contain_text("Offline engine")
    await expect(page.get_by_test_id("engine-note")).not_to_contain_text("written by the model")
    answer = page.get_by_role("form", name="Answer")
    await expect(answer.get_by_test_id("question")).to_contain_text("Tell me about yourself")
    await expect(answer).not_to_contain_text("trade-off")

    # when
    await answer.get_by_label("Your answer").fill("Hello")
    await answer.get_by_role("button", name="Submit answer").click()

    # then the answer is shown with the feedback on it, in the right words
    feedback = page.get_by_role("region", name="Feedback")
    await expect(feedback.get_by_test_id("your-answer")).to_have_text("Hello")
    await expect(feedback).to_contain_text("Length: 1 word, far too short")
    assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    await screenshot(page, f"advice-03-interview-{size[0]}")
