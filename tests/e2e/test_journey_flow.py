"""Career memory in a real browser: a goal with steps, progress logged from the shell, a decision
and its outcome, a skill snapshot and a milestone, then the journey timeline and skills chart
drawn from that data (with the worker's prediction ahead of today)."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.support.browser import go_to, screenshot, signed_up_and_in

pytestmark = pytest.mark.browser

GOAL = "Learn Rust"
DECISION = "Focus on Rust this quarter"


async def test_goal_progress_decision_and_journey_charts(page, base_url, worker):
    await signed_up_and_in(page, "journey")

    # Where you are: a role on the ladder, so a next milestone can be predicted.
    await page.goto("/context")
    role_form = page.get_by_role("form", name="Career context")
    await role_form.get_by_label("Current role").fill("Software Engineer")
    await role_form.get_by_label("Next target role").fill("Senior Software Engineer")
    await role_form.get_by_role("button", name="Save", exact=True).click()
    await expect(role_form.get_by_text("Saved")).to_be_visible()
    await screenshot(page, "journey-context")

    # A goal with two steps.
    await go_to(page, "Goals")
    await expect(page.get_by_role("heading", level=1, name="Goals")).to_be_visible()
    await page.get_by_role("button", name="New goal").click()
    dialog = page.get_by_role("dialog", name="New goal")
    await dialog.get_by_label("Title", exact=True).fill(GOAL)
    await dialog.get_by_label("Step 1", exact=True).fill("Read the book")
    await dialog.get_by_label("Step 2", exact=True).fill("Build a CLI")
    await dialog.get_by_role("button", name="Create goal").click()
    await expect(dialog).to_be_hidden()
    progress = page.get_by_role("progressbar", name=f"{GOAL} progress")
    await expect(progress).to_have_attribute("aria-valuenow", "0")

    # Ticking a step moves the bar.
    await page.get_by_role("checkbox", name="Read the book").check()
    await expect(progress).to_have_attribute("aria-valuenow", "50")

    # Log progress from the shell: 30 minutes, in a good mood.
    await page.get_by_role("banner").get_by_role("button", name="Log progress").click()
    log = page.get_by_role("dialog", name="Log progress")
    await expect(log.get_by_label("Goal", exact=True)).to_have_value(re.compile(".+"))
    await log.get_by_label("Minutes").fill("30")
    await log.get_by_label("Note").fill("Chapter 4, ownership finally clicked")
    await log.get_by_label("Mood").select_option("4")
    await log.get_by_role("button", name="Log progress").click()
    await expect(log).to_be_hidden()
    await expect(page.get_by_role("status").filter(has_text="Progress logged")).to_be_visible()
    card = page.get_by_test_id("goal-card").filter(has_text=GOAL)
    await expect(card).to_contain_text("2 recent entries, 30 min")
    await expect(page.get_by_test_id("progress-streak")).to_contain_text("Streak: 1 day")
    await screenshot(page, "journey-01-goals")

    # A decision now, its outcome later (the journal is linked from the journey).
    await go_to(page, "Journey")
    await page.get_by_role("main").get_by_role("link", name="Decisions").first.click()
    await expect(page.get_by_role("heading", level=1, name="Decisions")).to_be_visible()
    form = page.get_by_role("form", name="Record a decision")
    await form.get_by_label("Kind").select_option("SKILL_FOCUS")
    await form.get_by_label("What led to it").fill("Backend roles I want ask for Rust")
    await form.get_by_label("Your choice").fill(DECISION)
    await form.get_by_role("button", name="Record decision").click()
    entry = page.get_by_role("list", name="Decisions").get_by_role("article", name=DECISION)
    await expect(entry).to_be_visible()
    await entry.get_by_role("button", name="Record outcome").click()
    outcome = page.get_by_role("dialog", name="How did it turn out?")
    await outcome.get_by_label("Outcome", exact=True).fill("Got a Rust service to own at work")
    await outcome.get_by_label("Lessons learned").fill("Start with a small CLI")
    await outcome.get_by_label("Satisfaction (1–10)").fill("8")
    await outcome.get_by_role("button", name="Save outcome").click()
    await expect(outcome).to_be_hidden()
    await expect(entry.get_by_test_id("satisfaction")).to_have_text("8")
    await screenshot(page, "journey-02-decisions")

    # A skill snapshot: Rust at 0.6 (0.5 and two steps of 0.05 with the keyboard).
    await page.goto("/skills")
    snapshot = page.get_by_role("form", name="Skill snapshot")
    await snapshot.get_by_role("button", name="Add skill").click()
    await snapshot.get_by_label("Skill name").fill("Rust")
    slider = snapshot.get_by_label("Proficiency of Rust")
    await slider.focus()
    await slider.press("ArrowRight")
    await slider.press("ArrowRight")
    await expect(slider).to_have_value("0.6")
    await snapshot.get_by_role("button", name="Save snapshot").click()
    await expect(page.get_by_role("status").filter(has_text="Snapshot saved")).to_be_visible()
    await screenshot(page, "journey-skills")

    # The journey: a milestone, then the timeline and the skills chart drawn from the data.
    await go_to(page, "Journey")
    await expect(page.get_by_role("heading", level=1, name="Journey")).to_be_visible()
    await page.get_by_role("button", name="Add milestone").click()
    milestone = page.get_by_role("dialog", name="Add a milestone")
    await milestone.get_by_label("Kind").select_option("CERTIFICATION")
    await milestone.get_by_label("Title", exact=True).fill("Rust course certificate")
    await milestone.get_by_role("button", name="Add milestone").click()
    await expect(milestone).to_be_hidden()

    timeline = page.get_by_test_id("timeline")
    await expect(timeline.locator("g[data-kind=decision]")).to_have_count(1)
    await expect(timeline.locator("g[data-kind=decision]")).to_contain_text(DECISION)
    await expect(timeline.locator("g[data-kind=milestone]")).to_have_count(1)
    await expect(timeline.locator("g[data-kind=milestone]")).to_contain_text("Rust course certificate")
    await expect(timeline.locator("g[data-kind=today] line")).to_have_count(1)
    await expect(timeline.locator("g[data-kind=role]")).to_contain_text("Software Engineer")
    # The worker's prediction is drawn ahead of today.
    predicted = timeline.get_by_test_id("predicted-milestone")
    await expect(predicted).to_contain_text("Next: Promotion to Senior Software", timeout=30_000)
    today_x = float(await timeline.locator("g[data-kind=today] line").get_attribute("x1"))
    predicted_x = float(await predicted.locator("circle").get_attribute("cx"))
    assert predicted_x > today_x

    chart = page.get_by_test_id("skills-chart")
    await expect(chart.locator("g[data-skill=Rust] circle")).to_have_count(1)
    await expect(page.get_by_role("list", name="Skills")).to_contain_text("Rust")
    await expect(page.get_by_test_id("prediction")).to_contain_text("Promotion to Senior Software Engineer")
    await screenshot(page, "journey-03-timeline")
