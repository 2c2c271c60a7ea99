"""Change the account's sign-in address: a link goes to the new address (the notification mails'
signed-link mechanism, api/notification/tokens.py, with its own audience), and the address changes
only when that link is opened. The answer never tells whether the new address has an account."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.account import repository
from api.config import Settings
from api.errors import AppError, ErrorCode, NotFound
from api.models.user import User
from api.notification import mail, messages, tokens
from api.user.passwords import verify_password
from api.user.service import EMAIL_RE

SEND_TASK = "account_email_change_send"


async def _taken(session: AsyncSession, email: str, user_id: int) -> bool:
    query = select(User.id).where(func.lower(User.email) == email.lower(), User.id != user_id)
    return (await session.execute(query)).first() is not None


async def request_change(session: AsyncSession, user_id: int, new_email: str, password: str | None) -> None:
    user = await repository.user_for_update(session, user_id)
    if user is None:
        raise NotFound("Account not found", "id")
    if user.password_hash is not None and not verify_password(user.password_hash, password or ""):
        raise AppError("The current password is wrong", "password", ErrorCode.INVALID_CREDENTIALS)
    new_email = (new_email or "").strip()
    if len(new_email) > 254 or not EMAIL_RE.match(new_email):
        raise AppError("Enter a valid email address", "new_email")
    if new_email.lower() == user.email.lower():
        raise AppError("This is already your address", "new_email")
    if await _taken(session, new_email, user_id):
        return  # the same answer: the link would not work anyway, and nobody learns who has an account
    queue.enqueue(SEND_TASK, user_id, new_email)  # unkeyed: asking again sends the link again


async def confirm(session: AsyncSession, settings: Settings, token: str) -> str:
    """Move the account to the link's address (raises tokens.InvalidLink)."""
    link = tokens.read_email_change(settings, token)
    user = await repository.user_for_update(session, link.user_id)
    if user is None:
        raise tokens.InvalidLink("This link is not valid: it may be incomplete or altered.")
    if user.email.lower() != link.email.lower():
        if await _taken(session, link.email, user.id):
            raise tokens.InvalidLink("Another account uses this address now.")
        user.email = link.email
        await session.flush()
    return link.email


async def send(settings: Settings, user_id: int, new_email: str, now: datetime | None = None) -> str:
    if not settings.email_configured:
        return "email not configured"
    url = messages.link(settings, "/account/email/confirm", token=tokens.email_change_token(settings, user_id, new_email, now))
    content = messages.verification(settings, "Confirm your new email address for Career Companion", new_email, url)
    await mail.send(settings, mail.build(settings, content, mail.recipient(new_email), None))
    return "sent"
