from __future__ import annotations

import strawberry

from api.db import read_session
from api.graphql.context import Context
from api.graphql.permissions import authenticated_field
from api.graphql.relay import page
from api.resume import repository
from api.resume.types import ResumeUpload, ResumeUploadConnection


@strawberry.type
class ResumeQuery:
    @authenticated_field(description="The viewer's résumé uploads, newest first. Upload with POST /uploads/resume.")
    async def resume_uploads(
        self, info: strawberry.Info, first: int | None = 10, after: str | None = None
    ) -> ResumeUploadConnection:
        context: Context = info.context
        window = page(first, after, context.settings.max_page_size)
        async with read_session() as session:
            rows, total = await repository.list_page(session, context.viewer_id, window.offset, window.limit)
        return ResumeUploadConnection.build([ResumeUpload.from_model(r) for r in rows], window, total)
