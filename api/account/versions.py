"""Data versions: a number per person that changes in the same transaction as every write to what
that person can read, and one (owner 0) for the tables everyone reads (postings, guidance rules).

PostgreSQL keeps them, so no write can forget: every table gets statement-level triggers
(`AFTER INSERT / UPDATE / DELETE ... FOR EACH STATEMENT` with transition tables, and `AFTER
TRUNCATE`) that insert one `data_changes` row per distinct owner the statement touched — the API's
mutations, the worker (scoring, ingestion, guidance, notifications) and raw SQL alike. Which owner a
row belongs to comes from `api.account.tables.owned_tables()` (its `user_id`, or the chain of
foreign keys up to an owned table with one); `users` rows are their own owner; every other table is
shared (owner 0) unless listed in UNVERSIONED with the reason. A TRUNCATE bumps owner 0, which every
cached answer's key includes.

Insert-only: writers never lock a shared counter row (no waits, no deadlocks between ingestion and a
person's mutations). A version is the sum of the owner's `weight`s; a row becomes visible when its
transaction commits, so the sum read by one statement changes exactly when a write commits.
`compact` folds each owner's rows into one in one transaction (the sum is unchanged) and forgets
deleted accounts.

The triggers are (re)created by `sync`, derived from the ORM metadata: by migration 0016 and by
`migrations/env.py` after every upgrade that ends at head, so a table added later is covered
without a change here (tests/account/test_versions.py fails if one is not).
"""

from __future__ import annotations

from sqlalchemy import Table, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession

import api.models  # noqa: F401  (every table registered)
from api.account.tables import USER_COLUMN, owned_tables
from api.models.base import Base

SHARED = 0  # owner id of the tables every person reads
FUNCTION = "bump_data_version"
TRIGGERS = {"INSERT": "data_version_insert", "UPDATE": "data_version_update", "DELETE": "data_version_delete"}
TRUNCATE_TRIGGER = "data_version_truncate"

# Tables whose writes change no answer to a query, with why (no trigger: their churn would only
# empty the caches).
UNVERSIONED: dict[str, str] = {
    "data_changes": "the versions themselves",
    "job_outbox": "jobs waiting to be sent to the queue: no query reads them",
}

FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owners text;
BEGIN
    -- TG_ARGV[0]: a query of the owner ids of the rows in the transition table named by %1$s
    IF TG_OP = 'TRUNCATE' THEN
        owners := 'SELECT {SHARED}';
    ELSIF TG_OP = 'INSERT' THEN
        owners := format(TG_ARGV[0], 'new_rows');
    ELSIF TG_OP = 'DELETE' THEN
        owners := format(TG_ARGV[0], 'old_rows');
    ELSE
        owners := format(TG_ARGV[0], 'new_rows') || ' UNION ' || format(TG_ARGV[0], 'old_rows');
    END IF;
    EXECUTE 'INSERT INTO data_changes (owner_id) SELECT DISTINCT owner FROM (' || owners
        || ') AS changed(owner) WHERE owner IS NOT NULL';
    RETURN NULL;
END
$$
"""


def owner_query(table: Table) -> str | None:
    """The query (a format string: %1$s is the transition table) of the owners of changed rows of
    `table`; None for an unversioned table."""
    if table.name in UNVERSIONED:
        return None
    if table.name == "users":
        return "SELECT id FROM %1$s"
    chains = {owned.name: owned for owned in owned_tables()}
    if table.name not in chains:
        return f"SELECT {SHARED} WHERE EXISTS (SELECT FROM %1$s)"
    joins: list[str] = []
    alias, owned = "c0", chains[table.name]
    while owned.parent is not None:  # up the foreign keys to a table with user_id
        (key,) = owned.parent.foreign_keys
        parent = f"c{len(joins) + 1}"
        joins.append(f"JOIN {key.column.table.name} {parent} ON {parent}.{key.column.name} = {alias}.{owned.parent.name}")
        alias, owned = parent, chains[key.column.table.name]
    return " ".join([f"SELECT {alias}.{USER_COLUMN} FROM %1$s c0", *joins])


def trigger_sql(table: Table) -> list[str]:
    """The statements that (re)create `table`'s triggers."""
    query = owner_query(table)
    if query is None:
        return []
    argument = "'" + query.replace("'", "''") + "'"
    transitions = {
        "INSERT": "REFERENCING NEW TABLE AS new_rows",
        "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "REFERENCING OLD TABLE AS old_rows",
    }
    statements = [
        f"CREATE OR REPLACE TRIGGER {name} AFTER {event} ON {table.name} {transitions[event]} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}({argument})"
        for event, name in TRIGGERS.items()
    ]
    statements.append(
        f"CREATE OR REPLACE TRIGGER {TRUNCATE_TRIGGER} AFTER TRUNCATE ON {table.name} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}('')"
    )
    return statements


def sync(connection: Connection) -> None:
    """Create the function and every table's triggers (of the tables that exist): idempotent."""
    existing = set(connection.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).scalars())
    connection.execute(text(FUNCTION_SQL))
    for table in Base.metadata.sorted_tables:
        if table.name in existing:
            for statement in trigger_sql(table):
                connection.execute(text(statement))


def versioned_tables() -> list[str]:
    return [table.name for table in Base.metadata.sorted_tables if table.name not in UNVERSIONED]


VERSIONS = text(
    "SELECT coalesce(sum(weight) FILTER (WHERE owner_id = :owner), 0) AS owner, "
    f"coalesce(sum(weight) FILTER (WHERE owner_id = {SHARED}), 0) AS shared "
    f"FROM data_changes WHERE owner_id IN (:owner, {SHARED})"
)


async def current(session: AsyncSession, user_id: int) -> tuple[int, int]:
    """(the person's version, the shared tables' version): one statement."""
    row = (await session.execute(VERSIONS, {"owner": user_id})).one()
    return int(row[0]), int(row[1])


COMPACT = text(
    f"""
    WITH folded AS (DELETE FROM data_changes RETURNING owner_id, weight)
    INSERT INTO data_changes (owner_id, weight)
    SELECT owner_id, sum(weight) FROM folded
    WHERE owner_id = {SHARED} OR owner_id IN (SELECT id FROM users)
    GROUP BY owner_id
    """
)


async def compact(session: AsyncSession) -> None:
    """Fold each owner's rows into one (same sum, so the same version); drop deleted accounts'.
    Rows committed meanwhile are not in this statement's snapshot and stay as they are."""
    await session.execute(COMPACT)
