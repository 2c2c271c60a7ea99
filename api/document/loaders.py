from __future__ import annotations

from api.db import read_session
from api.document import repository
from api.graphql.loader import OwnedLoader, by_id_loader, grouped_loader
from api.models import Document, DocumentVersion

DocumentByIdLoader = by_id_loader(Document)
DocumentsByJobIdLoader = grouped_loader(repository.by_job_ids, "job_id")
VersionsByDocumentIdLoader = grouped_loader(repository.versions_for, "document_id")
FeedbackByDocumentIdLoader = grouped_loader(repository.feedback_for, "document_id")


class LatestVersionByDocumentIdLoader(OwnedLoader[int, DocumentVersion | None]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, DocumentVersion | None]:
        async with read_session() as session:
            return {v.document_id: v for v in await repository.latest_versions_for(session, self.user_id, keys)}
