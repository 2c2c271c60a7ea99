from __future__ import annotations

from api.db import read_session
from api.graphql.loader import OwnedLoader
from api.models import User
from api.user import repository


class UserByIdLoader(OwnedLoader[int, User]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, User]:
        wanted = [k for k in keys if k == self.user_id]
        if not wanted:
            return {}
        async with read_session() as session:
            return {u.id: u for u in await repository.by_ids(session, wanted)}
