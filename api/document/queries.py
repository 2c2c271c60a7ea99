from __future__ import annotations

import strawberry
from strawberry import relay

from api.db import read_session
from api.document import repository
from api.document.types import Document, DocumentConnection, DocumentKind
from api.errors import NotFound
from api.graphql.context import Context
from api.graphql.permissions import authenticated_field
from api.graphql.relay import decode_id, page


@strawberry.type
class DocumentQuery:
    @authenticated_field(description="The viewer's documents, newest first. `first` is capped at 100.")
    async def documents(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        kinds: list[DocumentKind] | None = None,
        job_id: relay.GlobalID | None = None,
    ) -> DocumentConnection:
        context: Context = info.context
        user_id = context.viewer_id
        window = page(first, after, context.settings.max_page_size)
        try:
            job = decode_id(job_id, "Job", "job_id") if job_id is not None else None
        except NotFound:
            job = -1  # not a job id: nothing matches, like a job of another user
        async with read_session() as session:
            rows, total = await repository.list_page(
                session, user_id, [k.value for k in kinds] if kinds else None, job, window.offset, window.limit
            )
        return DocumentConnection.build([Document.from_model(r) for r in rows], window, total)
