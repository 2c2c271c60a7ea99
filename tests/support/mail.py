"""A real SMTP server on loopback (aiosmtpd) that keeps every mail it receives, and settings that
point the app and the worker at it (the same cached Settings object; restored afterwards)."""

from __future__ import annotations

import email
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

from tests.support.running import free_port
from tests.support.waiting import eventually


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


class Inbox:
    """What the server received. The server is shared by the session, so tests look at the mails
    to their own (unique) addresses."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: list[Received] = []
        self.unknown: set[str] = set()  # addresses answered "550 no such mailbox" at RCPT TO

    async def handle_RCPT(self, server, session, envelope, address: str, rcpt_options) -> str:  # aiosmtpd hook
        with self.lock:
            if address.lower() in self.unknown:
                return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd handler hook
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [r.message for r in self.received if address.lower() in (a.lower() for a in r.rcpt_tos)]

    async def wait_for(self, address: str, count: int = 1) -> list[EmailMessage]:
        """The mails to `address` once there are at least `count` of them."""

        async def arrived() -> list[EmailMessage] | None:
            found = self.to(address)
            return found if len(found) >= count else None

        return await eventually(arrived)


@pytest.fixture(scope="session")
def _smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
async def mailbox(_smtp_server: tuple[Inbox, int], monkeypatch) -> AsyncIterator[Inbox]:
    """Email configured (SMTP_HOST …) and pointing at the loopback server, for the API and the worker."""
    from api.config import get_settings

    inbox, port = _smtp_server
    settings = get_settings()
    for name, value in {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_username": None,
        "smtp_password": None,
        "smtp_tls": False,
        "smtp_starttls": True,  # opportunistic: the test server offers no STARTTLS
        "smtp_timeout": 5.0,
        "mail_from": "Career Companion <companion@cc.test>",
        "public_url": "https://cc.test",
        "delivery_retry_seconds": 0.05,
    }.items():
        monkeypatch.setattr(settings, name, value)
    yield inbox
    with inbox.lock:
        inbox.unknown.clear()


@pytest.fixture
async def smtp_down(monkeypatch) -> AsyncIterator[int]:
    """Email configured, but nothing listens on the SMTP port (connection refused); quick retries."""
    from api.config import get_settings

    settings = get_settings()
    port = free_port()
    for name, value in {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_tls": False,
        "smtp_starttls": True,
        "smtp_timeout": 2.0,
        "public_url": "https://cc.test",
        "delivery_retry_seconds": 0.05,
    }.items():
        monkeypatch.setattr(settings, name, value)
    yield port
