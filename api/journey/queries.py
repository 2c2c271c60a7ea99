"""Journey fields of the viewer (`viewer.journey`, `viewer.decisions` …), mixed into the User type."""

from __future__ import annotations

from functools import partial

import strawberry

from api.db import DriverRow, read_session
from api.graphql.context import Context
from api.graphql.relay import listed_connection
from api.graphql.selection import selects
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
    prime_decision_goals,
)
from api.models import CareerJourney as CareerJourneyModel


async def _journey(info: strawberry.Info) -> CareerJourneyModel | None:
    context: Context = info.context
    return await CareerJourneyByUserIdLoader.of(context).load(context.viewer_id)


@strawberry.type
class JourneyViewerFields:
    @strawberry.field(description="Current role, stage, target and velocity; null until the journey is first set or computed.")
    async def journey(self, info: strawberry.Info) -> CareerJourney | None:
        row = await _journey(info)
        return CareerJourney.from_model(row) if row else None

    @strawberry.field(description="How the viewer learns (cached by the worker); null until first computed.")
    async def learning_patterns(self, info: strawberry.Info) -> LearningPatterns | None:
        row = await _journey(info)
        return LearningPatterns.from_result(row.patterns) if row and row.patterns else None

    @strawberry.field(description="The predicted next milestone (cached by the worker); null until first computed.")
    async def next_milestone_prediction(self, info: strawberry.Info) -> MilestonePrediction | None:
        row = await _journey(info)
        return MilestonePrediction.from_result(row.prediction, computed_at=row.computed_at) if row and row.prediction else None

    @strawberry.field(description="The career context; null until first saved.")
    async def career_context(self, info: strawberry.Info) -> CareerContext | None:
        context: Context = info.context
        row = await CareerContextByUserIdLoader.of(context).load(context.viewer_id)
        return CareerContext.from_model(row) if row else None

    @strawberry.field(description="Decisions, newest first. `first` is capped at 100.")
    async def decisions(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        filter: DecisionFilter | None = None,
    ) -> DecisionConnection:
        filters = repository.DecisionFilter(
            open_only=bool(filter and (filter.open_only or filter.overdue)),
            decided_before=service.overdue_before() if filter and filter.overdue else None,
            kinds=[k.value for k in filter.kinds] if filter and filter.kinds else None,
        )

        with_goals = selects(info, "edges", "node", "goal")

        async def read(user_id: int, offset: int, limit: int) -> tuple[list[DriverRow], int]:
            decisions, total = await repository.decisions_page(user_id, offset, limit, filters=filters, with_goals=with_goals)
            if with_goals:
                prime_decision_goals(info, decisions)
            return decisions, total

        return await listed_connection(info, first, after, DecisionConnection, Decision, read)

    @strawberry.field(description="Milestones, most recent first. `first` is capped at 100.")
    async def milestones(self, info: strawberry.Info, first: int | None = 20, after: str | None = None) -> MilestoneConnection:
        return await listed_connection(info, first, after, MilestoneConnection, Milestone, repository.milestones_page)

    @strawberry.field(description="Skill snapshots by date. `first` is capped at 100.")
    async def skill_snapshots(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        order_by: SnapshotOrder = SnapshotOrder.NEWEST,
    ) -> SkillSnapshotConnection:
        read = partial(
            repository.snapshots_page,
            newest_first=order_by == SnapshotOrder.NEWEST,
            demand_notes=selects(info, "edges", "node", "skills", "marketDemandNote"),
        )
        return await listed_connection(info, first, after, SkillSnapshotConnection, SkillSnapshot, read)

    @strawberry.field(description="What a new skill snapshot starts from: the last snapshot plus the profile's skills.")
    async def skill_snapshot_draft(self, info: strawberry.Info) -> list[SkillDraft]:
        async with read_session() as session:
            drafts = await service.snapshot_draft(session, info.context.viewer_id)
        return [SkillDraft.from_result(d) for d in drafts]
