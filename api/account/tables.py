"""Which tables a person owns, found from the ORM metadata, and how their rows travel in an archive.

A table is owned when it has a `user_id` column, or when it hangs (ON DELETE CASCADE) from an owned
table without one (an application's status history). Export, import and account deletion all start
from `owned_tables()`, so a table added later is exported, imported and deleted without a change
here — unless it holds secrets, which must be listed below with the reason (a test fails on any
owned column whose name looks secret and is not decided here).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Table, UniqueConstraint

import api.models  # noqa: F401  (every table registered)
from api.models.base import Base

FORMAT = "career-companion-export"
VERSION = 1

# Owned tables left out of the archive (and so never imported), with why. Account deletion still
# removes their rows.
EXCLUDED_TABLES: dict[str, str] = {
    "refresh_tokens": "sign-in sessions: secrets (token hashes) that only mean something on this server",
    "user_identities": "links to sign-in providers: connecting a provider must be done by signing in with it, "
    "never by a file (it would let a file take over a provider identity)",
    "personal_access_tokens": "API tokens: secrets (token hashes), shown once and never exported",
}

# Columns of exported tables left out, with why.
EXCLUDED_COLUMNS: dict[str, dict[str, str]] = {
    "users": {
        "id": "the account's own id on this server",
        "password_hash": "a secret: the new account keeps its own password",
        "username": "the importing account keeps its own",
        "email": "the importing account keeps its own (verified) address",
        "created_at": "the importing account keeps its own",
        "updated_at": "the importing account keeps its own",
        "last_seen_at": "a fact about this server's sessions",
    },
    "jobs": {"search_vector": "derived from the text by the database"},
    "notification_preferences": {
        "ntfy_token": "a secret for a push server: set it again in the new account",
        "webhook_secret": "a signing secret: set it again in the new account",
        "calendar_token_hash": "the secret calendar feed's token hash: make a new feed link",
        "calendar_token_created_at": "belongs to the calendar token left out above",
    },
}

# Columns unique over all people (idempotency keys that embed ids): an import into another account
# gives them a suffix so they cannot collide with the exported account's rows.
REKEYED_COLUMNS: dict[str, str] = {
    "notifications": "dedupe_key",
    "deliveries": "dedupe_key",
}

# Columns whose names look secret but are not (decided, so the guard test passes).
NOT_SECRET: set[tuple[str, str]] = {
    ("ai_usage", "prompt_tokens"),
    ("ai_usage", "completion_tokens"),
    ("ai_usage", "total_tokens"),
    ("document_versions", "prompt_tokens"),
    ("document_versions", "completion_tokens"),
    ("document_versions", "total_tokens"),
    ("watched_companies", "board_token"),  # a job board's public name of the company
}

SECRET_WORDS = ("hash", "secret", "token", "password")

USER_COLUMN = "user_id"


@dataclass(frozen=True)
class Owned:
    table: Table
    parent: Column[Any] | None  # for a table without user_id: its foreign key to an owned table

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def singleton(self) -> bool:
        """At most one row per person (unique user_id): an import replaces the row the account may
        already have from its first use instead of counting it as data."""
        column = self.table.c.get(USER_COLUMN)
        if column is not None and (column.unique or column.primary_key):
            return True
        return any(
            isinstance(c, UniqueConstraint) and [col.name for col in c.columns] == [USER_COLUMN] for c in self.table.constraints
        )


def owned_tables() -> list[Owned]:
    """Every owned table in dependency order (parents first)."""
    owned: dict[str, Owned] = {}
    for table in Base.metadata.sorted_tables:
        if USER_COLUMN in table.c:
            owned[table.name] = Owned(table, None)
            continue
        for fk in table.foreign_keys:
            if fk.ondelete == "CASCADE" and fk.column.table.name in owned and fk.column.table.name != "users":
                owned[table.name] = Owned(table, fk.parent)
                break
    return list(owned.values())


def exported_tables() -> list[Owned]:
    return [t for t in owned_tables() if t.name not in EXCLUDED_TABLES]


def exported_columns(table: Table) -> list[Column[Any]]:
    excluded = EXCLUDED_COLUMNS.get(table.name, {})
    return [c for c in table.c if c.name not in excluded and c.computed is None]


def looks_secret(table: str, column: str) -> bool:
    return (table, column) not in NOT_SECRET and any(word in column.lower() for word in SECRET_WORDS)


def encode(value: Any) -> Any:
    """A column value as JSON."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def decode(column: Column[Any], value: Any) -> Any:
    """A JSON value back into what the column takes; ValueError when it cannot be."""
    if value is None:
        return None
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return value
    if kind is datetime:
        parsed = datetime.fromisoformat(str(value))
        return parsed
    if kind is date:
        return date.fromisoformat(str(value))
    if kind is time:
        return time.fromisoformat(str(value))
    if kind is Decimal:
        return Decimal(str(value))
    if kind is uuid.UUID:
        return uuid.UUID(str(value))
    if kind is bytes:
        return bytes.fromhex(str(value))
    if kind in (int, float) and isinstance(value, bool):
        raise ValueError("a number is expected")
    if kind is int and not isinstance(value, int):
        raise ValueError("a whole number is expected")
    if kind is float and not isinstance(value, int | float):
        raise ValueError("a number is expected")
    if kind is str and not isinstance(value, str):
        raise ValueError("text is expected")
    if kind is bool and not isinstance(value, bool):
        raise ValueError("true or false is expected")
    return value
