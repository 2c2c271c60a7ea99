from __future__ import annotations

import strawberry

from api.db import read_session
from api.graphql.context import Context
from api.graphql.relay import page
from api.job.types import Job, JobConnection
from api.matching import repository, service
from api.matching.types import MatchWeights, UserSkill


@strawberry.type
class MatchingQuery:
    @strawberry.field(
        description="Open jobs you have not applied to, best match first, each with its score breakdown. "
        "`first` is capped at 100."
    )
    async def recommendations(self, info: strawberry.Info, first: int | None = 20, after: str | None = None) -> JobConnection:
        context: Context = info.context
        user_id = context.require_user()
        window = page(first, after, context.settings.max_page_size)
        async with read_session() as session:
            rows, total = await repository.recommendations(session, user_id, window.offset, window.limit)
        return JobConnection.build([Job.from_model(r) for r in rows], window, total)


@strawberry.type
class MatchingViewerFields:
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
