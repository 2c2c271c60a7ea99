"""Write schema.graphql from the code (`make schema`); a test fails when the file is stale."""

from __future__ import annotations

from pathlib import Path

from api.schema import schema_sdl

if __name__ == "__main__":
    path = Path(__file__).resolve().parent.parent / "schema.graphql"
    path.write_text(schema_sdl())
    print(f"wrote {path}")
