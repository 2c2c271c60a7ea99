from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped
from api.graphql.node import OwnedNode
from api.graphql.relay import DeletePayload, NodeIdInput
from api.matching import score
from api.matching.loaders import UserSkillByIdLoader
from api.vocabulary import FeedbackTarget, MatchBand

expose(MatchBand, description="poor < 30 ≤ weak < 50 ≤ fair < 65 ≤ good < 80 ≤ great")
expose(FeedbackTarget)


@strawberry.type(description="One part of a match score, 0–100, and its weight in the total.")
class ScorePart:
    name: str = strawberry.field(description="skills | location | experience")
    score: int
    weight: float
    detail: str


@strawberry.type
class ScoreBreakdown(Mapped):
    total: int
    band: MatchBand
    provisional: bool = strawberry.field(description="The posting is too thin to be sure")
    parts: list[ScorePart]
    matched: list[str] = strawberry.field(description="Skills the posting asks for that you have")
    missing_must_have: list[str]
    missing_nice_to_have: list[str]
    explanation: list[str] = strawberry.field(description="One sentence per part, in plain words")
    what_would_raise_it: list[str] = strawberry.field(description="The top missing skills, must-haves first")

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> ScoreBreakdown:
        """From jobs.score_breakdown (the pure breakdown's to_dict), parts summarised as served."""
        breakdown = score.ScoreBreakdown.from_dict(stored)
        return cls.from_result(breakdown, parts=breakdown.summaries())


@strawberry.type(description="How much each part counts in your match scores (they sum to 1).")
class MatchWeights(Mapped):
    skills: float
    location: float
    experience: float
    reason: str = strawberry.field(description="Why they last changed")
    customised: bool = strawberry.field(description="False while the starting weights apply")


@strawberry.input
class MatchFeedbackGiveInput:
    job_id: relay.GlobalID
    rating: int = strawberry.field(description="1 thumbs up, -1 thumbs down")
    target: FeedbackTarget = strawberry.field(
        default=FeedbackTarget.JOB, description="JOB: the whole recommendation; or the part that matters more/less"
    )


@strawberry.type
class MatchFeedbackGivePayload:
    weights: MatchWeights | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type(name="UserSkill", description="A skill you added to the taxonomy (or aliases for a known one).")
class UserSkill(OwnedNode, loader=UserSkillByIdLoader):
    name: str
    aliases: list[str]
    category: str | None
    created_at: datetime


@strawberry.input
class UserSkillAddInput:
    name: str
    aliases: list[str] | None = None
    category: str | None = strawberry.field(
        default=None, description="language, frontend, backend, database, cloud, devops, data, ml …"
    )


@strawberry.type
class UserSkillAddPayload:
    user_skill: UserSkill | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class UserSkillRemoveInput(NodeIdInput):
    pass


@strawberry.type
class UserSkillRemovePayload(DeletePayload):
    pass
