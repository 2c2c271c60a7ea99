from __future__ import annotations

import strawberry

from api.db import unit_of_work
from api.graphql.errors import run_mutation
from api.graphql.inputs import given_fields
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
    aware,
)


def levels(items: list[SkillLevelInput]) -> list[service.SkillLevel]:
    return [service.SkillLevel(i.skill, i.proficiency, i.market_demand, i.gap) for i in items]


JOURNEY_FIELDS = ["current_role", "current_company", "career_stage", "target_role", "role_started_on"]
CONTEXT_FIELDS = [
    "current_situation", "short_term_goals", "long_term_vision", "learning_preferences", "hours_per_week", "budget",
    "commitments", "motivation_factors", "stress_factors", "stress_level", "last_assessed_on",
]
MILESTONE_FIELDS = ["kind", "title", "description", "impact_score", "market_value_note", "role", "achieved_on"]


@strawberry.type
class JourneyMutation:
    @strawberry.mutation(description="Set the current role, company, stage, target role or role start; only given fields change.")
    async def journey_update(self, info: strawberry.Info, input: JourneyUpdateInput) -> JourneyPayload:
        user_id = info.context.require_user()

        async def build() -> JourneyPayload:
            async with unit_of_work() as session:
                journey = await service.update_journey(session, user_id, given_fields(input, JOURNEY_FIELDS))
                return JourneyPayload(journey=CareerJourney.from_model(journey))

        return await run_mutation(build, lambda errors: JourneyPayload(errors=errors))

    @strawberry.mutation(description="Set the career context; only given fields change. Saving counts as an assessment.")
    async def career_context_update(self, info: strawberry.Info, input: CareerContextUpdateInput) -> CareerContextPayload:
        user_id = info.context.require_user()

        async def build() -> CareerContextPayload:
            async with unit_of_work() as session:
                context = await service.update_context(session, user_id, given_fields(input, CONTEXT_FIELDS))
                return CareerContextPayload(career_context=CareerContext.from_model(context))

        return await run_mutation(build, lambda errors: CareerContextPayload(errors=errors))

    @strawberry.mutation(description="Record a decision now; its outcome comes later with decisionOutcomeRecord.")
    async def decision_record(self, info: strawberry.Info, input: DecisionRecordInput) -> DecisionPayload:
        user_id = info.context.require_user()

        async def build() -> DecisionPayload:
            async with unit_of_work() as session:
                decision = await service.record_decision(
                    session, user_id, input.kind.value, input.context, input.choice, aware(input.decided_at)
                )
                return DecisionPayload(decision=Decision.from_model(decision))

        return await run_mutation(build, lambda errors: DecisionPayload(errors=errors))

    @strawberry.mutation(description="Record how a decision turned out: outcome, lessons and satisfaction (1–10).")
    async def decision_outcome_record(self, info: strawberry.Info, input: DecisionOutcomeRecordInput) -> DecisionPayload:
        user_id = info.context.require_user()

        async def build() -> DecisionPayload:
            decision_id = decode_id(input.id, "Decision")
            async with unit_of_work() as session:
                decision = await service.record_outcome(
                    session, user_id, decision_id, input.outcome, input.lessons, input.satisfaction
                )
                return DecisionPayload(decision=Decision.from_model(decision))

        return await run_mutation(build, lambda errors: DecisionPayload(errors=errors))

    @strawberry.mutation(description="Add a milestone. A promotion or new role with a role also moves the current role.")
    async def milestone_add(self, info: strawberry.Info, input: MilestoneAddInput) -> MilestonePayload:
        user_id = info.context.require_user()

        async def build() -> MilestonePayload:
            async with unit_of_work() as session:
                milestone = await service.add_milestone(session, user_id, given_fields(input, MILESTONE_FIELDS))
                return MilestonePayload(milestone=Milestone.from_model(milestone))

        return await run_mutation(build, lambda errors: MilestonePayload(errors=errors))

    @strawberry.mutation(description="Take today's skill snapshot; without skills it is pre-filled from the last one and the profile.")
    async def skill_snapshot_take(self, info: strawberry.Info, input: SkillSnapshotTakeInput) -> SkillSnapshotPayload:
        user_id = info.context.require_user()

        async def build() -> SkillSnapshotPayload:
            async with unit_of_work() as session:
                snapshot = await service.take_snapshot(
                    session, user_id, levels(input.skills) if input.skills is not None else None, input.taken_on
                )
                return SkillSnapshotPayload(skill_snapshot=SkillSnapshot.from_model(snapshot))

        return await run_mutation(build, lambda errors: SkillSnapshotPayload(errors=errors))

    @strawberry.mutation(description="Edit the proficiencies of a snapshot (the list replaces its skills).")
    async def skill_snapshot_update(self, info: strawberry.Info, input: SkillSnapshotUpdateInput) -> SkillSnapshotPayload:
        user_id = info.context.require_user()

        async def build() -> SkillSnapshotPayload:
            snapshot_id = decode_id(input.id, "SkillSnapshot")
            async with unit_of_work() as session:
                snapshot = await service.update_snapshot(session, user_id, snapshot_id, levels(input.skills))
                return SkillSnapshotPayload(skill_snapshot=SkillSnapshot.from_model(snapshot))

        return await run_mutation(build, lambda errors: SkillSnapshotPayload(errors=errors))
