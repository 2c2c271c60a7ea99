"""Digest fields of the viewer: the archive of morning briefings and evening summaries."""

from __future__ import annotations

from functools import partial

import strawberry

from api.digest import repository
from api.digest.types import Digest, DigestConnection
from api.graphql.relay import viewer_connection
from api.vocabulary import DigestKind


@strawberry.type
class DigestViewerFields:
    @strawberry.field(description="Digests, newest first; of one kind when given; previews too unless includeTests is false.")
    async def digests(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        kind: DigestKind | None = None,
        include_tests: bool | None = True,
    ) -> DigestConnection:
        read = partial(repository.digests_page, kind=kind.value if kind else None, include_tests=include_tests is not False)
        return await viewer_connection(info, first, after, DigestConnection, Digest, read)
