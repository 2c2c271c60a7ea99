from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Iterable

import strawberry
from strawberry import relay

from api.graphql.context import Context
from api.graphql.errors import FieldError
from api.models import UserSkill as UserSkillModel


@strawberry.enum(description="poor < 30 ≤ weak < 50 ≤ fair < 65 ≤ good < 80 ≤ great")
class MatchBand(Enum):
    POOR = "poor"
    WEAK = "weak"
    FAIR = "fair"
    GOOD = "good"
    GREAT = "great"


@strawberry.type(description="One part of a match score, 0–100, and its weight in the total.")
class ScorePart:
    name: str = strawberry.field(description="skills | location | experience")
    score: int
    weight: float
    detail: str


@strawberry.type
class ScoreBreakdown:
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
    def from_dict(cls, d: dict) -> "ScoreBreakdown":
        weights = d.get("weights") or {}
        parts = d["parts"]
        skills = parts["skills"]
        details = {
            "skills": next((e for e in d.get("explanation", []) if e.startswith("Skills:")), ""),
            "location": parts["location"].get("detail", ""),
            "experience": parts["experience"].get("reason", ""),
        }
        return cls(
            total=d["total"], band=MatchBand(d["band"]), provisional=d["provisional"],
            parts=[ScorePart(name=n, score=parts[n]["score"], weight=round(float(weights.get(n, 0)), 4), detail=details[n])
                   for n in ("skills", "location", "experience")],
            matched=list(skills.get("matched", [])), missing_must_have=list(skills.get("missing_must_have", [])),
            missing_nice_to_have=list(skills.get("missing_nice_to_have", [])),
            explanation=list(d.get("explanation", [])), what_would_raise_it=list(d.get("what_would_raise_it", [])),
        )


@strawberry.type(description="How much each part counts in your match scores (they sum to 1).")
class MatchWeights:
    skills: float
    location: float
    experience: float
    reason: str = strawberry.field(description="Why they last changed")
    customised: bool = strawberry.field(description="False while the starting weights apply")

    @classmethod
    def from_view(cls, view) -> "MatchWeights":
        w = view.weights
        return cls(skills=w.skills, location=w.location, experience=w.experience, reason=view.reason,
                   customised=view.customised)


@strawberry.enum
class FeedbackTarget(Enum):
    JOB = "job"
    SKILLS = "skills"
    LOCATION = "location"
    EXPERIENCE = "experience"


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
class UserSkill(relay.Node):
    id: relay.NodeID[int]
    name: str
    aliases: list[str]
    category: str | None
    created_at: datetime

    @classmethod
    def from_model(cls, m: UserSkillModel) -> "UserSkill":
        return cls(id=m.id, name=m.name, aliases=list(m.aliases), category=m.category, created_at=m.created_at)

    @classmethod
    async def resolve_nodes(cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False):
        from api.matching.loaders import UserSkillByIdLoader

        context: Context = info.context
        rows = await UserSkillByIdLoader.of(context).load_many([int(i) if str(i).isdigit() else -1 for i in node_ids])
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.input
class UserSkillAddInput:
    name: str
    aliases: list[str] | None = None
    category: str | None = strawberry.field(default=None, description="language, frontend, backend, database, cloud, devops, data, ml …")


@strawberry.type
class UserSkillAddPayload:
    user_skill: UserSkill | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class UserSkillRemoveInput:
    id: relay.GlobalID


@strawberry.type
class UserSkillRemovePayload:
    deleted_id: relay.GlobalID | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
