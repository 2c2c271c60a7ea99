from __future__ import annotations

from api.db import read_session
from api.graphql.loader import OwnedLoader
from api.models import ResumeUpload
from api.resume import repository


class ResumeUploadByIdLoader(OwnedLoader[int, ResumeUpload]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, ResumeUpload]:
        async with read_session() as session:
            return {u.id: u for u in await repository.by_ids(session, self.user_id, keys)}
