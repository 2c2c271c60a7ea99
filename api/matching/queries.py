from __future__ import annotations

import strawberry

from api.db import read_session
from api.graphql.permissions import authenticated_field
from api.graphql.relay import viewer_connection
from api.job.types import Job, JobConnection
from api.matching import repository, service
from api.matching.types import MatchWeights, UserSkill


@strawberry.type
class MatchingQuery:
    @authenticated_field(
        description="Open jobs you have not applied to, best match first, each with its score breakdown. "
        "`first` is capped at 100."
    )
    async def recommendations(self, info: strawberry.Info, first: int | None = 20, after: str | None = None) -> JobConnection:
        return await viewer_connection(info, first, after, JobConnection, Job, repository.recommendations)


@strawberry.type
class MatchingViewerFields:
    @strawberry.field(description="How much skills, location and experience count in your scores, and why.")
    async def match_weights(self, info: strawberry.Info) -> MatchWeights:
        async with read_session() as session:
            view = await service.current_weights(session, info.context.viewer_id)
        return MatchWeights.from_result(view.weights, reason=view.reason, customised=view.customised)

    @strawberry.field(description="Skills you added to the taxonomy.")
    async def custom_skills(self, info: strawberry.Info) -> list[UserSkill]:
        async with read_session() as session:
            return [UserSkill.from_model(s) for s in await repository.skills(session, info.context.viewer_id)]
