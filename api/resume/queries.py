from __future__ import annotations

import strawberry

from api.graphql.permissions import authenticated_field
from api.graphql.relay import viewer_connection
from api.resume import repository
from api.resume.types import ResumeUpload, ResumeUploadConnection


@strawberry.type
class ResumeQuery:
    @authenticated_field(description="The viewer's résumé uploads, newest first. Upload with POST /uploads/resume.")
    async def resume_uploads(
        self, info: strawberry.Info, first: int | None = 10, after: str | None = None
    ) -> ResumeUploadConnection:
        return await viewer_connection(info, first, after, ResumeUploadConnection, ResumeUpload, repository.list_page)
