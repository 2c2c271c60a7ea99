"""Worker jobs of the account: the mail with the link that confirms a new sign-in address, and the
compaction of the data versions' rows."""

from __future__ import annotations

from api.account import email, versions
from api.config import get_settings
from api.db import unit_of_work


async def account_email_change_send(ctx: dict, user_id: int, new_email: str) -> str:
    return await email.send(get_settings(), user_id, new_email)


async def data_versions_compact(ctx: dict) -> None:
    """Fold each owner's data_changes rows into one (the versions stay as they are)."""
    async with unit_of_work() as session:
        await versions.compact(session)
