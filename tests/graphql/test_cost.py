"""The query cost limit (api/graphql/limits.py): computed from the document before anything runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, parse

from api.config import Settings
from api.graphql.limits import operation_cost
from api.schema import build_schema
from tests.support.graphql import signed_up
from tests.support.statements import counting_statements

WEB_SRC = Path(__file__).resolve().parents[2] / "web" / "src"
BUDGET = Settings().query_cost_budget
GRAPHQL_RESPONSE = {"accept": "application/graphql-response+json"}


@pytest.fixture(scope="module")
def schema():
    return build_schema(Settings(debug=True))._schema


def cost(schema, query: str, variables: dict | None = None) -> int:
    return operation_cost(schema, parse(query), None, variables or {})


def jobs_aliases(count: int, first: int = 100) -> str:
    return "{ " + " ".join(f"j{i}: jobs(first: {first}) {{ edges {{ node {{ id title }} }} }}" for i in range(count)) + " }"


class TestCost:
    def test_a_page_multiplies_what_each_item_asks_for(self, schema):
        # when / then: the connection 1, each of 10 items: edges 1 + node 1; scalars are free
        assert cost(schema, "{ jobs(first: 10) { totalCount edges { node { id title } } } }") == 21

    def test_nested_pages_multiply(self, schema):
        # given
        query = "{ viewer { goals(first: 10) { edges { node { id steps { id } } } } } }"
        # when / then: viewer 1 + goals (1 + 10 × (edges 1 + node 1 + steps 1))
        assert cost(schema, query) == 32

    def test_the_default_page_size_counts_when_first_is_absent(self, schema):
        # when / then: jobs' own default, 20
        assert cost(schema, "{ jobs { edges { node { id } } } }") == 41

    def test_first_from_a_variable_and_its_default(self, schema):
        # given
        query = "query Q($n: Int = 5) { jobs(first: $n) { edges { node { id } } } }"
        # when / then
        assert cost(schema, query, {"n": 50}) == 101
        assert cost(schema, query) == 11

    def test_aliases_count_as_the_fields_they_are(self, schema):
        # when / then
        assert cost(schema, jobs_aliases(3, first=10)) == 3 * 21

    def test_fragments_are_expanded(self, schema):
        # given
        query = """
        query { jobs(first: 10) { ...Page } more: jobs(first: 10) { ...Page } }
        fragment Page on JobConnection { edges { node { ...Item } } }
        fragment Item on Job { id applications { id } }
        """
        # when / then: each of the two pages 1 + 10 × (edges 1 + node 1 + applications 1)
        assert cost(schema, query) == 2 * 31

    def test_ids_asked_for_count_each(self, schema):
        # when / then: nodes 1 + 3 × applications 1
        assert cost(schema, '{ nodes(ids: ["a", "b", "c"]) { id ... on Job { applications { id } } } }') == 4


class TestCostLimit:
    async def test_over_the_budget_is_refused_before_any_sql(self, client):
        # given: 30 aliases of a full page each, within the alias and depth limits
        user = await signed_up(client)
        query = jobs_aliases(30)
        # when
        async with counting_statements() as statements:
            response = await user.post(query, None, **GRAPHQL_RESPONSE)
        # then
        assert response.status_code == 400
        body = response.json()
        assert "data" not in body
        assert re.fullmatch(
            rf"The query costs 6030, more than the budget of {BUDGET}: ask for smaller pages or fewer fields",
            body["errors"][0]["message"],
        )
        assert statements == []

    async def test_under_the_budget_runs(self, client):
        # given
        user = await signed_up(client)
        # when
        body = await user.raw(jobs_aliases(5))
        # then
        assert "errors" not in body and body["data"]["j4"]["edges"] == []

    async def test_page_sizes_from_variables_count(self, client):
        # given
        user = await signed_up(client)
        query = (
            "query Q($n: Int) { " + " ".join(f"j{i}: jobs(first: $n) {{ edges {{ node {{ id }} }} }}" for i in range(30)) + " }"
        )
        # when
        small, large = await user.raw(query, {"n": 10}), await user.raw(query, {"n": 100})
        # then
        assert "errors" not in small
        assert "more than the budget" in large["errors"][0]["message"]


class TestQuerySize:
    async def test_a_query_over_the_byte_cap_is_refused_before_parsing(self, client):
        # given: far over the cap, and not even valid GraphQL
        query = "{ " + "x" * (Settings().max_query_bytes + 1)
        # when
        response = await client.post("/graphql", json={"query": query}, headers=GRAPHQL_RESPONSE)
        # then: the size answers, not a syntax error (nothing was parsed)
        assert response.status_code == 400
        assert response.json()["errors"][0]["message"] == (
            f"The query is larger than {Settings().max_query_bytes:,} bytes, the most the server accepts; send a shorter one"
        )


def web_operations() -> list[tuple[str, DocumentNode]]:
    """Every operation of the web app (graphql(`…`) in web/src, the generated src/gql aside),
    each with all the app's fragments, as the codegen client sends it."""
    bodies = []
    for path in sorted(WEB_SRC.rglob("*.ts*")):
        if path.relative_to(WEB_SRC).parts[0] != "gql":
            bodies += re.findall(r"graphql\(\s*`(.*?)`\s*\)", path.read_text(encoding="utf-8"), re.S)
    documents = [parse(body) for body in bodies]
    fragments = [d for doc in documents for d in doc.definitions if isinstance(d, FragmentDefinitionNode)]
    return [
        (op.name.value if op.name else "anonymous", DocumentNode(definitions=(op, *fragments)))
        for doc in documents
        for op in doc.definitions
        if isinstance(op, OperationDefinitionNode)
    ]


class TestWebDocuments:
    def test_every_web_document_costs_well_under_the_budget(self, schema):
        # given: every variable at the largest page size, the worst a page can ask
        operations = web_operations()
        page = Settings().max_page_size
        # when
        costs = {
            name: operation_cost(schema, document, name, {v.variable.name.value: page for v in op.variable_definitions or ()})
            for name, document in operations
            for op in [document.definitions[0]]
        }
        # then
        assert len(costs) > 50  # the extraction found the app's documents
        over = {name: value for name, value in costs.items() if value >= BUDGET / 2}
        assert over == {}
