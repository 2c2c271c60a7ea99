"""Delivery as a person uses it in a real browser: digest times and an email address on the settings
page, the address verified by the link in the mail the test SMTP server received, a test mail, a test
digest read in the archive, an interview added on the board and found in the calendar feed (parsed with
icalendar), and a card moved in one tab showing moved in another."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.message import EmailMessage
from urllib.parse import urlsplit

import icalendar
import pytest
from playwright.async_api import expect

from tests.support.browser import browser_session, go_to, screenshot, signed_up_and_in, wait_live
from tests.support.graphql import Session
from tests.support.jobs import PROFILE_UPDATE, create_application, create_job

pytestmark = pytest.mark.browser

VERIFY_LINK = re.compile(r"https?://[^\s\"'<>]+/email/verify\?token=[^\s\"'<>]+")


async def api_session(page, client) -> Session:
    """The browser's own session, for seeding through the API."""
    stored = await browser_session(page)
    return Session(client, token=stored["accessToken"], user_id=stored["userId"])


def plain_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, message
    return part.get_content()


def path_of(url: str) -> str:
    """A link of the app (its public URL may name another host) as a path on the test server."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


async def test_digest_times_email_verified_by_its_link_and_a_test_mail(page, base_url, worker, mailbox):
    # given a signed-in person on the settings page
    username = await signed_up_and_in(page, "mail")
    await go_to(page, "Settings")
    form = page.get_by_role("form", name="Notification settings")

    # when they set their briefing times, briefings and follow-ups by email too, and save
    await form.get_by_label("Morning briefing at").fill("06:45")
    await form.get_by_label("Evening summary at").fill("20:15")
    await form.get_by_role("checkbox", name="Briefings and summaries: Email").check()
    await form.get_by_role("button", name="Save notifications").click()

    # then it is saved, and kept after a reload
    await expect(form.get_by_role("status")).to_have_text("Saved")
    await page.reload()
    form = page.get_by_role("form", name="Notification settings")
    await expect(form.get_by_label("Morning briefing at")).to_have_value("06:45")
    await expect(form.get_by_label("Evening summary at")).to_have_value("20:15")
    await expect(form.get_by_role("checkbox", name="Briefings and summaries: Email")).to_be_checked()

    # when they give another address and ask to verify it
    email = page.get_by_role("article", name="Email")
    await expect(email.get_by_test_id("channel-detail")).to_have_text("Verify your address first")
    address = f"{username}@mail.cc.test"
    await email.get_by_label("Email address").fill(address)
    await email.get_by_role("button", name="Verify").click()
    await expect(email.get_by_role("status").first).to_contain_text(f"A verification link was sent to {address}")

    # then the verification mail arrives at the test SMTP server; its link verifies the address
    (mail,) = await mailbox.wait_for(address)
    link = VERIFY_LINK.search(plain_text(mail))
    assert link, plain_text(mail)
    await page.goto(path_of(link.group(0)))
    await expect(page.get_by_role("heading", level=1, name="Address confirmed")).to_be_visible()
    await page.goto("/settings#channels")
    email = page.get_by_role("article", name="Email")
    await expect(email.get_by_test_id("email-verified")).to_have_text("Verified")
    await expect(email.get_by_test_id("channel-state")).to_have_text("Ready")
    await screenshot(page, "delivery-01-channels")

    # when they press Test for email
    await email.get_by_role("button", name="Test Email").click()

    # then the test delivery is sent, a second mail arrives, and the delivery log lists both
    await expect(email.get_by_test_id("channel-test-result")).to_contain_text("Sent")
    mails = await mailbox.wait_for(address, count=2)
    assert mails[1]["To"] == address
    log = page.get_by_test_id("delivery-log")
    await expect(log.get_by_test_id("delivery")).to_have_count(2)
    await log.get_by_label("Status").select_option("SENT")
    await expect(log.get_by_test_id("delivery")).to_have_count(2)
    await log.get_by_label("Status").select_option("FAILED")
    await expect(log.get_by_test_id("delivery")).to_have_count(0)
    await screenshot(page, "delivery-02-log")


async def test_quiet_hours_are_refused_next_to_their_field_until_both_are_set(page, base_url, worker):
    # given a signed-in person on the notification settings
    await signed_up_and_in(page, "quiet")
    await page.goto("/settings#notifications")
    form = page.get_by_role("form", name="Notification settings")

    # when they set only the start of the quiet hours
    await form.get_by_label("Quiet hours from").fill("23:00")
    await form.get_by_label("Quiet hours until").fill("")
    await form.get_by_role("button", name="Save notifications").click()

    # then the error is next to the end
    await expect(form.get_by_label("Quiet hours until")).to_have_attribute("aria-invalid", "true")
    await expect(form).to_contain_text("Set both quiet hours, or neither")

    # when they complete them, it is saved
    await form.get_by_label("Quiet hours until").fill("06:30")
    await form.get_by_role("button", name="Save notifications").click()
    await expect(form.get_by_role("status")).to_have_text("Saved")
    await page.reload()
    await expect(page.get_by_role("form", name="Notification settings").get_by_label("Quiet hours until")).to_have_value("06:30")


async def test_send_me_a_test_digest_and_read_it_in_the_archive(page, base_url, worker):
    # given a signed-in person in the digest archive, which is empty
    await signed_up_and_in(page, "digest")
    await wait_live(page)
    await go_to(page, "Digests")
    await expect(page.get_by_role("heading", name="No digests yet")).to_be_visible()

    # when they ask for a test morning briefing now
    await page.get_by_role("button", name="Send me a test morning briefing now").click()

    # then the new digest opens, marked as a test morning briefing, with its deliveries
    await expect(page).to_have_url(re.compile(r"/digests/[^/]+$"))
    digest = page.get_by_test_id("digest")
    await expect(digest.get_by_test_id("digest-kind")).to_have_text("Morning briefing")
    await expect(digest.get_by_test_id("digest-test")).to_have_text("Test")
    subject = (await page.get_by_role("heading", level=1).inner_text()).strip()
    assert subject
    await screenshot(page, "delivery-03-digest")

    # and the archive lists it, newest first, with its badges
    await page.get_by_role("link", name="All digests").click()
    row = page.get_by_test_id("digest-row").first
    await expect(row.get_by_role("link", name=subject)).to_be_visible()
    await expect(row.get_by_test_id("digest-test")).to_be_visible()

    # and its in-app notification links to it from the bell
    await page.get_by_test_id("bell").click()
    await page.get_by_test_id("digest-notification").first.click()
    await expect(page.get_by_role("heading", level=1, name=subject)).to_be_visible()


async def test_an_interview_added_on_the_board_is_in_the_calendar_feed(page, client, base_url, worker):
    # given a person in Berlin with an application on the board
    await signed_up_and_in(page, "ics")
    user = await api_session(page, client)
    assert (await user.gql(PROFILE_UPDATE, {"input": {"timezone": "Europe/Berlin"}}))["profileUpdate"]["errors"] == []
    job_id = await create_job(user, company="Acme", title="Backend Engineer")
    assert (await create_application(user, job_id, status="APPLIED"))["errors"] == []
    await page.reload()
    await go_to(page, "Board")

    # when they open its details and add a technical interview on 2 March 2027 at 14:30 their time
    await page.get_by_role("button", name="Details for Backend Engineer at Acme").click()
    drawer = page.get_by_role("dialog", name="Backend Engineer · Acme")
    await drawer.get_by_role("button", name="Add interview").click()
    form = drawer.get_by_role("form", name="Add interview")
    await expect(form).to_contain_text("On the clock of Europe/Berlin")
    await form.get_by_label("Date and time").fill("2027-03-02T14:30")
    await form.get_by_label("Kind").select_option("TECHNICAL")
    await form.get_by_label("Location").fill("Acme HQ, Berlin")
    await form.get_by_role("button", name="Add interview").click()

    # then the drawer and the card show it
    interview = drawer.get_by_role("article", name=re.compile("Technical interview on"))
    await expect(interview).to_contain_text("14:30")
    await expect(interview).to_contain_text("Acme HQ, Berlin")
    await drawer.get_by_role("button", name="Close").click()
    await expect(page.get_by_role("article", name="Backend Engineer").get_by_test_id("card-interview")).to_contain_text("14:30")
    await screenshot(page, "delivery-04-board")

    # when they create their calendar feed
    await go_to(page, "Calendar feed")
    await page.get_by_role("button", name="Create feed").click()
    url = await page.get_by_label("Your feed address").input_value()
    await screenshot(page, "delivery-05-calendar")

    # then the feed is valid iCalendar with the interview at 13:30 UTC (14:30 in Berlin in winter)
    response = await client.get(path_of(url))
    assert response.status_code == 200, response.text
    feed = icalendar.Calendar.from_ical(response.content)
    events = [e for e in feed.walk("VEVENT") if "Backend Engineer" in str(e.get("summary"))]
    assert [str(e["summary"]) for e in events] == ["Interview: Backend Engineer at Acme"]
    assert events[0].decoded("dtstart").astimezone(UTC) == datetime(2027, 3, 2, 13, 30, tzinfo=UTC)
    assert str(events[0]["location"]) == "Acme HQ, Berlin"

    # when they revoke it, the address stops working
    await page.get_by_role("button", name="Revoke").click()
    await page.get_by_role("dialog", name="Revoke the calendar feed?").get_by_role("button", name="Revoke feed").click()
    await expect(page.get_by_test_id("calendar-feed-state")).to_have_text("No feed")
    assert (await client.get(path_of(url))).status_code == 404


async def test_a_card_changed_in_one_tab_changes_in_the_other(context, page, client, base_url, worker):
    # given a person with an application in Applied, the board open in two tabs
    await signed_up_and_in(page, "live")
    user = await api_session(page, client)
    job_id = await create_job(user, company="Globex", title="Platform Engineer")
    assert (await create_application(user, job_id, status="APPLIED"))["errors"] == []
    await go_to(page, "Board")
    await wait_live(page)
    other = await context.new_page()
    await other.goto("/board")
    await wait_live(other)
    await expect(other.get_by_test_id("column-APPLIED").get_by_role("article", name="Platform Engineer")).to_be_visible()

    # when the second tab sets the follow-up date to 1 April 2027
    await other.get_by_role("button", name="Details for Platform Engineer at Globex").click()
    drawer = other.get_by_role("dialog", name="Platform Engineer · Globex")
    await drawer.get_by_label("Follow up on").fill("2027-04-01")
    await drawer.get_by_role("button", name="Save date").click()
    await expect(drawer.get_by_role("status").filter(has_text="Follow-up saved")).to_be_visible()
    await drawer.get_by_role("button", name="Close").click()

    # then the first tab's card shows it, without a reload
    card = page.get_by_role("article", name="Platform Engineer")
    await expect(card.get_by_test_id("card-follow-up")).to_contain_text("1 Apr 2027")

    # when the first tab moves the card to Interview
    await page.get_by_label("Move Platform Engineer at Globex to").select_option("INTERVIEW")
    await expect(page.get_by_test_id("column-INTERVIEW").get_by_role("article", name="Platform Engineer")).to_be_visible()

    # then it moves in the second tab too, its follow-up date cleared by the move
    await expect(other.get_by_test_id("column-INTERVIEW").get_by_role("article", name="Platform Engineer")).to_be_visible()
    await expect(other.get_by_test_id("column-APPLIED").get_by_role("article")).to_have_count(0)
    await expect(other.get_by_test_id("card-follow-up")).to_have_count(0)
