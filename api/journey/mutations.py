from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.dates import optional_aware
from api.graphql.inputs import given_fields
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.journey import service
from api.journey.types import (
    CareerContext,
    CareerContextPayload,
    CareerContextUpdateInput,
    CareerJourney,
    Decision,
    DecisionOutcomeRecordInput,
    DecisionPayload,
    DecisionRecordInput,
    JourneyPayload,
    JourneyUpdateInput,
    Milestone,
    MilestoneAddInput,
    MilestonePayload,
    SkillLevelInput,
    SkillSnapshot,
    SkillSnapshotPayload,
    SkillSnapshotTakeInput,
    SkillSnapshotUpdateInput,
)


def levels(items: list[SkillLevelInput]) -> list[service.SkillLevel]:
    return [service.SkillLevel(**given_fields(item)) for item in items]


@strawberry.type
class JourneyMutation:
    @mutation(description="Set the current role, company, stage, target role or role start; only given fields change.")
    async def journey_update(self, session: AsyncSession, user_id: int, input: JourneyUpdateInput) -> JourneyPayload:
        journey = await service.update_journey(session, user_id, given_fields(input))
        return JourneyPayload(journey=CareerJourney.from_model(journey))

    @mutation(description="Set the career context; only given fields change. Saving counts as an assessment.")
    async def career_context_update(
        self, session: AsyncSession, user_id: int, input: CareerContextUpdateInput
    ) -> CareerContextPayload:
        context = await service.update_context(session, user_id, given_fields(input))
        return CareerContextPayload(career_context=CareerContext.from_model(context))

    @mutation(description="Record a decision now; its outcome comes later with decisionOutcomeRecord.")
    async def decision_record(self, session: AsyncSession, user_id: int, input: DecisionRecordInput) -> DecisionPayload:
        decision = await service.record_decision(
            session, user_id, input.kind, input.context, input.choice, optional_aware(input.decided_at)
        )
        return DecisionPayload(decision=Decision.from_model(decision))

    @mutation(description="Record how a decision turned out: outcome, lessons and satisfaction (1–10).")
    async def decision_outcome_record(
        self, session: AsyncSession, user_id: int, input: DecisionOutcomeRecordInput
    ) -> DecisionPayload:
        decision = await service.record_outcome(
            session, user_id, decode_id(input.id, "Decision"), input.outcome, input.lessons, input.satisfaction
        )
        return DecisionPayload(decision=Decision.from_model(decision))

    @mutation(description="Add a milestone. A promotion or new role with a role also moves the current role.")
    async def milestone_add(self, session: AsyncSession, user_id: int, input: MilestoneAddInput) -> MilestonePayload:
        milestone = await service.add_milestone(session, user_id, given_fields(input))
        return MilestonePayload(milestone=Milestone.from_model(milestone))

    @mutation(description="Take today's skill snapshot; without skills it is pre-filled from the last one and the profile.")
    async def skill_snapshot_take(
        self, session: AsyncSession, user_id: int, input: SkillSnapshotTakeInput
    ) -> SkillSnapshotPayload:
        skills = levels(input.skills) if input.skills is not None else None
        snapshot = await service.take_snapshot(session, user_id, skills, input.taken_on)
        return SkillSnapshotPayload(skill_snapshot=SkillSnapshot.from_model(snapshot))

    @mutation(description="Edit the proficiencies of a snapshot (the list replaces its skills).")
    async def skill_snapshot_update(
        self, session: AsyncSession, user_id: int, input: SkillSnapshotUpdateInput
    ) -> SkillSnapshotPayload:
        snapshot_id = decode_id(input.id, "SkillSnapshot")
        snapshot = await service.update_snapshot(session, user_id, snapshot_id, levels(input.skills))
        return SkillSnapshotPayload(skill_snapshot=SkillSnapshot.from_model(snapshot))
