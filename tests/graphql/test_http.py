from __future__ import annotations

import json

from tests.support.graphql import signed_up
from tests.support.jobs import create_job

JOBS = "query Jobs($first: Int) { jobs(first: $first) { totalCount } }"


class TestGraphQLOverHttp:
    async def test_query_over_get_works(self, client):
        # given
        user = await signed_up(client)
        # when
        response = await client.get(
            "/graphql",
            params={"query": "{ viewer { username } }"},
            headers={"authorization": f"Bearer {user.token}", "accept": "application/json"},
        )
        # then
        assert response.status_code == 200
        assert response.json()["data"]["viewer"]["username"] == user.username

    async def test_mutation_over_get_is_refused(self, client):
        # when
        response = await client.get(
            "/graphql", params={"query": 'mutation { tokenRevoke(input: {refreshToken: "x"}) { revoked } }'}
        )
        # then
        assert response.status_code == 405

    async def test_malformed_json_is_a_400(self, client):
        # when
        response = await client.post("/graphql", content=b"{not json", headers={"content-type": "application/json"})
        # then
        assert response.status_code == 400

    async def test_validation_error_with_graphql_response_media_type_is_a_400(self, client):
        # when
        response = await client.post(
            "/graphql", json={"query": "{ nope }"}, headers={"accept": "application/graphql-response+json"}
        )
        # then
        assert response.status_code == 400
        assert response.headers["content-type"].startswith("application/graphql-response+json")
        assert "nope" in response.json()["errors"][0]["message"]

    async def test_accept_anything_answers_json(self, client):
        # when
        response = await client.post("/graphql", json={"query": "{ __typename }"}, headers={"accept": "*/*"})
        # then
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")
        assert response.json() == {"data": {"__typename": "Query"}}

    async def test_no_accept_header_answers_json(self, client):
        # given: a request without any Accept header (httpx adds one unless it is removed)
        request = client.build_request("POST", "/graphql", json={"query": "{ __typename }"})
        del request.headers["accept"]
        # when
        response = await client.send(request)
        # then
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")

    async def test_graphql_response_preferred_over_json_is_used(self, client):
        # when
        response = await client.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"accept": "application/graphql-response+json, application/json;q=0.9"},
        )
        # then
        assert response.headers["content-type"].startswith("application/graphql-response+json")

    async def test_parse_failure_with_graphql_response_media_type_has_no_data_entry(self, client):
        # when
        response = await client.post("/graphql", json={"query": "{"}, headers={"accept": "application/graphql-response+json"})
        # then
        assert response.status_code == 400
        body = response.json()
        assert "data" not in body
        assert "Syntax Error" in body["errors"][0]["message"]

    async def test_validation_failure_with_graphql_response_media_type_has_no_data_entry(self, client):
        # when
        response = await client.post(
            "/graphql", json={"query": "{ nope }"}, headers={"accept": "application/graphql-response+json"}
        )
        # then
        assert response.status_code == 400
        assert "data" not in response.json()

    async def test_field_error_with_graphql_response_media_type_keeps_its_data(self, client):
        # given: a bad token is an error of the field, after execution began
        headers = {"accept": "application/graphql-response+json", "authorization": "Bearer nonsense"}
        # when
        response = await client.post("/graphql", json={"query": "{ viewer { id } }"}, headers=headers)
        # then
        assert response.status_code == 200
        body = response.json()
        assert body["data"] == {"viewer": None} and body["errors"][0]["path"] == ["viewer"]

    async def test_validation_error_with_legacy_json_is_a_200(self, client):
        # when
        response = await client.post("/graphql", json={"query": "{ nope }"}, headers={"accept": "application/json"})
        # then
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")

    async def test_request_body_over_the_cap_is_a_413(self, client):
        # when
        response = await client.post(
            "/graphql", content=b'{"query": "' + b"a" * 1_100_000 + b'"}', headers={"content-type": "application/json"}
        )
        # then: a GraphQL error the web app shows, saying the limit
        assert response.status_code == 413
        assert response.json() == {
            "errors": [
                {
                    "message": "This is too large to send: the server accepts up to 1 MB at a time. "
                    "Shorten the text or file and try again.",
                    "extensions": {"code": "TOO_LARGE"},
                }
            ]
        }


class TestLimits:
    async def test_page_size_is_capped_at_100(self, client):
        # given
        user = await signed_up(client)
        # when
        body = await user.raw(JOBS, {"first": 101})
        # then
        assert body["errors"][0]["message"] == "'first' must be at most 100"
        assert (await user.raw(JOBS, {"first": 100}))["data"]["jobs"]["totalCount"] == 0

    async def test_query_depth_is_limited(self, client):
        # given
        user = await signed_up(client)
        deep = "{ jobs { edges { node { applications { job { applications { job { applications { job { applications { job { applications { job { id } } } } } } } } } } } } } }"
        # when
        body = await user.raw(deep)
        # then
        assert "exceeds maximum operation depth" in body["errors"][0]["message"]

    async def test_aliases_are_limited(self, client):
        # given
        user = await signed_up(client)
        query = "{ " + " ".join(f"a{i}: viewer {{ id }}" for i in range(31)) + " }"
        # when
        body = await user.raw(query)
        # then
        assert "aliases" in body["errors"][0]["message"]

    async def test_tokens_are_limited(self, client):
        # given: short tokens, so the query stays under the byte cap that comes before parsing
        query = "{ " + " ".join("a" for _ in range(4100)) + " }"
        # when
        body = (await client.post("/graphql", json={"query": query})).json()
        # then
        assert "token" in body["errors"][0]["message"].lower()

    async def test_unexpected_errors_are_masked(self, client, monkeypatch):
        # given: a bug deep inside a resolver
        from api.job import repository

        async def broken(*args, **kwargs):
            raise RuntimeError("secret internals: password=hunter2")

        user = await signed_up(client)
        monkeypatch.setattr(repository, "listed_page", broken)
        # when
        body = await user.raw(JOBS, {"first": 5})
        # then
        assert body["errors"][0]["message"] == "Internal error"
        assert "hunter2" not in json.dumps(body)


class TestNode:
    async def test_node_and_nodes_only_see_the_viewers_objects(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        mine = await create_job(owner, title="Mine")
        theirs = await create_job(other, title="Theirs")
        query = "query N($ids: [ID!]!) { nodes(ids: $ids) { id ... on Job { title } } }"
        # when
        nodes = (await owner.gql(query, {"ids": [mine, theirs]}))["nodes"]
        user_node = (await owner.gql("query U($id: ID!) { node(id: $id) { ... on User { username } } }", {"id": other.user_id}))[
            "node"
        ]
        # then
        assert nodes == [{"id": mine, "title": "Mine"}, None]
        assert user_node is None

    async def test_the_viewer_resolves_as_a_node(self, client):
        # given
        user = await signed_up(client)
        # when
        node = (await user.gql("query U($id: ID!) { node(id: $id) { ... on User { username } } }", {"id": user.user_id}))["node"]
        # then
        assert node == {"username": user.username}


class TestHealth:
    async def test_reports_database_redis_and_worker(self, client, worker):
        # given
        from tests.support.waiting import eventually

        # when
        async def healthy():
            body = (await client.get("/healthz")).json()
            return body["worker"]["ok"] and body

        body = await eventually(healthy, timeout=30)
        # then
        assert body["database"] == {"ok": True} and body["redis"] == {"ok": True}
        assert body["status"] == "ok"


class TestSpa:
    async def test_unknown_paths_fall_back_to_the_app(self, client):
        # given
        from api.app import WEB_DIST

        built = (WEB_DIST / "index.html").exists()
        # when
        response = await client.get("/board/some/deep/link")
        # then: the built app (as `make test` builds it first), or a clear hint when it is not built
        if built:
            assert response.status_code == 200 and '<div id="root"' in response.text
            asset = next((WEB_DIST / "assets").glob("*.js")).name
            assert (await client.get(f"/assets/{asset}")).status_code == 200
        else:
            assert response.status_code == 503 and "not built" in response.text


class TestGraphiQL:
    async def test_served_when_enabled(self, client):
        # when
        response = await client.get("/graphql", headers={"accept": "text/html"})
        # then
        assert response.status_code == 200 and "graphiql" in response.text.lower()

    def test_off_by_default_with_an_external_database(self, monkeypatch):
        # given
        from api.config import Settings

        monkeypatch.delenv("GRAPHIQL", raising=False)
        # when
        production, embedded = Settings(database_url="postgresql://db/x"), Settings(database_url=None)
        # then
        assert production.graphiql is False and embedded.graphiql is True

    def test_placeholder_secret_is_refused_outside_the_embedded_default(self):
        # given
        import pytest

        from api.config import Settings

        # when / then
        with pytest.raises(RuntimeError, match="SECRET_KEY is required"):
            Settings(database_url="postgresql://db/x", secret_key="change-me").jwt_secret()
        with pytest.raises(RuntimeError, match="at least 32"):
            Settings(database_url="postgresql://db/x", secret_key="short-but-not-placeholder").jwt_secret()


class TestViewer:
    async def test_signed_out_is_null_but_a_bad_token_is_an_error(self, client):
        # when
        anonymous = (await client.post("/graphql", json={"query": "{ viewer { id } }"})).json()
        expired = (
            await client.post("/graphql", json={"query": "{ viewer { id } }"}, headers={"authorization": "Bearer nonsense"})
        ).json()
        # then
        assert anonymous == {"data": {"viewer": None}}
        assert expired["errors"][0]["message"] == "Invalid access token"
