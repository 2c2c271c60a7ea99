"""Input bounds and masking under abuse: ids outside the 64-bit range, deeply nested JSON, NUL
characters, statement timeouts, concurrent failing requests, introspection."""

from __future__ import annotations

import asyncio
import base64
import json

import pytest

from tests.support.graphql import signed_up
from tests.support.jobs import JOB_CREATE

JOBS = "query Jobs($text: String) { jobs(first: 5, filter: {text: $text}) { totalCount } }"
NODE = "query N($id: ID!) { node(id: $id) { id } }"
JOB_DELETE = "mutation D($input: JobDeleteInput!) { jobDelete(input: $input) { deletedId errors { field message code } } }"
HUGE = str(2**64)  # beyond BIGINT


def global_id(type_name: str, node_id: str) -> str:
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


class TestIdsOutsideTheIntegerRange:
    async def test_node_is_null(self, client):
        # given
        user = await signed_up(client)
        # when
        body = await user.raw(NODE, {"id": global_id("Job", HUGE)})
        # then
        assert body == {"data": {"node": None}}

    async def test_a_mutation_answers_not_found(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(JOB_DELETE, {"input": {"id": global_id("Job", HUGE)}}))["jobDelete"]
        # then
        assert payload["errors"] == [{"field": "id", "message": "Job not found", "code": "NOT_FOUND"}]

    @pytest.mark.parametrize("node_id", [HUGE, "-1", "٣", "+5", " 5", "1e3", "9" * 400])
    async def test_the_export_endpoint_answers_404(self, client, node_id):
        # given
        user = await signed_up(client)
        # when
        response = await client.get(
            f"/documents/{global_id('Document', node_id)}/export", headers={"authorization": f"Bearer {user.token}"}
        )
        # then
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND"


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


class TestJsonNesting:
    async def test_deeply_nested_variables_in_a_body_are_a_400(self, client):
        # given: 50,000 levels, which the JSON decoder itself cannot take
        body = '{"query": "{ __typename }", "variables": {"x": ' + nested(50_000) + "}}"
        # when
        response = await client.post("/graphql", content=body, headers={"content-type": "application/json"})
        # then
        assert response.status_code == 400
        assert response.text == "JSON nested deeper than 64 levels"

    async def test_nesting_over_the_limit_that_the_decoder_could_take_is_a_400(self, client):
        # when
        response = await client.post(
            "/graphql",
            content='{"query": "{ __typename }", "variables": {"x": ' + nested(100) + "}}",
            headers={"content-type": "application/json"},
        )
        # then
        assert response.status_code == 400

    async def test_deeply_nested_variables_over_get_are_a_400(self, client):
        # when
        response = await client.get("/graphql", params={"query": "{ __typename }", "variables": '{"x": ' + nested(2_000) + "}"})
        # then
        assert response.status_code == 400

    async def test_ordinary_nesting_is_fine(self, client):
        # when
        response = await client.post("/graphql", json={"query": "{ __typename }", "variables": {"x": [[[[{"a": [1]}]]]]}})
        # then
        assert response.json() == {"data": {"__typename": "Query"}}

    async def test_a_deeply_nested_subscribe_message_closes_with_4400(self, base_url):
        # given
        import websockets

        from tests.support.ws import Subscription

        async with Subscription(base_url, None) as subscription:
            # when
            await subscription.ws.send('{"id": "1", "type": "subscribe", "payload": ' + nested(50_000) + "}")
            # then
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await subscription.next(timeout=5)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4400


class TestNulCharacters:
    async def test_a_mutation_input_with_nul_is_a_field_error_and_writes_nothing(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(JOB_CREATE, {"input": {"company": "Acme", "title": "Senior\x00 Engineer"}}))["jobCreate"]
        # then
        assert payload == {
            "job": None,
            "errors": [{"field": "title", "message": "Must not contain NUL characters", "code": "INVALID"}],
        }
        assert (await user.gql(JOBS))["jobs"]["totalCount"] == 0

    async def test_nul_inside_a_list_of_an_input_names_that_field(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(JOB_CREATE, {"input": {"company": "Acme", "title": "Engineer", "techStack": ["Py\x00"]}}))[
            "jobCreate"
        ]
        # then
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [("techStack", "INVALID")]

    async def test_a_query_argument_with_nul_is_refused_before_it_runs(self, client):
        # given
        from tests.support.statements import counting_statements

        user = await signed_up(client)
        # when
        async with counting_statements() as statements:
            body = await user.raw(JOBS, {"text": "kuber\x00netes"})
        # then
        assert body["errors"][0]["message"] == "Text must not contain NUL characters"
        assert statements == []

    @pytest.mark.parametrize("literal", ["a\\u0000b", "a\\u{0}b", "a\x00b"])
    async def test_a_literal_with_nul_is_refused_too(self, client, literal):
        # given
        user = await signed_up(client)
        # when
        body = await user.raw('{ jobs(filter: {text: "' + literal + '"}) { totalCount } }')
        # then
        assert body["errors"][0]["message"] == "Text must not contain NUL characters"

    async def test_a_subscription_argument_with_nul_is_refused(self, client, base_url):
        # given
        from tests.support.ws import Subscription

        user = await signed_up(client)
        async with Subscription(base_url, user.token) as subscription:
            # when
            await subscription.start(
                "subscription S($after: ID) { notificationReceived(after: $after) { id } }", {"after": "x\x00"}
            )
            message = await subscription.next(timeout=5)
        # then
        assert message["payload"]["errors"][0]["message"] == "Text must not contain NUL characters"


SECRET_SQL = "SELECT secret_column FROM secret_table_c0ffee WHERE password = 'hunter2'"


class TestMaskingUnderConcurrency:
    async def test_concurrent_database_errors_never_leak_sql(self, client, monkeypatch):
        # given: the jobs list runs a statement PostgreSQL rejects, naming a table, a column and a
        # value, straight from the driver as the dashboard's page is read (asyncpg's own error)
        from sqlalchemy import text

        from api import db
        from api.job import repository

        async def failing(*args, **kwargs):
            await db.driver_rows(text(SECRET_SQL), {})

        user = await signed_up(client)
        monkeypatch.setattr(repository, "listed_page", failing)
        # when: twenty such requests at once
        bodies = await asyncio.gather(*(user.raw(JOBS) for _ in range(20)))
        # then
        for body in bodies:
            assert body["errors"][0]["message"] == "Internal error"
            leaked = json.dumps(body)
            assert "secret" not in leaked and "hunter2" not in leaked and "SELECT" not in leaked


class TestStatementTimeout:
    async def test_connections_carry_the_configured_timeout(self):
        # given
        from sqlalchemy import text

        from api.config import get_settings
        from api.db import read_session

        # when
        async with read_session() as session:
            value = (await session.execute(text("SHOW statement_timeout"))).scalar_one()
        # then
        assert value == f"{int(get_settings().statement_timeout)}s"

    async def test_a_statement_over_the_timeout_is_a_clear_masked_error(self, client, monkeypatch):
        # given: the jobs search runs into the timeout (shortened for this connection: reads run in
        # autocommit, where SET LOCAL would last no longer than itself)
        from sqlalchemy import text

        from api.graphql.errors import TIMEOUT_MESSAGE
        from api.job import repository

        async def slow(session, *args, **kwargs):
            try:
                await session.execute(text("SET statement_timeout = '50ms'"))
                await session.execute(text("SELECT pg_sleep(5)"))
            finally:
                await (await session.connection()).invalidate()  # the pool never hands it out again

        user = await signed_up(client)
        monkeypatch.setattr(repository, "list_page", slow)
        # when
        body = await user.raw(JOBS, {"text": "engineer"})
        # then
        assert body["errors"][0]["message"] == TIMEOUT_MESSAGE
        assert "pg_sleep" not in json.dumps(body)

    async def test_the_drivers_own_timeout_error_is_recognised(self, services):
        # given: a statement cancelled at statement_timeout on a bare asyncpg connection (what
        # api.db.driver_rows raises: the driver's error, not SQLAlchemy's)
        import asyncpg

        from api.graphql.errors import is_statement_timeout

        conn = await asyncpg.connect(services.database_url, server_settings={"statement_timeout": "50"})
        try:
            # when
            with pytest.raises(asyncpg.PostgresError) as raised:
                await conn.fetch("SELECT pg_sleep(5)")
        finally:
            await conn.close()
        # then
        assert is_statement_timeout(raised.value)

    async def test_the_worker_process_gets_its_own_timeout(self, monkeypatch):
        # given
        from sqlalchemy import text

        from api import db
        from api.config import Settings

        settings = Settings(statement_timeout=5, worker_statement_timeout=120)
        monkeypatch.setattr(db, "_worker", False)
        api_engine = db.create_engine(settings)
        # when
        db.as_worker()
        worker_engine = db.create_engine(settings)
        # then
        shown = []
        for engine in (api_engine, worker_engine):
            async with engine.connect() as connection:
                shown.append((await connection.execute(text("SHOW statement_timeout"))).scalar_one())
            await engine.dispose()
        assert shown == ["5s", "2min"]


INTROSPECTION = "{ __schema { queryType { name } } }"


class TestIntrospection:
    def test_off_by_default_in_production(self):
        # given
        from api.config import Settings

        # when
        production = Settings(database_url="postgresql://db/x", graphiql=None, debug=False, introspection=None)
        development = Settings(database_url=None, graphiql=None, introspection=None)
        debugging = Settings(database_url="postgresql://db/x", graphiql=False, debug=True, introspection=None)
        # then
        assert production.introspection is False
        assert development.introspection is True and debugging.introspection is True

    async def test_a_schema_without_introspection_refuses_it_but_answers_typename(self):
        # given
        from api.config import Settings
        from api.schema import build_schema

        schema = build_schema(Settings(database_url="postgresql://db/x", graphiql=False, introspection=False))
        # when
        refused = await schema.execute(INTROSPECTION)
        typename = await schema.execute("{ __typename }")
        # then
        assert refused.errors and "introspection" in refused.errors[0].message.lower()
        assert typename.data == {"__typename": "Query"}

    async def test_on_where_graphiql_is_served(self, client):
        # when (the test app serves GraphiQL, which needs introspection)
        body = (await client.post("/graphql", json={"query": INTROSPECTION})).json()
        # then
        assert body == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


class TestCursors:
    @pytest.mark.parametrize("offset", [HUGE, "-5", str(2**63 - 1)])
    async def test_a_cursor_outside_the_offset_range_is_a_clear_error(self, client, offset):
        # given
        user = await signed_up(client)
        cursor = base64.b64encode(f"offset:{offset}".encode()).decode()
        # when
        body = await user.raw("query J($after: String) { jobs(after: $after) { totalCount } }", {"after": cursor})
        # then
        assert body["errors"][0]["message"] == "Invalid cursor"
