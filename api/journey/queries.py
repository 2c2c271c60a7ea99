"""Journey fields of the viewer (`viewer.journey`, `viewer.decisions` …), mixed into the User type."""

from __future__ import annotations

import strawberry

from api.db import read_session
from api.graphql.context import Context
from api.graphql.relay import page
from api.journey import repository, service
from api.journey.loaders import CareerContextByUserIdLoader, CareerJourneyByUserIdLoader
from api.journey.types import (
    CareerContext,
    CareerJourney,
    Decision,
    DecisionConnection,
    DecisionFilter,
    LearningPatterns,
    Milestone,
    MilestoneConnection,
    MilestonePrediction,
    SkillDraft,
    SkillSnapshot,
    SkillSnapshotConnection,
    SnapshotOrder,
)


async def _journey(info: strawberry.Info):
    context: Context = info.context
    user_id = context.require_user()
    return await CareerJourneyByUserIdLoader.of(context).load(user_id)


@strawberry.type
class JourneyViewerFields:
    @strawberry.field(description="Current role, stage, target and velocity; null until the journey is first set or computed.")
    async def journey(self, info: strawberry.Info) -> CareerJourney | None:
        row = await _journey(info)
        return CareerJourney.from_model(row) if row else None

    @strawberry.field(description="How the viewer learns (cached by the worker); null until first computed.")
    async def learning_patterns(self, info: strawberry.Info) -> LearningPatterns | None:
        row = await _journey(info)
        return LearningPatterns.from_dict(row.patterns) if row and row.patterns else None

    @strawberry.field(description="The predicted next milestone (cached by the worker); null until first computed.")
    async def next_milestone_prediction(self, info: strawberry.Info) -> MilestonePrediction | None:
        row = await _journey(info)
        return MilestonePrediction.from_dict(row.prediction, row.computed_at) if row and row.prediction else None

    @strawberry.field(description="The career context; null until first saved.")
    async def career_context(self, info: strawberry.Info) -> CareerContext | None:
        context: Context = info.context
        row = await CareerContextByUserIdLoader.of(context).load(context.require_user())
        return CareerContext.from_model(row) if row else None

    @strawberry.field(description="Decisions, newest first. `first` is capped at 100.")
    async def decisions(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None, filter: DecisionFilter | None = None
    ) -> DecisionConnection:
        context: Context = info.context
        user_id = context.require_user()
        window = page(first, after, context.settings.max_page_size)
        filters = repository.DecisionFilter(
            open_only=bool(filter and (filter.open_only or filter.overdue)),
            decided_before=service.overdue_before() if filter and filter.overdue else None,
            kinds=[k.value for k in filter.kinds] if filter and filter.kinds else None,
        )
        async with read_session() as session:
            rows, total = await repository.decisions_page(session, user_id, filters, window.offset, window.limit)
        return DecisionConnection.build([Decision.from_model(r) for r in rows], window, total)

    @strawberry.field(description="Milestones, most recent first. `first` is capped at 100.")
    async def milestones(self, info: strawberry.Info, first: int | None = 20, after: str | None = None) -> MilestoneConnection:
        context: Context = info.context
        user_id = context.require_user()
        window = page(first, after, context.settings.max_page_size)
        async with read_session() as session:
            rows, total = await repository.milestones_page(session, user_id, window.offset, window.limit)
        return MilestoneConnection.build([Milestone.from_model(r) for r in rows], window, total)

    @strawberry.field(description="Skill snapshots by date. `first` is capped at 100.")
    async def skill_snapshots(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None, order_by: SnapshotOrder = SnapshotOrder.NEWEST
    ) -> SkillSnapshotConnection:
        context: Context = info.context
        user_id = context.require_user()
        window = page(first, after, context.settings.max_page_size)
        async with read_session() as session:
            rows, total = await repository.snapshots_page(
                session, user_id, order_by == SnapshotOrder.NEWEST, window.offset, window.limit
            )
        return SkillSnapshotConnection.build([SkillSnapshot.from_model(r) for r in rows], window, total)

    @strawberry.field(description="What a new skill snapshot starts from: the last snapshot plus the profile's skills.")
    async def skill_snapshot_draft(self, info: strawberry.Info) -> list[SkillDraft]:
        user_id = info.context.require_user()
        async with read_session() as session:
            drafts = await service.snapshot_draft(session, user_id)
        return [SkillDraft(skill=d.skill, proficiency=d.proficiency, last_proficiency=d.last_proficiency, in_profile=d.in_profile) for d in drafts]
