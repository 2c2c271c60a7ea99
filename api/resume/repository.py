"""All SQL of résumé uploads, always filtered by owner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from api.db import owned, page, stale
from api.models import ResumeUpload


async def get(session: AsyncSession, user_id: int, upload_id: int, *, for_update: bool = False) -> ResumeUpload | None:
    return await owned(session, ResumeUpload, user_id, upload_id, for_update=for_update)


async def get_with_content(session: AsyncSession, upload_id: int) -> ResumeUpload | None:
    """The worker's read (it acts for the owner on the row), bytes included, locked."""
    query = select(ResumeUpload).options(undefer(ResumeUpload.content)).where(ResumeUpload.id == upload_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def get_for_worker(session: AsyncSession, upload_id: int) -> ResumeUpload | None:
    return (
        await session.execute(select(ResumeUpload).where(ResumeUpload.id == upload_id).with_for_update())
    ).scalar_one_or_none()


async def pending_count(session: AsyncSession, user_id: int) -> int:
    query = select(func.count()).where(ResumeUpload.user_id == user_id, ResumeUpload.status == "pending")
    return (await session.execute(query)).scalar_one()


async def list_page(session: AsyncSession, user_id: int, offset: int, limit: int) -> tuple[list[ResumeUpload], int]:
    """Newest first."""
    return await page(session, select(ResumeUpload).where(ResumeUpload.user_id == user_id), offset, limit, ResumeUpload.id.desc())


async def latest_parsed(session: AsyncSession, user_id: int, upload_id: int | None = None) -> ResumeUpload | None:
    """The newest successfully parsed upload (or that one upload, if it was parsed)."""
    query = select(ResumeUpload).where(ResumeUpload.user_id == user_id, ResumeUpload.status == "completed")
    if upload_id is not None:
        query = query.where(ResumeUpload.id == upload_id)
    return (await session.execute(query.order_by(ResumeUpload.id.desc()).limit(1))).scalar_one_or_none()


async def stale_pending(session: AsyncSession, before: datetime) -> list[ResumeUpload]:
    """Uploads still waiting to be parsed that were uploaded before `before` (locked)."""
    return await stale(session, ResumeUpload.created_at, before, ResumeUpload.status == "pending")
