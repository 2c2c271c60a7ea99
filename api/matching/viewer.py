"""Viewer fields of matching: mixed into the User type (`viewer.matchWeights`, `viewer.customSkills`)."""

from __future__ import annotations

import strawberry

from api.db import read_session
from api.matching import repository, service
from api.matching.types import MatchWeights, UserSkill


@strawberry.type
class MatchViewerFields:
    @strawberry.field(description="How much skills, location and experience count in your scores, and why.")
    async def match_weights(self, info: strawberry.Info) -> MatchWeights:
        user_id = info.context.require_user()
        async with read_session() as session:
            return MatchWeights.from_view(await service.current_weights(session, user_id))

    @strawberry.field(description="Skills you added to the taxonomy.")
    async def custom_skills(self, info: strawberry.Info) -> list[UserSkill]:
        user_id = info.context.require_user()
        async with read_session() as session:
            return [UserSkill.from_model(s) for s in await repository.skills(session, user_id)]
