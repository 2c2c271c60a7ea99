"""AI assistance as a person uses it in a real browser (offline engine): upload a résumé and
accept its suggestions, generate a cover letter and watch it being written, edit and export it,
then a three-question mock interview with its summary and the score chart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import expect

from tests.support.ai import offline  # noqa: F401  (fixture: no model configured)
from tests.support.browser import add_job, go_to, screenshot, signed_up_and_in
from tests.support.pdfs import FIXTURES

pytestmark = pytest.mark.browser

STAR_ANSWER = (
    "At my previous company our team had a release deadline in 2 weeks and the payment service kept failing. "
    "My task was to find the cause before launch. I analyzed the logs, then I wrote a load test and fixed a connection leak "
    "in the PostgreSQL pool. As a result we shipped on time and errors dropped by 90%, and I learned to test early."
)


async def test_resume_cover_letter_and_mock_interview(page, base_url, worker, offline):  # noqa: F811
    await signed_up_and_in(page, "ai")

    # Profile: upload a résumé, watch it being parsed, accept two of its suggestions.
    await go_to(page, "Profile")
    upload = page.get_by_role("form", name="Upload résumé")
    await upload.get_by_label("Résumé file").set_input_files(str(FIXTURES / "john_doe.pdf"))
    await upload.get_by_role("button", name="Upload résumé").click()
    status = page.get_by_test_id("resume-status")
    await expect(status.get_by_role("status").filter(has_text="Parsed")).to_be_visible(timeout=40_000)
    suggestions = page.get_by_role("group", name="Suggested profile changes")
    await suggestions.get_by_role("button", name="Accept skill Java", exact=True).click()
    await suggestions.get_by_role("button", name="Accept skill Spring Boot", exact=True).click()
    await expect(suggestions.get_by_text("✓ Added")).to_have_count(2)
    profile = page.get_by_role("form", name="Profile")
    for skill in ("Java", "Spring Boot"):
        await expect(profile.get_by_role("button", name=f"Remove {skill}")).to_be_visible()
    await screenshot(page, "ai-01-resume")

    # A job to write for.
    await add_job(
        page,
        Company="Acme Robotics",
        Title="Senior Backend Engineer",
        Location="Berlin",
        **{"Tech stack": "Java, Spring Boot, Kubernetes"},
    )

    # Documents: an enthusiastic cover letter, written live.
    await go_to(page, "Documents")
    await expect(page.get_by_role("heading", level=1, name="Documents")).to_be_visible()
    await expect(page.get_by_role("note").get_by_text("Offline engine")).to_be_visible()
    form = page.get_by_role("form", name="New document")
    await form.get_by_label("Document").select_option("COVER_LETTER")
    await form.get_by_label("Job").select_option(label="Senior Backend Engineer — Acme Robotics")
    await form.get_by_label("Tone").select_option("ENTHUSIASTIC")
    await form.get_by_role("button", name="Generate").click()
    await expect(page).to_have_url(re.compile(r"/documents/[^/?]+$"))
    # the text arrives in pieces while the status says it is being written
    await page.wait_for_function(
        "() => Number(document.querySelector('[data-testid=document-text][data-streaming=true]')?.dataset.chunks || 0) >= 3"
    )
    await expect(page.get_by_test_id("document-status")).to_have_text("Writing…")
    await screenshot(page, "ai-02-streaming")
    await expect(page.get_by_test_id("document-status")).to_have_text("Ready", timeout=20_000)
    text = page.get_by_test_id("document-text")
    await expect(text).to_contain_text("Acme Robotics")
    await expect(text).to_contain_text("Senior Backend Engineer")
    await expect(page.get_by_role("article").get_by_text("Offline engine", exact=True)).to_be_visible()

    # Edit: a new version.
    await page.get_by_role("button", name="Edit").click()
    edit = page.get_by_role("form", name="Edit document")
    await edit.get_by_label("Document text").fill(
        "Dear Acme Robotics team,\n\nI would love to build robot fleets with you.\n\nAda"
    )
    await edit.get_by_role("button", name="Save as new version").click()
    await expect(text).to_contain_text("I would love to build robot fleets with you.")
    await expect(page.get_by_role("region", name="Versions")).to_contain_text("Version 2 · edited by you")

    # Export as Markdown: the edited text is what downloads.
    async with page.expect_download() as info:
        await page.get_by_role("button", name="Export Markdown").click()
    download = await info.value
    assert download.suggested_filename == "cover-letter-senior-backend-engineer-at-acme-robotics.md"
    content = Path(await download.path()).read_text(encoding="utf-8")
    assert "I would love to build robot fleets with you." in content
    await screenshot(page, "ai-03-document")

    # Mock interview: three behavioral questions, feedback after each, then the summary.
    await go_to(page, "Interview")
    start = page.get_by_role("form", name="Start an interview")
    await start.get_by_label("Kind").select_option("BEHAVIORAL")
    await start.get_by_label("Questions").fill("3")
    await start.get_by_role("button", name="Start interview").click()
    for number in (1, 2, 3):
        answer = page.get_by_role("form", name="Answer")
        await expect(answer.get_by_text(f"Question {number} of 3")).to_be_visible()
        await answer.get_by_label("Your answer").fill(STAR_ANSWER)
        await answer.get_by_role("button", name="Submit answer").click()
        feedback = page.get_by_role("region", name="Feedback")
        await expect(feedback.get_by_test_id("answer-score")).to_have_text(re.compile(r"^\d+/10$"))
        await expect(feedback).to_contain_text("STAR structure: found situation, task, action, result; complete.")
        if number < 3:
            await page.get_by_role("button", name="Next question").click()
    await page.get_by_role("button", name="End interview").click()
    summary = page.get_by_role("region", name="Interview summary")
    await expect(summary.get_by_test_id("overall-score")).to_have_text(re.compile(r"Overall score \d+(\.\d)?/10"))
    await expect(summary).to_contain_text("Consistent STAR structure in behavioral answers.")
    await expect(page.get_by_role("img", name=re.compile(r"Interview scores over time: 1 session, "))).to_be_visible()
    await screenshot(page, "ai-04-interview")

    # Settings: the offline engine is named, and today's usage is shown.
    await page.get_by_role("button", name=re.compile("^Account")).click()
    await page.get_by_role("link", name="Settings").click()
    await expect(page.get_by_test_id("model-status")).to_contain_text("Offline engine")
    await expect(page.get_by_test_id("token-usage")).to_contain_text("0 of 200,000 tokens")
