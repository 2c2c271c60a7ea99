"""Worker jobs of accounts: telling an account's owner that someone tried to sign up with its email."""

from __future__ import annotations

from api.config import get_settings
from api.db import read_session
from api.notification import mail, messages
from api.user import repository


async def registration_attempt_notify(ctx: dict, user_id: int) -> str:
    """One mail to the account's address (the job key keeps it to one while a job is kept)."""
    settings = get_settings()
    if not settings.email_configured:
        return "email not configured"
    async with read_session() as session:
        user = await repository.get(session, user_id)
    if user is None:
        return "no such account"
    content = messages.registration_attempt(settings, user.username)
    await mail.send(settings, mail.build(settings, content, mail.recipient(user.email), None))
    return "sent"
