from __future__ import annotations

from api.db import read_session
from api.graphql.loader import OwnedLoader
from api.models import Notification
from api.notification import repository


class NotificationByIdLoader(OwnedLoader[int, Notification]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, Notification]:
        async with read_session() as session:
            return {n.id: n for n in await repository.by_ids(session, self.user_id, keys)}
