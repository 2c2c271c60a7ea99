"""All SQL of the account's own data: streaming the owned rows, inserting an archive's rows,
deleting the account, and the sign-in sessions (refresh-token families)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, insert, literal, select, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from api.account.tables import USER_COLUMN, Owned, exported_columns
from api.models.application import Application
from api.models.application_status_change import ApplicationStatusChange
from api.models.job import Job
from api.models.refresh_token import RefreshToken
from api.models.user import User

BATCH = 500


def _owned_query(owned: Owned, user_id: int, columns: list[Any]) -> Select[Any]:
    table = owned.table
    query = select(*columns)
    if owned.parent is None:
        query = query.where(table.c[USER_COLUMN] == user_id)
    else:
        [fk] = owned.parent.foreign_keys
        parent = fk.column.table
        query = query.where(owned.parent.in_(select(parent.c.id).where(parent.c[USER_COLUMN] == user_id)))
    return query.order_by(*table.primary_key.columns)


async def stream_rows(session: AsyncSession, owned: Owned, user_id: int) -> AsyncIterator[dict[str, Any]]:
    """The person's rows of one table, read `BATCH` at a time (a server-side cursor)."""
    columns = exported_columns(owned.table)
    result = await session.stream(_owned_query(owned, user_id, columns).execution_options(yield_per=BATCH))
    async for row in result.mappings():
        yield dict(row)


async def count_rows(session: AsyncSession, owned: Owned, user_id: int) -> int:
    query = _owned_query(owned, user_id, [func.count()]).order_by(None)
    return int((await session.execute(query)).scalar_one())


async def user_row(session: AsyncSession, user_id: int) -> dict[str, Any] | None:
    owned = Owned(User.__table__, None)  # type: ignore[arg-type]
    columns = exported_columns(owned.table)
    row = (await session.execute(select(*columns).where(User.id == user_id))).mappings().first()
    return dict(row) if row else None


async def update_user(session: AsyncSession, user_id: int, values: dict[str, Any]) -> None:
    if values:
        await session.execute(update(User).where(User.id == user_id).values(**values))


async def delete_owned(session: AsyncSession, owned: Owned, user_id: int) -> None:
    table = owned.table
    if owned.parent is None:
        await session.execute(delete(table).where(table.c[USER_COLUMN] == user_id))
        return
    [fk] = owned.parent.foreign_keys
    parent = fk.column.table
    await session.execute(delete(table).where(owned.parent.in_(select(parent.c.id).where(parent.c[USER_COLUMN] == user_id))))


async def insert_row(session: AsyncSession, owned: Owned, values: dict[str, Any]) -> int | None:
    """Insert one row; its new id (None for a table keyed otherwise)."""
    table = owned.table
    if "id" not in table.c:
        await session.execute(insert(table).values(**values))
        return None
    return int((await session.execute(insert(table).values(**values).returning(table.c.id))).scalar_one())


async def exists(session: AsyncSession, column: Any, value: Any) -> bool:
    return (await session.execute(select(column).where(column == value).limit(1))).first() is not None


async def delete_user(session: AsyncSession, user_id: int) -> bool:
    """Delete the account; every owned row goes with it (ON DELETE CASCADE), in this transaction."""
    result = await session.execute(delete(User).where(User.id == user_id).returning(User.id))
    return result.first() is not None


# sign-in sessions ---------------------------------------------------------------------------------


async def sessions(session: AsyncSession, user_id: int, now: datetime) -> list[Any]:
    """The person's live sign-ins: one row per refresh-token family that has an unrevoked, unexpired token."""
    query = (
        select(
            RefreshToken.family_id,
            func.min(RefreshToken.created_at).label("started_at"),
            func.max(RefreshToken.created_at).label("last_used_at"),
            func.min(RefreshToken.user_agent).label("user_agent"),  # only a family's first token has them
            func.min(RefreshToken.ip).label("ip"),
        )
        .where(RefreshToken.user_id == user_id)
        .group_by(RefreshToken.family_id)
        .having(func.bool_or((RefreshToken.revoked_at.is_(None)) & (RefreshToken.expires_at > now)))
        .order_by(func.max(RefreshToken.created_at).desc())
    )
    return list((await session.execute(query)).all())


async def revoke_families(
    session: AsyncSession, user_id: int, now: datetime, *, only: uuid.UUID | None = None, keep: uuid.UUID | None = None
) -> list[uuid.UUID]:
    """Revoke the person's families (`only` one, or all but `keep`); the families revoked."""
    query = (
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .returning(RefreshToken.family_id)
    )
    if only is not None:
        query = query.where(RefreshToken.family_id == only)
    if keep is not None:
        query = query.where(RefreshToken.family_id != keep)
    return sorted(set((await session.execute(query)).scalars()), key=str)


async def user_for_update(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id, with_for_update=True)


# CSV exports -------------------------------------------------------------------------------------


async def stream_jobs(session: AsyncSession, user_id: int) -> AsyncIterator[Any]:
    query = (
        select(Job, Application.status, Application.applied_at)
        .outerjoin(Application, Application.job_id == Job.id)
        .where(Job.user_id == user_id)
        .order_by(Job.id)
        .execution_options(yield_per=BATCH)
    )
    result = await session.stream(query)
    async for row in result:
        yield row


async def stream_applications(session: AsyncSession, user_id: int) -> AsyncIterator[Any]:
    history = (
        select(
            func.string_agg(
                func.concat(
                    func.coalesce(ApplicationStatusChange.from_status, ""),
                    "→",
                    ApplicationStatusChange.to_status,
                    "@",
                    func.to_char(ApplicationStatusChange.changed_at.op("AT TIME ZONE")("UTC"), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                ),
                aggregate_order_by(literal("; "), ApplicationStatusChange.changed_at),
            )
        )
        .where(ApplicationStatusChange.application_id == Application.id)
        .scalar_subquery()
    )
    query = (
        select(Application, Job.company, Job.title, Job.location, Job.source_url, history.label("history"))
        .join(Job, Job.id == Application.job_id)
        .where(Application.user_id == user_id)
        .order_by(Application.id)
        .execution_options(yield_per=BATCH)
    )
    result = await session.stream(query)
    async for row in result:
        yield row
