from __future__ import annotations

import strawberry

from api.db import unit_of_work
from api.graphql.errors import run_mutation
from api.graphql.relay import decode_id
from api.matching import service
from api.matching.types import (
    MatchFeedbackGiveInput,
    MatchFeedbackGivePayload,
    MatchWeights,
    UserSkill,
    UserSkillAddInput,
    UserSkillAddPayload,
    UserSkillRemoveInput,
    UserSkillRemovePayload,
)


@strawberry.type
class MatchingMutation:
    @strawberry.mutation(
        description="Thumbs up/down on a recommendation: nudges your match weights within bounds and says why."
    )
    async def match_feedback_give(self, info: strawberry.Info, input: MatchFeedbackGiveInput) -> MatchFeedbackGivePayload:
        user_id = info.context.require_user()

        async def build() -> MatchFeedbackGivePayload:
            job_id = decode_id(input.job_id, "Job", "jobId")
            async with unit_of_work() as session:
                view = await service.give_feedback(session, user_id, job_id, input.target.value, input.rating)
            return MatchFeedbackGivePayload(weights=MatchWeights.from_view(view))

        return await run_mutation(build, lambda errors: MatchFeedbackGivePayload(errors=errors))

    @strawberry.mutation(description="Teach the skills taxonomy a skill or aliases (e.g. an in-house tool); jobs are re-scored.")
    async def user_skill_add(self, info: strawberry.Info, input: UserSkillAddInput) -> UserSkillAddPayload:
        user_id = info.context.require_user()

        async def build() -> UserSkillAddPayload:
            async with unit_of_work() as session:
                skill = await service.add_skill(session, user_id, input.name, input.aliases, input.category)
                return UserSkillAddPayload(user_skill=UserSkill.from_model(skill))

        return await run_mutation(build, lambda errors: UserSkillAddPayload(errors=errors))

    @strawberry.mutation(description="Remove a skill you added to the taxonomy.")
    async def user_skill_remove(self, info: strawberry.Info, input: UserSkillRemoveInput) -> UserSkillRemovePayload:
        user_id = info.context.require_user()

        async def build() -> UserSkillRemovePayload:
            skill_id = decode_id(input.id, "UserSkill")
            async with unit_of_work() as session:
                await service.remove_skill(session, user_id, skill_id)
            return UserSkillRemovePayload(deleted_id=input.id)

        return await run_mutation(build, lambda errors: UserSkillRemovePayload(errors=errors))
