from __future__ import annotations

from pathlib import Path

from api.schema import schema_sdl

ROOT = Path(__file__).resolve().parent.parent


class TestSchemaFile:
    def test_schema_graphql_matches_the_code(self):
        # given
        committed = (ROOT / "schema.graphql").read_text()
        # when
        generated = schema_sdl()
        # then
        assert committed == generated, "schema.graphql is stale: run `make schema`"
