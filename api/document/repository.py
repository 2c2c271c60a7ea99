"""All SQL of documents, versions and feedback, always filtered by owner."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import owned, page, stale
from api.models import Document, DocumentFeedback, DocumentVersion

R = TypeVar("R", DocumentVersion, DocumentFeedback)


async def get(session: AsyncSession, user_id: int, document_id: int, *, for_update: bool = False) -> Document | None:
    return await owned(session, Document, user_id, document_id, for_update=for_update)


async def get_any(session: AsyncSession, document_id: int, *, for_update: bool = False) -> Document | None:
    """The worker's read: it acts for the document's owner, whose id is on the row."""
    query = select(Document).where(Document.id == document_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def by_job_ids(session: AsyncSession, user_id: int, job_ids: list[int]) -> list[Document]:
    query = select(Document).where(Document.user_id == user_id, Document.job_id.in_(job_ids)).order_by(Document.id.desc())
    return list((await session.execute(query)).scalars())


async def list_page(
    session: AsyncSession, user_id: int, kinds: list[str] | None, job_id: int | None, offset: int, limit: int
) -> tuple[list[Document], int]:
    query = select(Document).where(Document.user_id == user_id)
    if kinds:
        query = query.where(Document.kind.in_(kinds))
    if job_id is not None:
        query = query.where(Document.job_id == job_id)
    return await page(session, query, offset, limit, Document.id.desc())


async def _of_documents(session: AsyncSession, rows: type[R], user_id: int, document_ids: list[int], order: Any) -> list[R]:
    """Versions or feedback of these documents, per document in `order`."""
    query = select(rows).where(rows.user_id == user_id, rows.document_id.in_(document_ids)).order_by(rows.document_id, order)
    return list((await session.execute(query)).scalars())


async def versions_for(session: AsyncSession, user_id: int, document_ids: list[int]) -> list[DocumentVersion]:
    return await _of_documents(session, DocumentVersion, user_id, document_ids, DocumentVersion.number)


async def latest_versions_for(session: AsyncSession, user_id: int, document_ids: list[int]) -> list[DocumentVersion]:
    newest = (
        select(DocumentVersion.document_id, func.max(DocumentVersion.number).label("number"))
        .where(DocumentVersion.user_id == user_id, DocumentVersion.document_id.in_(document_ids))
        .group_by(DocumentVersion.document_id)
        .subquery()
    )
    query = select(DocumentVersion).join(
        newest, (DocumentVersion.document_id == newest.c.document_id) & (DocumentVersion.number == newest.c.number)
    )
    return list((await session.execute(query)).scalars())


async def latest_version(session: AsyncSession, document_id: int) -> DocumentVersion | None:
    query = (
        select(DocumentVersion).where(DocumentVersion.document_id == document_id).order_by(DocumentVersion.number.desc()).limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def feedback_for(session: AsyncSession, user_id: int, document_ids: list[int]) -> list[DocumentFeedback]:
    return await _of_documents(session, DocumentFeedback, user_id, document_ids, DocumentFeedback.id)


async def save_draft(session: AsyncSession, document_id: int, text: str) -> None:
    await session.execute(update(Document).where(Document.id == document_id, Document.status == "streaming").values(draft=text))


async def stale_busy(session: AsyncSession, before: datetime) -> list[Document]:
    """Documents still pending or being written that have not moved since `before` (locked)."""
    return await stale(session, Document.updated_at, before, Document.status.in_(("pending", "streaming")))
