"""Helpers for the own-your-data tests: a person with data, their archive, and every owned row count."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from tests.support.career import create_goal
from tests.support.graphql import Session, db_id
from tests.support.jobs import create_application, create_job
from tests.support.waiting import worker_idle

MOVE = """
mutation Move($input: ApplicationStatusUpdateInput!) {
  applicationStatusUpdate(input: $input) { application { id status } errors { field message code } }
}
"""


async def with_data(user: Session) -> None:
    """Jobs, an application moved twice (status history), a goal; returns once the work these
    started in the worker (scores, milestones, the journey, guidance) is done, so row counts taken
    next do not change under the caller."""
    first = await create_job(user, company="Acme", title="Backend Engineer", salaryMin=90000, salaryMax=120000)
    await create_job(user, company="Globex", title="Data Engineer", location="Berlin")
    application = (await create_application(user, first, status="APPLIED"))["application"]
    moved = await user.gql(MOVE, {"input": {"id": application["id"], "status": "INTERVIEW"}})
    assert moved["applicationStatusUpdate"]["errors"] == [], moved
    await create_goal(user, title="Learn Rust")
    await worker_idle()


async def archive(user: Session) -> dict[str, Any]:
    response = await user.client.get("/export/archive.json", headers={"authorization": f"Bearer {user.token}"})
    assert response.status_code == 200, response.text
    return json.loads(response.content)


async def owned_counts(user_id: str) -> dict[str, int]:
    """Rows per owned table (every table with a user id, and the ones hanging from them) of `user_id`."""
    from api.account.repository import _owned_query
    from api.account.tables import owned_tables
    from api.db import read_session

    counts = {}
    async with read_session() as session:
        for owned in owned_tables():
            query = _owned_query(owned, db_id(user_id), [func.count()]).order_by(None)
            counts[owned.name] = int((await session.execute(query)).scalar_one())
    return counts


async def user_exists(user_id: str) -> bool:
    from api.db import read_session
    from api.models.user import User

    async with read_session() as session:
        return (await session.execute(select(User.id).where(User.id == db_id(user_id)))).first() is not None


def normalised(data: dict[str, Any]) -> dict[str, Any]:
    """An archive with ids replaced by positions (and foreign keys by the position they point at),
    so two accounts' archives of the same data compare equal."""
    from api.account.tables import REKEYED_COLUMNS, exported_tables

    positions = {name: {row.get("id"): i for i, row in enumerate(rows)} for name, rows in data["tables"].items()}
    tables: dict[str, list[dict[str, Any]]] = {}
    for owned in exported_tables():
        fks = {c.name: fk.column.table.name for c in owned.table.c for fk in c.foreign_keys}
        rows = []
        for row in data["tables"][owned.name]:
            row = dict(row)
            row.pop("id", None)
            row.pop("user_id", None)
            for column, target in fks.items():
                if target in positions and row.get(column) is not None:
                    row[column] = positions[target][row[column]]
            if owned.name in REKEYED_COLUMNS:
                row[REKEYED_COLUMNS[owned.name]] = str(row[REKEYED_COLUMNS[owned.name]]).split("#import-")[0]
            rows.append(row)
        tables[owned.name] = rows
    return {"profile": data["profile"], "tables": tables}
