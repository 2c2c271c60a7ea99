from __future__ import annotations

from api.db import DriverRow
from api.graphql.loader import OwnedLoader
from api.user import repository


class UserByIdLoader(OwnedLoader[int, DriverRow]):
    """Only the caller's own row is ever found (read as an ORM row reads)."""

    async def load_many_from_db(self, keys: list[int]) -> dict[int, DriverRow]:
        row = await repository.viewer(self.user_id) if self.user_id in keys else None
        return {row.id: row} if row is not None else {}
