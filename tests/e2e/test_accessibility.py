"""Every page and every dialog, on a laptop (1440×900) and a phone (390×844), with seeded data:
axe-core (from web/node_modules, injected into the page) finds no serious or critical violation,
the page itself never scrolls sideways, and chart text renders at 11 px or more."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from playwright.async_api import expect

from tests.support.browser import browser_session, sign_in, sign_out, sign_up, unique_username
from tests.support.calendar import FEED_CREATE
from tests.support.career import create_goal, record_decision
from tests.support.channels import prefer
from tests.support.graphql import Session, db_id
from tests.support.jobs import PROFILE_UPDATE, create_application, create_job

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {"laptop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}

# Every signed-in route of web/src/pageTable.ts with the heading its page shows.
ROUTES = [
    ("/", "Today"),
    ("/jobs", "Jobs"),
    ("/board", "Board"),
    ("/discover", "Discover"),
    ("/sources", "Sources"),
    ("/market", "Skills & market"),
    ("/analytics", "Analytics"),
    ("/profile", "Profile"),
    ("/documents", "Documents"),
    ("/interview", "Interview practice"),
    ("/settings", "Settings"),
    ("/journey", "Journey"),
    ("/goals", "Goals"),
    ("/decisions", "Decisions"),
    ("/context", "Career context"),
    ("/skills", "Skill snapshot"),
    ("/insights", "Insights"),
    ("/recommendations", "Recommendations"),
    ("/health", "Career health"),
    ("/digests", "Digests"),
    ("/calendar", "Calendar feed"),
    ("/welcome?step=2", "Set up your companion"),
    ("/welcome?step=3", "Set up your companion"),
    ("/no-such-page", None),
]

MILESTONE_ADD = """
mutation M($input: MilestoneAddInput!) { milestoneAdd(input: $input) { errors { field message } } }
"""
SNAPSHOT_TAKE = """
mutation S($input: SkillSnapshotTakeInput!) { skillSnapshotTake(input: $input) { errors { field message } } }
"""
JOURNEY_UPDATE = """
mutation J($input: JourneyUpdateInput!) { journeyUpdate(input: $input) { errors { field message } } }
"""
PROGRESS_LOG = """
mutation P($input: GoalProgressLogInput!) { goalProgressLog(input: $input) { errors { field message } } }
"""
RECOMMENDATIONS_GENERATE = """
mutation R { careerRecommendationsGenerate(input: {}) { recommendations { id } errors { field message } } }
"""

# What the page reports: axe's serious and critical violations, sideways scrolling of the page,
# and SVG text drawn smaller than 11 px (font size times the SVG's scale on screen).
AUDIT = """
async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  const violations = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary) }));
  const root = document.scrollingElement || document.documentElement;
  const overflow = root.scrollWidth - window.innerWidth;
  // What sticks out: the outermost elements reaching past the right edge.
  const wide = [];
  if (overflow > 0) {
    for (const el of document.body.querySelectorAll("*")) {
      const parent = el.parentElement;
      if (el.getBoundingClientRect().right > window.innerWidth + 1 && parent && parent.getBoundingClientRect().right <= window.innerWidth + 1) {
        wide.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${Math.round(el.getBoundingClientRect().width)} px)`);
      }
    }
  }
  const tiny = [];
  for (const text of document.querySelectorAll("svg text")) {
    const box = text.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const matrix = text.getScreenCTM();
    const scale = matrix ? Math.hypot(matrix.a, matrix.b) : 1;
    const size = parseFloat(getComputedStyle(text).fontSize) * scale;
    if (size < 10.95) tiny.push(`${size.toFixed(1)}px "${text.textContent.slice(0, 30)}"`);
  }
  return { violations, overflow, wide: wide.slice(0, 5), tiny };
}
"""


async def seed(session: Session) -> None:
    """A person with a profile, jobs on the board, goals with progress, decisions and a journey."""
    profile = {"skills": ["Python", "PostgreSQL", "AWS"], "preferredLocations": ["Berlin"], "experienceLevel": "MID"}
    assert (await session.gql(PROFILE_UPDATE, {"input": profile}))["profileUpdate"]["errors"] == []
    stacks = [["Python", "PostgreSQL"], ["Python", "Go"], ["Java", "Kotlin"], ["Python"], ["Rust"]]
    statuses = ["INTERESTED", "APPLIED", "INTERVIEW", "OFFER", "APPLIED"]
    for index, (stack, status) in enumerate(zip(stacks, statuses, strict=True)):
        job = await create_job(
            session, company=f"Company {index}", title=f"Backend Engineer {index}", location="Berlin", techStack=stack
        )
        created = await create_application(session, job, status=status)
        assert created["errors"] == [], created
    journey = {"currentRole": "Software Engineer", "targetRole": "Senior Software Engineer", "roleStartedOn": "2023-06-30"}
    assert (await session.gql(JOURNEY_UPDATE, {"input": journey}))["journeyUpdate"]["errors"] == []
    goal = await create_goal(session, title="Learn Rust", steps=["Read the book", "Build a CLI"])
    logged = await session.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "minutes": 30, "note": "ch. 4"}})
    assert logged["goalProgressLog"]["errors"] == []
    await record_decision(session)
    milestone = {"kind": "CERTIFICATION", "title": "Rust course certificate", "achievedOn": "2025-03-01"}
    assert (await session.gql(MILESTONE_ADD, {"input": milestone}))["milestoneAdd"]["errors"] == []
    for taken_on, level in (("2025-01-15", 0.4), ("2026-01-15", 0.6)):
        skills = [{"skill": "Python", "proficiency": level + 0.2}, {"skill": "Rust", "proficiency": level}]
        snapshot = await session.gql(SNAPSHOT_TAKE, {"input": {"skills": skills, "takenOn": taken_on}})
        assert snapshot["skillSnapshotTake"]["errors"] == []
    recommendations = (await session.gql(RECOMMENDATIONS_GENERATE))["careerRecommendationsGenerate"]
    assert recommendations["errors"] == [] and recommendations["recommendations"], recommendations
    assert (await session.gql(FEED_CREATE))["calendarFeedCreate"]["errors"] == []
    await prefer(db_id(session.user_id), webhook_url="https://hooks.example.com/career", webhook_secret="s" * 32)


async def settled(page) -> None:
    """Nothing on the page is still loading (no spinner), fonts are ready and no animation runs
    (a dialog fading in would be measured half transparent)."""
    await page.wait_for_function(
        """() => !document.querySelector('.loading, [aria-busy=true]') && document.fonts.status === 'loaded'
            && document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)"""
    )


async def open_dialog(page, button: str | re.Pattern, dialog: str, scope: str = "main"):
    """Click the button as a person would; the dialog opens. Returns the button (focus goes back to it)."""
    container = page.get_by_role("banner") if scope == "banner" else page.get_by_role("main")
    opener = container.get_by_role("button", name=button).first
    await opener.click()
    await expect(page.get_by_role("dialog", name=dialog)).to_be_visible()
    return opener


async def open_board_card(page):
    opener = page.get_by_role("main").get_by_role("button", name="Backend Engineer 1").first
    await opener.click()
    await expect(page.get_by_role("dialog")).to_be_visible()
    return opener


async def open_job_page_edit(page):
    """The edit dialog on a job's own page (the job is on the board: status, follow-up, interviews)."""
    await page.get_by_role("main").get_by_role("link", name="Backend Engineer 1", exact=True).first.click()
    await expect(page.get_by_role("heading", level=1, name="Backend Engineer 1")).to_be_visible()
    await settled(page)
    return await open_dialog(page, "Edit job", "Edit job")


# Each dialog, modal and confirmation of the app: the page it lives on, and how a person opens it.
DIALOGS: list[tuple[str, str, Callable[..., Awaitable]]] = [
    ("/jobs", "Add a job", lambda page: open_dialog(page, "Add job", "Add a job")),
    ("/jobs", "Edit job", lambda page: open_dialog(page, "Edit Backend Engineer 1 at Company 1", "Edit job")),
    ("/jobs", "Delete this job?", lambda page: open_dialog(page, re.compile("^Delete "), "Delete this job?")),
    ("/jobs", "Edit job (job page)", open_job_page_edit),
    ("/board", "Application", open_board_card),
    ("/discover", "Import a job", lambda page: open_dialog(page, "Import", "Import a job")),
    ("/goals", "New goal", lambda page: open_dialog(page, "New goal", "New goal")),
    ("/goals", "Log progress", lambda page: open_dialog(page, "Log progress", "Log progress", "banner")),
    ("/goals", "Log progress (goal)", lambda page: open_dialog(page, "Log progress", "Log progress")),
    ("/goals", "Adapt this goal?", lambda page: open_dialog(page, "Adapt difficulty", "Adapt this goal?")),
    ("/decisions", "How did it turn out?", lambda page: open_dialog(page, "Record outcome", "How did it turn out?")),
    ("/journey", "Add a milestone", lambda page: open_dialog(page, "Add milestone", "Add a milestone")),
    (
        "/recommendations",
        "Accept this recommendation?",
        lambda page: open_dialog(page, re.compile("^Accept: "), "Accept this recommendation?"),
    ),
    (
        "/recommendations",
        "Decline this recommendation?",
        lambda page: open_dialog(page, re.compile("^Decline: "), "Decline this recommendation?"),
    ),
    ("/calendar", "Revoke the calendar feed?", lambda page: open_dialog(page, "Revoke", "Revoke the calendar feed?")),
    (
        "/calendar",
        "Regenerate the feed address?",
        lambda page: open_dialog(page, "Regenerate address", "Regenerate the feed address?"),
    ),
    ("/settings", "Rotate the webhook secret?", lambda page: open_dialog(page, "Rotate", "Rotate the webhook secret?")),
    ("/settings", "Delete your account?", lambda page: open_dialog(page, "Delete account…", "Delete your account?")),
]

FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

# A modal dialog keeps focus inside it: where focus is, and whether that is inside the open dialog.
FOCUS = """() => {
  const active = document.activeElement;
  return { inside: !!active?.closest("dialog[open]"), what: active ? active.outerHTML.slice(0, 120) : "nothing" };
}"""


async def assert_focus_stays_in(page, where: str) -> None:
    """Focus starts in the dialog, and Tab and Shift+Tab keep it there (a full round each way)."""
    count = await page.locator("dialog[open]").evaluate(f"(dialog) => dialog.querySelectorAll('{FOCUSABLE}').length")
    focus = await page.evaluate(FOCUS)
    assert focus["inside"], f"{where}: focus is not in the dialog when it opens but on {focus['what']}"
    for key in ["Tab"] * (count + 1) + ["Shift+Tab"] * (count + 1):
        await page.keyboard.press(key)
        focus = await page.evaluate(FOCUS)
        assert focus["inside"], f"{where}: {key} moved focus out of the dialog to {focus['what']}"


def report(problems: dict[str, dict]) -> str:
    """One line per finding: where, what, and the first elements it concerns."""
    lines = []
    for where, found in problems.items():
        for violation in found.get("violations", []):
            lines.append(f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}")
            lines.extend(f"    {node}" for node in violation["nodes"])
        if found.get("tiny"):
            lines.append(f"{where}: chart text under 11 px: {', '.join(found['tiny'][:8])}")
        if found.get("overflow"):
            lines.append(f"{where}: {found['overflow']}")
    return "\n".join(lines)


@pytest.mark.parametrize("size", list(SIZES))
async def test_every_page_and_dialog_is_accessible_and_fits(context, page, client, worker, size):
    assert AXE.is_file(), "axe-core is not installed: run `cd web && npm ci`"
    await context.add_init_script(path=str(AXE))
    await page.set_viewport_size(SIZES[size])
    problems: dict[str, dict] = {}

    async def audit(where: str) -> None:
        await settled(page)
        found = await page.evaluate(AUDIT)
        entry = {key: found[key] for key in ("violations", "tiny") if found[key]}
        if found["overflow"] > 0:
            entry["overflow"] = f"the page scrolls {found['overflow']} px sideways: {', '.join(found['wide'])}"
        if entry:
            problems[where] = entry

    # Signed out: the sign-up and sign-in pages.
    username = unique_username("a11y")
    await page.goto("/signup")
    await expect(page.get_by_role("form", name="Sign up")).to_be_visible()
    await audit("/signup")
    await sign_up(page, username)
    await audit("/welcome")
    await sign_out(page)
    await audit("/signin")
    await sign_in(page, username)

    stored = await browser_session(page)
    await seed(Session(client, token=stored["accessToken"], user_id=stored["userId"]))

    for path, heading in ROUTES:
        await page.goto(path)
        if heading:
            await expect(page.get_by_role("heading", level=1, name=heading, exact=True)).to_be_visible()
        else:
            await expect(page.get_by_role("heading", level=1)).to_be_visible()
        await audit(path)

    for path, name, opener in DIALOGS:
        await page.goto(path)
        await expect(page.get_by_role("heading", level=1)).to_be_visible()
        await settled(page)
        button = await opener(page)
        await audit(f"{path} · dialog {name}")
        await assert_focus_stays_in(page, f"{path} · dialog {name}")
        # Escape closes it and focus goes back to what opened it.
        await page.keyboard.press("Escape")
        await expect(page.get_by_role("dialog")).to_have_count(0)
        await expect(button).to_be_focused()

    assert problems == {}, f"at {size} size:\n{report(problems)}"
