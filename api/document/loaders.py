from __future__ import annotations

from api.db import read_session
from api.document import repository
from api.graphql.loader import OwnedLoader, group
from api.models import Document, DocumentFeedback, DocumentVersion


class DocumentByIdLoader(OwnedLoader[int, Document]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, Document]:
        async with read_session() as session:
            return {d.id: d for d in await repository.by_ids(session, self.user_id, keys)}


class DocumentsByJobIdLoader(OwnedLoader[int, list[Document]]):
    def missing(self) -> list[Document]:
        return []

    async def load_many_from_db(self, keys: list[int]) -> dict[int, list[Document]]:
        async with read_session() as session:
            return group(await repository.by_job_ids(session, self.user_id, keys), "job_id")


class VersionsByDocumentIdLoader(OwnedLoader[int, list[DocumentVersion]]):
    def missing(self) -> list[DocumentVersion]:
        return []

    async def load_many_from_db(self, keys: list[int]) -> dict[int, list[DocumentVersion]]:
        async with read_session() as session:
            return group(await repository.versions_for(session, self.user_id, keys), "document_id")


class LatestVersionByDocumentIdLoader(OwnedLoader[int, DocumentVersion | None]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, DocumentVersion | None]:
        async with read_session() as session:
            return {v.document_id: v for v in await repository.latest_versions_for(session, self.user_id, keys)}


class FeedbackByDocumentIdLoader(OwnedLoader[int, list[DocumentFeedback]]):
    def missing(self) -> list[DocumentFeedback]:
        return []

    async def load_many_from_db(self, keys: list[int]) -> dict[int, list[DocumentFeedback]]:
        async with read_session() as session:
            return group(await repository.feedback_for(session, self.user_id, keys), "document_id")
