"""What a delivery says: subject, plain text, HTML and the link into the app, by topic.

Rendered from Jinja2 templates (`templates/`, HTML autoescaped): inline CSS only, no images, no
tracking pixels, so common clients (and text-only ones, from the text part) read them as sent.
Links are absolute, from PUBLIC_URL (else http://HOST:PORT)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from api.config import Settings
from api.graphql.relay import encode_id
from api.vocabulary import NotificationTopic

TEMPLATES = Path(__file__).resolve().parent / "templates"
TOPIC_LABELS = {
    NotificationTopic.JOB_ALERTS: "job alerts",
    NotificationTopic.INSIGHTS: "insights",
    NotificationTopic.DIGESTS: "digests",
    NotificationTopic.FOLLOW_UPS: "follow-up reminders",
    NotificationTopic.APPLICATION_UPDATES: "application updates",
}
TAGS = {
    "job_alerts": ["briefcase"],
    "insights": ["bulb"],
    "digests": ["newspaper"],
    "follow_ups": ["alarm_clock"],
    "application_updates": ["clipboard"],
    "verification": ["key"],
    "test": ["white_check_mark"],
}


@dataclass(frozen=True)
class Content:
    topic: str
    subject: str
    text: str
    html: str
    url: str  # where the message leads in the app
    tags: list[str] = field(default_factory=list)


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default_for_string=False, default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def base_url(settings: Settings) -> str:
    return (settings.public_url or f"http://{settings.host}:{settings.port}").rstrip("/")


def absolute(settings: Settings, href: str | None) -> str | None:
    if not href:
        return None
    return href if href.startswith(("http://", "https://")) else f"{base_url(settings)}/{href.lstrip('/')}"


def link(settings: Settings, path: str, **query: str) -> str:
    return f"{base_url(settings)}{path}" + (f"?{urlencode(query)}" if query else "")


def _render(name: str, subject: str, topic: str, tags: list[str], url: str, **values: Any) -> Content:
    label = TOPIC_LABELS.get(NotificationTopic(topic)) if topic in NotificationTopic._value2member_map_ else None
    values = {"subject": subject, "url": url, "topic_label": label, "unsubscribe_url": None, "note": None, **values}
    env = environment()
    return Content(
        topic=topic,
        subject=subject,
        text=env.get_template(f"{name}.txt").render(values),
        html=env.get_template(f"{name}.html").render(values),
        url=url,
        tags=tags,
    )


def digest(
    settings: Settings, digest_id: int, subject: str, sections: list[dict[str, Any]], unsubscribe_url: str | None
) -> Content:
    shown = [
        {
            "title": section.get("title", ""),
            "items": [
                {"text": item.get("text", ""), "detail": item.get("detail"), "href": absolute(settings, item.get("href"))}
                for item in section.get("items", [])
            ],
        }
        for section in sections
    ]
    url = link(settings, f"/digests/{encode_id('Digest', digest_id)}")
    return _render(
        "digest",
        subject,
        "digests",
        TAGS["digests"],
        url,
        sections=shown,
        unsubscribe_url=unsubscribe_url,
        settings_url=link(settings, "/settings"),
    )


def notification_href(kind: str, dedupe_key: str, job_id: int | None, insight_id: int | None) -> str | None:
    """Where a notification leads in the app (an in-app path): the digest (its id is in the dedupe
    key "digest:<id>"), the job of a job alert, the insights; else nowhere."""
    prefix, _, rest = dedupe_key.partition(":")
    if kind == "digest" and prefix == "digest" and rest.isdigit():
        return f"/digests/{encode_id('Digest', int(rest))}"
    if job_id is not None:
        return f"/jobs/{encode_id('Job', job_id)}"
    if insight_id is not None or kind == "insight":
        return "/insights"
    return None


def notification_url(settings: Settings, kind: str, dedupe_key: str, job_id: int | None, insight_id: int | None) -> str:
    """The absolute link of a notification (Today when it leads nowhere in particular)."""
    return link(settings, notification_href(kind, dedupe_key, job_id, insight_id) or "/")


def notification(settings: Settings, topic: str, title: str, body: str, url: str, unsubscribe_url: str | None) -> Content:
    return _render(
        "message",
        title,
        topic,
        TAGS.get(topic, []),
        url,
        paragraphs=[p for p in body.split("\n\n") if p.strip()] or [title],
        action="Open in Career Companion",
        unsubscribe_url=unsubscribe_url,
        settings_url=link(settings, "/settings"),
    )


def verification(settings: Settings, subject: str, email: str, verify_url: str) -> Content:
    return _render(
        "message",
        subject,
        "verification",
        TAGS["verification"],
        verify_url,
        paragraphs=[
            f"Confirm that {email} is your address, so Career Companion can send you the mails you chose.",
            "The link works for 48 hours and only for this address.",
        ],
        action="Confirm my address",
        note="If you did not ask for this, ignore this mail: nothing is sent to this address until it is confirmed.",
        settings_url=link(settings, "/settings"),
    )


def registration_attempt(settings: Settings, username: str) -> Content:
    """To an account's address when someone tried to sign up with it (the sign-up page answered as
    it always does, so only the owner learns of it)."""
    return _render(
        "message",
        "Someone tried to create an account with your email",
        "security",
        ["key"],
        link(settings, "/signin", username=username),
        paragraphs=[
            "Someone just tried to create a Career Companion account with this email address. It already "
            f"belongs to your account ({username}), so no new account was made.",
            "If that was you, simply sign in.",
        ],
        action="Sign in",
        note="If it was not you, you need not do anything: your account is unchanged.",
        settings_url=link(settings, "/settings"),
    )


def test(settings: Settings, subject: str, channel: str) -> Content:
    return _render(
        "message",
        subject,
        "test",
        TAGS["test"],
        link(settings, "/settings"),
        paragraphs=[f"This is a test message on your {channel} channel. It works: this is how your messages will arrive."],
        action="Open your notification settings",
        settings_url=link(settings, "/settings"),
    )
