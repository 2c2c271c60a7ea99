"""Worker jobs of accounts: telling an account's owner that someone tried to sign up with its email."""

from __future__ import annotations

from api import broker
from api.config import get_settings
from api.db import read_session
from api.notification import mail, messages
from api.user import repository

NOTICE_INTERVAL_SECONDS = 3600


async def registration_attempt_notify(ctx: dict, user_id: int) -> str:
    """A mail to the account's address, at most one an hour however often someone tries."""
    settings = get_settings()
    if not settings.email_configured:
        return "email not configured"
    redis = await broker.pool()
    key = f"{settings.redis_namespace}:registration-attempt:{user_id}"
    if not await redis.set(key, "1", nx=True, ex=NOTICE_INTERVAL_SECONDS):
        return "told within the hour"
    async with read_session() as session:
        user = await repository.get(session, user_id)
    if user is None:
        return "no such account"
    content = messages.registration_attempt(settings, user.username)
    await mail.send(settings, mail.build(settings, content, mail.recipient(user.email), None))
    return "sent"
