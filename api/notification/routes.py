"""Plain HTTP links from mails, no sign-in needed (the signed token is the authority):

* `GET /unsubscribe?token=…` — a small page with a confirm button (GET never changes anything:
  mail scanners follow links);
* `POST /unsubscribe?token=…` — RFC 8058 one-click (body `List-Unsubscribe=One-Click`, sent by
  mail clients; the page's button posts the same): email is removed from that topic, for that
  person only;
* `GET /email/verify?token=…` — marks the address verified, if it is still the person's.

A forged, expired or other-purpose token answers 400 with a page that says so; nothing changes."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse

from api.config import get_settings
from api.db import unit_of_work
from api.notification import messages, preferences, tokens
from api.notification.messages import TOPIC_LABELS
from api.security import PAGE_POLICY


def _page(title: str, message: str, status: int = 200, form_action: str | None = None, button: str = "") -> HTMLResponse:
    settings = get_settings()
    html = (
        messages.environment()
        .get_template("page.html")
        .render(
            title=title, message=message, form_action=form_action, button=button, app_url=messages.link(settings, "/settings")
        )
    )
    return HTMLResponse(
        html,
        status_code=status,
        headers={"cache-control": "no-store", "referrer-policy": "no-referrer", "content-security-policy": PAGE_POLICY},
    )


def _invalid(error: tokens.InvalidLink) -> HTMLResponse:
    return _page("This link does not work", f"{error} Nothing was changed.", 400)


async def unsubscribe_page(request: Request) -> HTMLResponse:
    token = request.query_params.get("token", "")
    try:
        link = tokens.read_unsubscribe(get_settings(), token)
    except tokens.InvalidLink as error:
        return _invalid(error)
    label = TOPIC_LABELS[link.topic]
    return _page(
        f"Unsubscribe from {label} by email?",
        f"You will no longer get {label} by email. They stay in the app, and you can turn email back on in your settings.",
        form_action=f"{request.url.path}?{request.url.query}",  # relative: right behind any proxy
        button=f"Unsubscribe from {label}",
    )


async def unsubscribe(request: Request) -> HTMLResponse:
    token = request.query_params.get("token", "")
    try:
        async with unit_of_work() as session:
            topic = await preferences.unsubscribe(session, token)
    except tokens.InvalidLink as error:
        return _invalid(error)
    label = TOPIC_LABELS[topic]
    return _page("You are unsubscribed", f"No more {label} by email. You can turn it back on in your notification settings.")


async def verify_email(request: Request) -> HTMLResponse:
    token = request.query_params.get("token", "")
    try:
        async with unit_of_work() as session:
            email = await preferences.verify_email(session, token)
    except tokens.InvalidLink as error:
        return _invalid(error)
    return _page("Address confirmed", f"{email} is confirmed. The mails you chose in your settings will arrive there.")
