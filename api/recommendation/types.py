"""GraphQL types of career recommendations, built from their rows by field name."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped
from api.graphql.node import OwnedNode
from api.recommendation.loaders import CareerRecommendationByIdLoader
from api.vocabulary import Effort, RecommendationState, RecommendationType

if TYPE_CHECKING:
    from api.goal.types import Goal

expose(RecommendationType, Effort, RecommendationState)


@strawberry.type(description="How one score was computed.")
class ScoreExplanation(Mapped):
    name: str = strawberry.field(description="confidence | market_relevance | personal_fit")
    value: float
    explanation: str


@strawberry.type(name="CareerRecommendation", description="A suggested next move with its reasoning and scores.")
class CareerRecommendation(OwnedNode, loader=CareerRecommendationByIdLoader):
    type: RecommendationType
    title: str
    description: str
    reasoning: str = strawberry.field(description="The facts behind it, with their numbers")
    expected_impact: str
    time_to_complete_days: int
    effort: Effort
    confidence: float = strawberry.field(description="0..1: how much data it rests on")
    market_relevance: float = strawberry.field(description="0..1: market trend and how often your jobs ask for it")
    personal_fit: float = strawberry.field(description="0..1: your learning format, time and success rate")
    goal_steps: list[str] = strawberry.field(description="The steps the goal gets when accepted")
    state: RecommendationState
    decline_reason: str | None
    decided_at: datetime | None
    created_at: datetime
    scoring: strawberry.Private[dict[str, Any]]
    goal_id: strawberry.Private[int | None]

    @strawberry.field(name="scoring", description="How confidence, market relevance and personal fit were computed.")
    def score_explanations(self) -> list[ScoreExplanation]:
        return [ScoreExplanation.from_result(s) for s in (self.scoring or {}).get("scores", [])]

    @strawberry.field(description="The goal created by accepting it.")
    async def goal(self, info: strawberry.Info) -> Annotated["Goal", strawberry.lazy("api.goal.types")] | None:
        if self.goal_id is None:
            return None
        from api.goal.loaders import GoalByIdLoader
        from api.goal.types import Goal

        row = await GoalByIdLoader.of(info.context).load(self.goal_id)
        return Goal.from_model(row) if row else None


# --------------------------------------------------------------------------- inputs and payloads


@strawberry.input
class CareerRecommendationsGenerateInput:
    limit: int | None = strawberry.field(default=5, description="1 to 20 new candidates")


@strawberry.type
class CareerRecommendationsPayload:
    recommendations: list[CareerRecommendation] = strawberry.field(
        default_factory=list, description="Every open recommendation, best first"
    )
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class CareerRecommendationAcceptInput:
    id: relay.GlobalID
    target_date: date | None = strawberry.field(default=None, description="Defaults to today + its time to complete")


@strawberry.input
class CareerRecommendationDeclineInput:
    id: relay.GlobalID
    reason: str | None = None


@strawberry.type
class CareerRecommendationPayload:
    recommendation: CareerRecommendation | None = None
    goal: Annotated["Goal", strawberry.lazy("api.goal.types")] | None = strawberry.field(
        default=None, description="The goal accepting created"
    )
    errors: list[FieldError] = strawberry.field(default_factory=list)
