"""Own your data: change the password, see and end sign-in sessions, export everything as one
archive (and jobs and applications as CSV), import an archive into an empty account, delete the account.

Takes the session and user id explicitly; flushes, never commits (the caller's unit of work does).
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api import broker, queue
from api.account import repository
from api.account.tables import (
    EXCLUDED_TABLES,
    FORMAT,
    REKEYED_COLUMNS,
    USER_COLUMN,
    VERSION,
    decode,
    encode,
    exported_columns,
    exported_tables,
    owned_tables,
)
from api.db import snapshot_session
from api.errors import AppError, ErrorCode, NotFound
from api.models.user import User
from api.user.passwords import hash_password, password_problem, verify_password


def _signed_out(user_id: int, families: list[uuid.UUID]) -> list[uuid.UUID]:
    """Tell live connections (the WebSocket layer listens on `sessions:<user id>`) after commit."""
    for family in families:
        queue.publish(broker.SESSION_EVENTS, user_id, str(family))
    return families


class WrongPassword(AppError):
    def __init__(self, field: str = "current_password"):
        super().__init__("The current password is wrong", field, ErrorCode.INVALID_CREDENTIALS)


# password ----------------------------------------------------------------------------------------


async def change_password(
    session: AsyncSession, user_id: int, current: str | None, new: str, keep_family: uuid.UUID | None
) -> User:
    """Set a new password (the current one required when there is one; an account made by signing
    in with a provider may set its first). Every other sign-in session is signed out."""
    user = await repository.user_for_update(session, user_id)
    if user is None:
        raise NotFound("Account not found", "id")
    if user.password_hash is not None and not verify_password(user.password_hash, current or ""):
        raise WrongPassword()
    problem = password_problem(new or "", username=user.username, email=user.email)
    if problem:
        raise AppError(problem, "new_password", ErrorCode.WEAK_PASSWORD)
    user.password_hash = hash_password(new)
    _signed_out(user_id, await repository.revoke_families(session, user_id, datetime.now(UTC), keep=keep_family))
    await session.flush()
    return user


# sessions ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignInSession:
    family_id: uuid.UUID
    started_at: datetime
    last_used_at: datetime
    current: bool
    user_agent: str | None = None
    ip: str | None = None


async def sessions(session: AsyncSession, user_id: int, current: uuid.UUID | None) -> list[SignInSession]:
    rows = await repository.sessions(session, user_id, datetime.now(UTC))
    return [SignInSession(r.family_id, r.started_at, r.last_used_at, r.family_id == current, r.user_agent, r.ip) for r in rows]


async def revoke_session(session: AsyncSession, user_id: int, family_id: uuid.UUID) -> list[uuid.UUID]:
    revoked = await repository.revoke_families(session, user_id, datetime.now(UTC), only=family_id)
    if not revoked:
        raise NotFound("Session not found", "id")
    return _signed_out(user_id, revoked)


async def revoke_all(session: AsyncSession, user_id: int) -> list[uuid.UUID]:
    """Sign out everywhere, this session included."""
    return _signed_out(user_id, await repository.revoke_families(session, user_id, datetime.now(UTC)))


# delete ------------------------------------------------------------------------------------------


async def delete_account(session: AsyncSession, user_id: int, password: str | None, username: str | None) -> None:
    """Delete the account and every row it owns, in the caller's one transaction. Confirmed by the
    password, or — for an account without one — by typing the username."""
    user = await repository.user_for_update(session, user_id)
    if user is None:
        raise NotFound("Account not found", "id")
    if user.password_hash is not None:
        if not verify_password(user.password_hash, password or ""):
            raise WrongPassword("password")
    elif (username or "").strip().lower() != user.username.lower():
        raise AppError("Type your username to confirm", "username", ErrorCode.INVALID)
    for owned in reversed(owned_tables()):  # explicit, so no table depends on a CASCADE being declared
        await repository.delete_owned(session, owned, user_id)
    await repository.delete_user(session, user_id)
    queue.publish(broker.SESSION_EVENTS, user_id, "deleted")


# export ------------------------------------------------------------------------------------------


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=encode)


async def archive_chunks(user_id: int, now: datetime) -> AsyncIterator[str]:
    """The archive as JSON text, table by table, rows read in batches (see docs/export-format.md),
    all from one snapshot."""
    async with snapshot_session() as session:
        profile = await repository.user_row(session, user_id)
        head = {"format": FORMAT, "version": VERSION, "exported_at": now.isoformat(), "profile": profile}
        yield _json(head)[:-1] + ', "tables": {'
        for index, owned in enumerate(exported_tables()):
            yield ("," if index else "") + f"\n{_json(owned.name)}: ["
            first = True
            async for row in repository.stream_rows(session, owned, user_id):
                yield ("" if first else ",") + "\n  " + _json({k: encode(v) for k, v in row.items()})
                first = False
            yield "]"
        yield "\n}}\n"


def _csv_line(values: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(["" if v is None else encode(v) for v in values])
    return buffer.getvalue()


JOB_COLUMNS = ["company", "title", "location", "job_type", "remote_option", "salary_min", "salary_max", "salary_currency"]
JOB_COLUMNS += ["source_url", "match_score", "tech_stack", "created_at", "closed_at", "application_status", "applied_at"]


async def jobs_csv(user_id: int) -> AsyncIterator[str]:
    yield _csv_line(JOB_COLUMNS)
    async with snapshot_session() as session:
        async for job, status, applied_at in repository.stream_jobs(session, user_id):
            values = [getattr(job, c) for c in JOB_COLUMNS[:-4]] + [job.created_at, job.closed_at, status, applied_at]
            values[JOB_COLUMNS.index("tech_stack")] = "; ".join(job.tech_stack or [])
            yield _csv_line(values)


APPLICATION_COLUMNS = ["company", "title", "location", "source_url", "status", "applied_at", "interview_at", "offer_at"]
APPLICATION_COLUMNS += ["decided_at", "follow_up_on", "notes", "created_at", "status_history"]


async def applications_csv(user_id: int) -> AsyncIterator[str]:
    """One line per application; `status_history` lists `from→to@time` changes, oldest first."""
    yield _csv_line(APPLICATION_COLUMNS)
    async with snapshot_session() as session:
        async for app, company, title, location, url, history in repository.stream_applications(session, user_id):
            dates = [app.applied_at, app.interview_at, app.offer_at, app.decided_at, app.follow_up_on, app.notes, app.created_at]
            yield _csv_line([company, title, location, url, app.status, *dates, history or ""])


# import ------------------------------------------------------------------------------------------


class ImportRefused(AppError):
    def __init__(self, message: str, field: str = "file"):
        super().__init__(message, field, ErrorCode.INVALID)


def check_archive(data: Any) -> dict[str, list[dict[str, Any]]]:
    """The archive's tables, after checking its format and version; ImportRefused when it is not ours."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused(f"This is not a Career Companion archive (format must be {FORMAT!r})")
    if data.get("version") != VERSION:
        raise ImportRefused(f"Archive version {data.get('version')!r} is not supported; this server reads version {VERSION}")
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(v, list) for v in tables.values()):
        raise ImportRefused("The archive's tables are missing or malformed")
    known = {t.name for t in exported_tables()}
    unknown = sorted(set(tables) - known)
    if unknown:
        refused = [name for name in unknown if name in EXCLUDED_TABLES]
        what = "are never imported" if refused else "are unknown"
        raise ImportRefused(f"The archive has tables that {what}: {', '.join(unknown)}")
    return tables


async def import_archive(session: AsyncSession, user_id: int, data: Any) -> dict[str, int]:
    """Put an archive's rows into this (empty) account, new ids throughout; rows per table."""
    tables = check_archive(data)
    plan = exported_tables()
    for owned in plan:
        if not owned.singleton and await repository.count_rows(session, owned, user_id):
            raise ImportRefused("An archive can only be imported into an empty account: this one already has data")
    ids: dict[str, dict[int, int]] = {}
    counts: dict[str, int] = {}
    profile = data.get("profile") or {}
    if not isinstance(profile, dict):
        raise ImportRefused("The archive's profile is malformed")
    await repository.update_user(session, user_id, _values(User.__table__, profile, "profile", 0, {}))
    for owned in plan:
        rows = tables.get(owned.name, [])
        if owned.singleton and rows:
            await repository.delete_owned(session, owned, user_id)
        mapping = ids.setdefault(owned.name, {})
        for line, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise ImportRefused(f"{owned.name} row {line}: not an object")
            values = _values(owned.table, row, owned.name, line, ids)
            if USER_COLUMN in owned.table.c:
                values[USER_COLUMN] = user_id
            rekeyed = REKEYED_COLUMNS.get(owned.name)
            if rekeyed and values.get(rekeyed):
                values[rekeyed] = f"{values[rekeyed]}#import-{user_id}-{uuid.uuid4().hex[:8]}"
            for column in owned.table.c:
                for fk in column.foreign_keys:
                    target = fk.column.table.name
                    if target in ids or target == "users" or values.get(column.name) is None:
                        continue
                    if not await repository.exists(session, fk.column, values[column.name]):  # e.g. a posting gone
                        values[column.name] = None
            try:
                async with session.begin_nested():
                    new_id = await repository.insert_row(session, owned, values)
            except (IntegrityError, DBAPIError) as error:
                reason = str(error.orig).splitlines()[0] if error.orig else "refused by the database"
                raise ImportRefused(f"{owned.name} row {line}: {reason}") from None
            if isinstance(row.get("id"), int) and new_id is not None:
                mapping[row["id"]] = new_id
        counts[owned.name] = len(rows)
    await session.flush()
    return counts


def _values(table: Any, row: dict[str, Any], name: str, line: int, ids: dict[str, dict[int, int]]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in exported_columns(table):
        if column.name in ("id", USER_COLUMN) or column.name not in row:
            continue
        value = row[column.name]
        try:
            value = decode(column, value)
        except (ValueError, TypeError) as error:
            raise ImportRefused(f"{name} row {line}: {column.name}: {error}") from None
        for fk in column.foreign_keys:
            target = fk.column.table.name
            if target in ids and value is not None:
                if value not in ids[target]:
                    raise ImportRefused(f"{name} row {line}: {column.name} points at a {target} row not in the archive")
                value = ids[target][value]
        values[column.name] = value
    return values


def parse_archive(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRefused(f"The file is not JSON: {error}") from None
