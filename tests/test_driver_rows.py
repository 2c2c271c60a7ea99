"""Reads straight from the driver (`api.db.driver_rows`) give what SQLAlchemy gives for the same
statement: its type conversions applied to parameters and columns, rows readable by key and as
attributes, seen by the statement listeners."""

from __future__ import annotations

import pytest
from sqlalchemy import BigInteger, Float, Numeric, any_, bindparam, cast, literal, select, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from api import db
from api.job import repository
from api.models import Job as JobModel
from tests.support.jobs import two_people_with_jobs


@pytest.fixture
async def people(client, services):
    return await two_people_with_jobs(client, services.database_url)


class TestDriverRows:
    async def test_values_are_what_sqlalchemy_gives_and_listeners_see_the_statement(self, people):
        # given: a statement with an array parameter and an array column (both converted by
        # SQLAlchemy's type processors), a bound literal and a parameter used twice
        user_id, _ = people
        owner = bindparam("user_id", type_=BigInteger)
        statement = select(JobModel.id, JobModel.tech_stack, literal(7).label("seven"), owner.label("again")).where(
            JobModel.user_id == owner, JobModel.id == any_(bindparam("ids", type_=ARRAY(BigInteger)))
        )
        ids = [row["id"] for row in (await repository.listed_page(user_id, repository.JobFilter(), 0, 3))[0]]
        seen: list[tuple[str, tuple]] = []
        db.driver_listeners.append(lambda sql, parameters: seen.append((sql, parameters)))
        try:
            # when
            rows = await db.driver_rows(statement, {"user_id": user_id, "ids": ids})
        finally:
            db.driver_listeners.pop()
        # then
        async with db.read_session() as session:
            expected = [dict(row._mapping) for row in (await session.execute(statement, {"user_id": user_id, "ids": ids}))]
        assert sorted(rows, key=lambda row: row["id"]) == sorted(expected, key=lambda row: row["id"])
        assert {row["seven"] for row in rows} == {7} and {row["again"] for row in rows} == {user_id}
        assert all(isinstance(row["tech_stack"], list) for row in rows)
        assert len(seen) == 1 and seen[0][1] == (7, user_id, ids) and "ANY" in seen[0][0]

    async def test_a_text_statement_gives_its_columns_by_name(self, services):
        # when
        row = await db.driver_row(text("SELECT CAST(:n AS int) + 1 AS next, 'x' AS letter"), {"n": 41})
        none = await db.driver_row(text("SELECT 1 AS one WHERE false"), {})
        # then
        assert (row, none) == ({"next": 42, "letter": "x"}, None)

    async def test_numbers_and_json_convert_as_sqlalchemy_converts_them(self, services):
        # given: columns whose conversion depends on the server's type of the column (a float, a
        # numeric read as float, a numeric read as Decimal) and a JSONB value
        statement = select(
            cast(literal(1.5), Float).label("real"),
            cast(literal(2.5), Numeric(asdecimal=False)).label("as_float"),
            cast(literal(3.5), Numeric()).label("as_decimal"),
            cast(literal('{"a": [1, 2]}'), JSONB).label("document"),
        )
        # when
        row = await db.driver_row(statement, {})
        # then
        async with db.read_session() as session:
            expected = dict((await session.execute(statement)).one()._mapping)
        assert row == expected
        assert [type(row[key]).__name__ for key in ("real", "as_float", "as_decimal")] == ["float", "float", "Decimal"]

    async def test_a_row_reads_its_columns_as_attributes(self, services):
        # when
        row = await db.driver_row(text("SELECT 'applied' AS status"), {})
        # then: as an ORM row reads, and a missing name is an AttributeError (getattr's default works)
        assert row is not None and row.status == "applied" and getattr(row, "missing", None) is None
        with pytest.raises(AttributeError):
            _ = row.missing
