from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.graphql.mutation import mutation
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
    @mutation(description="Thumbs up/down on a recommendation: nudges your match weights within bounds and says why.")
    async def match_feedback_give(
        self, session: AsyncSession, user_id: int, input: MatchFeedbackGiveInput
    ) -> MatchFeedbackGivePayload:
        job_id = decode_id(input.job_id, "Job", "job_id")
        view = await service.give_feedback(session, user_id, job_id, input.target, input.rating)
        return MatchFeedbackGivePayload(
            weights=MatchWeights.from_result(view.weights, reason=view.reason, customised=view.customised)
        )

    @mutation(description="Teach the skills taxonomy a skill or aliases (e.g. an in-house tool); jobs are re-scored.")
    async def user_skill_add(self, session: AsyncSession, user_id: int, input: UserSkillAddInput) -> UserSkillAddPayload:
        skill = await service.add_skill(session, user_id, input.name, input.aliases, input.category)
        return UserSkillAddPayload(user_skill=UserSkill.from_model(skill))

    @mutation(description="Remove a skill you added to the taxonomy.")
    async def user_skill_remove(self, session: AsyncSession, user_id: int, input: UserSkillRemoveInput) -> UserSkillRemovePayload:
        await service.remove_skill(session, user_id, decode_id(input.id, "UserSkill"))
        return UserSkillRemovePayload(deleted_id=input.id)
