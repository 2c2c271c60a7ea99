"""Email over SMTP (aiosmtplib): multipart/alternative (plain text, then HTML) with Message-ID and
Date, and for topic mails `List-Unsubscribe` + `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
(RFC 8058), so mail clients offer a one-click unsubscribe that needs no sign-in.

TLS: SMTP_TLS connects with implicit TLS (port 465). Otherwise SMTP_STARTTLS upgrades the
connection when the server offers it, and insists on it when credentials are configured (a
password never crosses a plain connection)."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

import aiosmtplib

from api.config import Settings
from api.notification.messages import Content


def build(settings: Settings, content: Content, to: str, unsubscribe_url: str | None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = content.subject
    message["Date"] = formatdate(usegmt=True)
    domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid("cc", domain=domain)
    if unsubscribe_url:
        message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(content.text)
    message.add_alternative(content.html, subtype="html")
    return message


def recipient(address: str) -> str:
    """The address alone (a display name is never taken from the preferences)."""
    return str(Address(addr_spec=address))


async def send(settings: Settings, message: EmailMessage) -> None:
    """Hand the message to the configured SMTP server (raises aiosmtplib.SMTPException / OSError)."""
    credentials = bool(settings.smtp_username)
    start_tls: bool | None
    if settings.smtp_tls:
        start_tls = False
    elif settings.smtp_starttls:
        start_tls = True if credentials else None  # None: upgrade when offered
    else:
        start_tls = False
    await aiosmtplib.send(
        message,
        hostname=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username or None,
        password=settings.smtp_password or None,
        use_tls=settings.smtp_tls,
        start_tls=start_tls,
        timeout=settings.smtp_timeout,
    )
