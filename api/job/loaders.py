from __future__ import annotations

from api.db import read_session
from api.graphql.loader import OwnedLoader
from api.job import repository
from api.models import Job


class JobByIdLoader(OwnedLoader[int, Job]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, Job]:
        async with read_session() as session:
            return {j.id: j for j in await repository.by_ids(session, self.user_id, keys)}
