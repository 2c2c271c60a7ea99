"""Worker jobs of the account: the mail with the link that confirms a new sign-in address."""

from __future__ import annotations

from api.account import email
from api.config import get_settings


async def account_email_change_send(ctx: dict, user_id: int, new_email: str) -> str:
    return await email.send(get_settings(), user_id, new_email)
