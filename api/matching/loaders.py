from __future__ import annotations

from api.db import read_session
from api.graphql.loader import OwnedLoader
from api.matching import repository
from api.models import UserSkill


class UserSkillByIdLoader(OwnedLoader[int, UserSkill]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, UserSkill]:
        async with read_session() as session:
            return {s.id: s for s in await repository.skills_by_ids(session, self.user_id, keys)}
