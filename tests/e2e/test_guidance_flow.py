"""The companion that speaks first, as a person uses it in a real browser: the grouped navigation,
career recommendations accepted and declined, and the career health report with its chart."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.async_api import expect
from sqlalchemy import update

from api.db import unit_of_work
from api.guidance import evaluation
from api.models import Goal, GoalProgressEntry, Notification, User
from tests.support.browser import add_job, browser_session, go_to, screenshot, set_profile, signed_up_and_in
from tests.support.career import create_goal
from tests.support.graphql import Session, db_id
from tests.support.insights import check_in_actions, seed_insight
from tests.support.jobs import PROFILE_UPDATE, create_job
from tests.support.waiting import eventually

pytestmark = pytest.mark.browser

JOBS = "query Jobs($first: Int!) { jobs(first: $first) { edges { node { matchScore } } } }"


async def api_session(page, client) -> Session:
    """The browser's own session, for seeding through the API."""
    stored = await browser_session(page)
    return Session(client, token=stored["accessToken"], user_id=stored["userId"])


async def alert_about(user_id: int, insight_id: int, title: str) -> None:
    """The live notification a high or urgent insight raises, as stored."""
    async with unit_of_work() as session:
        session.add(
            Notification(
                user_id=user_id, kind="insight", title=title, body="", insight_id=insight_id, dedupe_key=f"test:{insight_id}"
            )
        )


async def evaluate(user: Session) -> None:
    """The rule evaluation the worker runs for the person (hourly, or after an event), run now."""
    async with unit_of_work() as session:
        await evaluation.evaluate_users(session, [db_id(user.user_id)], datetime.now(UTC))


async def went_quiet(user: Session, goal_id: str, *, started_days_ago: int, logged_days_ago: int) -> None:
    """A goal started weeks ago whose last progress was logged long ago."""
    now = datetime.now(UTC)
    async with unit_of_work() as session:
        await session.execute(
            update(Goal)
            .where(Goal.id == db_id(goal_id))
            .values(started_on=(now - timedelta(days=started_days_ago)).date(), progress=10)
        )
        session.add(
            GoalProgressEntry(
                user_id=db_id(user.user_id),
                goal_id=db_id(goal_id),
                logged_at=now - timedelta(days=logged_days_ago),
                amount=10,
                minutes=45,
            )
        )


def day_shown(day: date) -> str:
    """A day as the app shows it in an en-GB browser ("15 Feb 2027"; September is "Sept")."""
    month = "Sept" if day.month == 9 else day.strftime("%b")
    return f"{day.day} {month} {day.year}"


async def test_grouped_navigation_by_keyboard_and_on_a_phone(context, page, base_url, worker):
    # given a signed-in person on Today
    await signed_up_and_in(page, "nav")
    nav = page.get_by_role("navigation", name="Main")
    career = nav.get_by_role("button", name="Career")

    # when they open the Career group with the keyboard
    await career.focus()
    await page.keyboard.press("ArrowDown")

    # then the group is expanded with its first link focused; arrows move, Escape closes
    await expect(career).to_have_attribute("aria-expanded", "true")
    await expect(nav.get_by_role("link", name="Journey")).to_be_focused()
    await page.keyboard.press("ArrowDown")
    await expect(nav.get_by_role("link", name="Goals")).to_be_focused()
    await page.keyboard.press("Escape")
    await expect(career).to_have_attribute("aria-expanded", "false")
    await expect(career).to_be_focused()
    await expect(nav.get_by_role("link", name="Goals")).to_be_hidden()

    # when they open it with Enter and follow a link, the menu closes on the new page
    await page.keyboard.press("Enter")
    await nav.get_by_role("link", name="Decisions").click()
    await expect(page.get_by_role("heading", level=1, name="Decisions")).to_be_visible()
    await expect(career).to_have_attribute("aria-expanded", "false")

    # a click outside closes an open group
    await career.click()
    await expect(nav.get_by_role("link", name="Context")).to_be_visible()
    await page.mouse.click(1400, 850)
    await expect(nav.get_by_role("link", name="Context")).to_be_hidden()

    # on a small laptop every group still fits beside the brand and the actions
    await page.set_viewport_size({"width": 800, "height": 800})
    await expect(nav.get_by_role("button", name="You")).to_be_in_viewport()
    await screenshot(page, "guidance-00-narrow")

    # on a phone one "Menu" button lists every group
    await page.set_viewport_size({"width": 390, "height": 800})
    menu = nav.get_by_role("button", name="Menu")
    await expect(menu).to_be_visible()
    await expect(nav.get_by_role("button", name="Career")).to_have_count(0)
    await menu.click()
    await expect(nav.get_by_role("list", name="Career")).to_be_visible()
    await screenshot(page, "guidance-00-phone-menu")
    await nav.get_by_role("link", name="Career health").click()
    await expect(page.get_by_role("heading", level=1, name="Career health")).to_be_visible()
    await expect(menu).to_have_attribute("aria-expanded", "false")


async def test_recommendations_accept_decline_and_career_health(page, client, base_url, worker):
    # given a Python developer whose two saved jobs both ask for Kubernetes
    await signed_up_and_in(page, "recs")
    user = await api_session(page, client)
    await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Python"]}})
    await create_job(user, techStack=["Kubernetes", "Python"])
    await create_job(user, title="Platform engineer", techStack=["Kubernetes"])

    # when they generate recommendations
    await go_to(page, "Recommendations")
    await page.get_by_role("button", name="Generate recommendations").click()

    # then each comes with its reasoning and three explained scores
    focus = page.get_by_role("article", name="Focus on Kubernetes")
    await expect(focus).to_contain_text("2 of your 2 jobs (100%)")
    scores = focus.get_by_role("list", name="Scores of Focus on Kubernetes")
    for name in ("Confidence", "Market relevance", "Personal fit"):
        await expect(scores.get_by_role("meter", name=name)).to_be_visible()
    await screenshot(page, "guidance-01-recommendations")

    # when they decline the certification with a reason
    certification = page.get_by_test_id("recommendation").filter(has_not=page.get_by_role("heading", name="Focus on Kubernetes"))
    title = (await certification.get_by_role("heading", level=2).inner_text()).strip()
    await certification.get_by_role("button", name=f"Decline: {title}").click()
    dialog = page.get_by_role("dialog", name="Decline this recommendation?")
    await dialog.get_by_label("Why not? (optional)").fill("Too expensive right now")
    await dialog.get_by_role("button", name="Decline").click()

    # then it moves to the history with the reason
    history = page.get_by_test_id("recommendation-history")
    await expect(history).to_contain_text(title)
    await expect(history).to_contain_text("Reason: Too expensive right now")

    # when they accept the Kubernetes focus with a target date
    await focus.get_by_role("button", name="Accept: Focus on Kubernetes").click()
    dialog = page.get_by_role("dialog", name="Accept this recommendation?")
    await dialog.get_by_label("Target date (optional)").fill("2027-02-15")
    await dialog.get_by_role("button", name="Accept and create the goal").click()

    # then the goal is created and shown, marked, on the goals page
    await expect(page).to_have_url(re.compile(r"/goals/[^/]+$"))
    goal = page.get_by_test_id("goal-card").filter(has_text="Kubernetes")
    await expect(goal).to_have_attribute("aria-current", "true")
    await expect(goal).to_contain_text("target 15 Feb 2027")

    # and the recommendation is in the history, linking to its goal
    await go_to(page, "Recommendations")
    await expect(history.get_by_role("link", name=re.compile("Kubernetes"))).to_be_visible()

    # when they open their career health
    await go_to(page, "Career health")

    # then the scores, the chart over time and the skill currency table are shown
    await expect(page.get_by_test_id("health-overall")).to_contain_text(re.compile(r"\d+%"))
    chart = page.get_by_role("img", name=re.compile(r"Career health by month: 1 report"))
    await expect(chart).to_be_visible()
    await expect(page.get_by_role("table", name="How current each skill is")).to_contain_text("Python")
    await page.get_by_role("button", name="Refresh").click()
    await expect(page.get_by_role("status").filter(has_text="Career health refreshed")).to_be_visible()
    await screenshot(page, "guidance-02-health")


async def test_a_new_user_sees_the_first_run_checklist_fill_up(page, base_url, worker):
    # given a new account, on Today
    await signed_up_and_in(page, "first")
    checklist = page.get_by_test_id("first-run-checklist")

    # then the checklist lists the first steps, none done, each a link to where it is done
    await expect(checklist.get_by_role("link", name="Add your skills to your profile")).to_have_attribute("href", "/profile")
    await expect(checklist.get_by_role("link", name="Track your first job")).to_have_attribute("href", "/jobs")
    for key in ("profile", "resume", "job", "goal", "saved_search"):
        await expect(checklist.get_by_test_id(f"checklist-{key}")).to_have_attribute("data-done", "false")
    await screenshot(page, "guidance-03-checklist")

    # when they add a skill on the profile and track a job
    await set_profile(page, "Python", "Berlin", "SENIOR")
    await add_job(page, Company="Acme", Title="Backend Engineer")
    await go_to(page, "Today")

    # then those two steps show done, the others still to do
    await expect(checklist.get_by_test_id("checklist-profile")).to_have_attribute("data-done", "true")
    await expect(checklist.get_by_test_id("checklist-job")).to_have_attribute("data-done", "true")
    await expect(checklist.get_by_test_id("checklist-goal")).to_have_attribute("data-done", "false")
    await expect(checklist).to_contain_text("2 of 5 done")


async def test_guidance_settings_and_rules(page, base_url, worker):
    # given a signed-in person on the Insights page
    await signed_up_and_in(page, "rules")
    await go_to(page, "Insights")
    await expect(page.get_by_role("heading", level=2, name="No insights yet")).to_be_visible()

    # when they follow "Manage rules"
    await page.get_by_role("link", name="Manage rules").click()

    # then Settings opens at the Guidance section
    await expect(page).to_have_url(re.compile(r"/settings#guidance$"))
    form = page.get_by_role("form", name="Guidance settings")

    # when they ask for more insights a day than allowed: the error is next to the cap
    await form.get_by_label("How often the companion speaks").select_option("EAGER")
    await form.get_by_label("Insights per day at most").fill("1000")
    await form.get_by_role("button", name="Save guidance").click()
    await expect(form.get_by_label("Insights per day at most")).to_have_attribute("aria-invalid", "true")
    await expect(form).to_contain_text("The daily cap must be between 0 and")

    # when they correct it and save, it is saved (quiet hours are with the notifications now)
    await form.get_by_label("Insights per day at most").fill("4")
    await form.get_by_role("button", name="Save guidance").click()
    await expect(form.get_by_role("status")).to_have_text("Saved")

    # a threshold out of range is refused next to its input; a valid one is kept
    follow_up = page.get_by_role("article", name="Follow-up due")
    thresholds = follow_up.get_by_role("form", name="Thresholds of Follow-up due")
    await thresholds.get_by_label("Days").fill("-1")
    await thresholds.get_by_role("button", name="Save thresholds").click()
    await expect(thresholds.get_by_label("Days")).to_have_attribute("aria-invalid", "true")
    await thresholds.get_by_label("Days").fill("10")
    await thresholds.get_by_role("button", name="Save thresholds").click()
    await expect(thresholds.get_by_label("Days")).not_to_have_attribute("aria-invalid", "true")
    await expect(thresholds.get_by_role("button", name="Reset to defaults")).to_be_enabled()

    # muting a rule says so; after a reload everything is as saved
    await follow_up.get_by_role("checkbox", name="Follow-up due: on").click()
    await expect(follow_up.get_by_role("checkbox", name="Follow-up due: on")).not_to_be_checked()
    await expect(follow_up).to_contain_text("Muted")
    await page.reload()
    await expect(page.get_by_role("form", name="Guidance settings").get_by_label("Insights per day at most")).to_have_value("4")
    await expect(page.get_by_role("form", name="Guidance settings").get_by_label("How often the companion speaks")).to_have_value(
        "EAGER"
    )
    await expect(thresholds.get_by_label("Days")).to_have_value("10")
    await expect(follow_up).to_contain_text("Muted")
    await screenshot(page, "guidance-04-settings")

    # reset brings the defaults back
    await thresholds.get_by_role("button", name="Reset to defaults").click()
    await expect(thresholds.get_by_label("Days")).to_have_value("7")


async def test_insights_on_today_why_feedback_act_and_dismiss(page, client, base_url, worker):
    # given a person with a goal and two stored insights: a check-in about it and a market nudge
    await signed_up_and_in(page, "insights")
    user = await api_session(page, client)
    goal = await create_goal(user, title="Kubernetes", steps=["Read", "Deploy"])
    actions = check_in_actions(db_id(goal["id"]), db_id(goal["steps"][1]["id"]), "2027-02-15")
    check_in_id = await seed_insight(db_id(user.user_id), actions=actions, priority="high")
    await alert_about(db_id(user.user_id), check_in_id, "You've been quiet on Kubernetes")
    await seed_insight(
        db_id(user.user_id),
        rule="market_nudge",
        kind="market_nudge",
        title="Kubernetes demand is rising",
        message="Kubernetes appears in 41% more postings than a month ago.",
        evidence=[{"label": "Kubernetes", "value": "31 of 120 postings vs 22 of 118; +41%"}],
    )

    # when they open Today again
    await page.reload()
    insights = page.get_by_test_id("today-insights")
    check_in = insights.get_by_role("article", name="You've been quiet on Kubernetes")
    nudge = insights.get_by_role("article", name="Kubernetes demand is rising")

    # then each shows its reasons behind "Why?"
    await expect(check_in).to_contain_text("you usually log daily")
    await check_in.get_by_role("button", name="Why?").click()
    await expect(check_in.get_by_role("definition").filter(has_text="9 days ago")).to_be_visible()
    await check_in.get_by_role("button", name="Useful", exact=True).click()
    await expect(check_in.get_by_role("button", name="Useful", exact=True)).to_have_attribute("aria-pressed", "true")
    await screenshot(page, "guidance-05-today-insights")

    # when they dismiss the nudge, it leaves Today
    await nudge.get_by_role("button", name="Dismiss: Kubernetes demand is rising").click()
    await expect(nudge).to_have_count(0)

    # when they move the target date with one click, Today says what it did and links to the goal
    await check_in.get_by_role("button", name="Move the target date to 2027-02-15").click()
    result = check_in.get_by_test_id("insight-result")
    await expect(result).to_contain_text("Target date moved to 15 Feb 2027")
    await result.get_by_role("link", name="Open “Kubernetes”").click()

    # then the goal's page shows the new date
    await expect(page).to_have_url(re.compile(r"/goals/[^/]+$"))
    await expect(page.get_by_test_id("goal-card").filter(has_text="Kubernetes")).to_contain_text("target 15 Feb 2027")

    # and the Insights history filters by state: the nudge dismissed, the check-in acted on
    await go_to(page, "Insights")
    history = page.get_by_role("list", name="Insights")
    await page.get_by_label("State").select_option("DISMISSED")
    await expect(history.get_by_role("article")).to_have_count(1)
    await expect(history.get_by_role("article", name="Kubernetes demand is rising")).to_contain_text("rule: Market nudge")
    await page.get_by_label("State").select_option("ACTED")
    await expect(history.get_by_role("article", name="You've been quiet on Kubernetes")).to_be_visible()
    await expect(history.get_by_role("article")).to_have_count(1)

    # the alert the high-priority check-in raised links, in the bell, to the insights
    await go_to(page, "Goals")
    await page.get_by_test_id("bell").click()
    await page.get_by_role("region", name="Notifications").get_by_role("link", name="You've been quiet on Kubernetes").click()
    await expect(page).to_have_url(re.compile(r"/insights$"))
    await expect(page.get_by_role("region", name="Notifications")).to_be_hidden()


async def test_a_quiet_goal_gets_a_check_in_and_one_click_adjusts_its_timeline(page, client, base_url, worker):
    # given a person whose goal started five weeks ago and whose last progress was three weeks ago
    await signed_up_and_in(page, "quiet")
    user = await api_session(page, client)
    goal = await create_goal(user, title="Kubernetes", steps=["Read the docs", "Deploy a cluster"])
    await went_quiet(user, goal["id"], started_days_ago=35, logged_days_ago=21)

    # when the companion evaluates its rules and the person comes back to Today
    await evaluate(user)
    await page.reload()

    # then Today shows the check-in with its reasons
    check_in = page.get_by_test_id("today-insights").get_by_role("article", name="You've been quiet on Kubernetes")
    await expect(check_in).to_contain_text("No progress on Kubernetes for 21 days")
    await check_in.get_by_role("button", name="Why?").click()
    await expect(check_in.get_by_role("definition").filter(has_text="21 days")).to_be_visible()
    await screenshot(page, "guidance-06-check-in")

    # when they adjust the timeline with one click
    adjust = check_in.get_by_role("button", name=re.compile(r"^Move the target date of “Kubernetes” to \d{4}-\d{2}-\d{2}$"))
    target = date.fromisoformat(re.search(r"\d{4}-\d{2}-\d{2}", await adjust.inner_text()).group())
    await adjust.click()

    # then Today says what changed and links to the goal, whose page shows the new date
    result = check_in.get_by_test_id("insight-result")
    await expect(result).to_contain_text(f"Target date moved to {day_shown(target)}")
    await result.get_by_role("link", name="Open “Kubernetes”").click()
    await expect(page).to_have_url(re.compile(r"/goals/[^/]+$"))
    card = page.get_by_test_id("goal-card").filter(has_text="Kubernetes")
    await expect(card).to_have_attribute("aria-current", "true")
    await expect(card).to_contain_text(f"target {day_shown(target)}")


async def test_a_completed_goal_is_celebrated_with_the_jobs_that_now_match(page, client, base_url, worker):
    # given a person with two scored Kubernetes jobs and a goal about Kubernetes
    await signed_up_and_in(page, "done")
    user = await api_session(page, client)
    await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Python", "Kubernetes"]}})
    await create_job(user, company="Acme", title="Platform Engineer", techStack=["Kubernetes", "Python"])
    await create_job(user, company="Initech", title="SRE", techStack=["Kubernetes"])

    async def scored() -> bool:
        jobs = (await user.gql(JOBS, {"first": 10}))["jobs"]["edges"]
        return len(jobs) == 2 and all(e["node"]["matchScore"] is not None for e in jobs)

    await eventually(scored)
    await create_goal(user, title="Learn Kubernetes", steps=["Deploy a cluster"])

    # when they complete the goal by ticking its last step
    await go_to(page, "Goals")
    await page.get_by_role("checkbox", name="Deploy a cluster").check()
    await expect(page.get_by_role("status").filter(has_text="Goal completed")).to_be_visible()

    # and the companion evaluates its rules
    await evaluate(user)
    await go_to(page, "Today")
    await page.reload()

    # then Today celebrates it and lists the jobs that now match better, each a link
    celebration = page.get_by_test_id("today-insights").get_by_role(
        "article", name="Congratulations: You completed “Learn Kubernetes”"
    )
    await expect(celebration).to_contain_text("Open jobs that now match better")
    await expect(celebration).to_contain_text("Platform Engineer at Acme")
    await expect(celebration).to_contain_text("SRE at Initech")
    await screenshot(page, "guidance-07-celebration")
    await celebration.get_by_role("button", name="Open Platform Engineer at Acme").click()
    await expect(page.get_by_role("heading", level=1, name="Platform Engineer")).to_be_visible()


async def test_coming_back_after_ten_days_is_welcomed_once_at_the_top_of_today(page, client, base_url, worker):
    # given a person whose last visit was ten days ago
    await signed_up_and_in(page, "back")
    user = await api_session(page, client)
    async with unit_of_work() as session:
        await session.execute(
            update(User).where(User.id == db_id(user.user_id)).values(last_seen_at=datetime.now(UTC) - timedelta(days=10))
        )

    # when they open the app again
    await page.reload()

    # then Today welcomes them back at the top, once
    welcome = page.get_by_test_id("welcome-back")
    await expect(welcome).to_contain_text("You were away 10 days")
    await expect(welcome.get_by_role("article", name="Welcome back: 10 days away")).to_be_visible()
    await expect(page.get_by_test_id("today-insights").get_by_role("article", name="Welcome back: 10 days away")).to_have_count(0)
    await screenshot(page, "guidance-08-welcome-back")
    useful = welcome.get_by_role("button", name="Useful", exact=True)
    await useful.click()
    await expect(useful).to_have_attribute("aria-pressed", "true")
    await page.get_by_role("button", name="Dismiss welcome back").click()
    await expect(welcome).to_have_count(0)
    await expect(page.get_by_test_id("today-insights").get_by_role("article", name="Welcome back: 10 days away")).to_have_count(0)

    # and a later load of the app does not welcome them again; the welcome back stays in the history
    await page.reload()
    await expect(page.get_by_role("heading", name="Today")).to_be_visible()
    await expect(page.get_by_test_id("welcome-back")).to_have_count(0)
    await expect(page.get_by_role("article", name="Welcome back: 10 days away")).to_have_count(0)
    await go_to(page, "Insights")
    await expect(page.get_by_role("article", name="Welcome back: 10 days away")).to_be_visible()
