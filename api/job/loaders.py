from __future__ import annotations

from typing import Any

from api.db import reading
from api.graphql.loader import OwnedLoader, by_id_loader
from api.job import repository
from api.models import Job

JobByIdLoader = by_id_loader(Job)


class BreakdownByJobIdLoader(OwnedLoader[int, Any]):
    """The stored score breakdown of jobs read from a list, which leaves it out (`LIST_DEFERRED`)."""

    async def load_many_from_db(self, keys: list[int]) -> dict[int, Any]:
        found = await reading(lambda session: repository.breakdowns(session, self.user_id, keys))
        return dict(found)
