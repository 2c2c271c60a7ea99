"""GraphQL types of guidance: insights with their evidence and actions, the person's effective
rules, their settings and the first-run checklist; built by field name from rows and pure results
(`api.graphql.mapping`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.db import DriverRow
from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped, from_result
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection, encode_id
from api.guidance.loaders import GuidanceRuleByIdLoader, InsightByIdLoader
from api.guidance.service import state_of
from api.models import CareerInsight
from api.vocabulary import (
    GuidanceLevel,
    InsightActionKind,
    InsightKind,
    InsightPriority,
    InsightState,
    InsightVerdict,
    TriggerType,
)

if TYPE_CHECKING:
    from api.document.types import Document
    from api.goal.types import Goal

expose(InsightKind, InsightPriority, InsightState, InsightVerdict, InsightActionKind, TriggerType, GuidanceLevel)

# database ids in an action's arguments, shown as the global ids of their types
GLOBAL_ID_ARGUMENTS = {"goal_id": "Goal", "application_id": "Application", "step_id": "GoalStep"}


def display_arguments(arguments: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: encode_id(GLOBAL_ID_ARGUMENTS[name], value) if name in GLOBAL_ID_ARGUMENTS and isinstance(value, int) else value
        for name, value in arguments.items()
    }


@strawberry.type(description="One fact behind an insight, e.g. Kubernetes: 31 of 120 postings (+41%).")
class InsightEvidence(Mapped):
    label: str
    value: str


@strawberry.type(description="A suggested action: a link into the app (OPEN) or one click that insightAct runs.")
class InsightAction(Mapped):
    index: int = strawberry.field(description="Its position in the insight's actions: insightAct(input: {id, action: index})")
    label: str
    kind: InsightActionKind
    href: str | None = strawberry.field(description="OPEN: the in-app path to navigate to; null for the others")
    arguments: JSON = strawberry.field(description="What it will do, for display; ids are global ids")

    @classmethod
    def of(cls, index: int, stored: Mapping[str, Any]) -> InsightAction:
        kind = InsightActionKind(stored["kind"])
        arguments = stored.get("arguments") or {}
        href = arguments.get("href") if kind is InsightActionKind.OPEN else None
        return cls(index=index, label=stored.get("label", ""), kind=kind, href=href, arguments=display_arguments(arguments))  # type: ignore[arg-type]


@strawberry.type(name="Insight", description="Something the companion noticed, with its reasons and suggested actions.")
class Insight(OwnedNode, loader=InsightByIdLoader):
    rule_id: strawberry.Private[int | None]
    kind: InsightKind
    priority: InsightPriority
    title: str
    message: str
    evidence: list[InsightEvidence]
    actions: list[InsightAction]
    state: InsightState = strawberry.field(description="EXPIRED when validUntil has passed and it was not acted on or dismissed")
    created_at: datetime
    valid_until: datetime | None
    read_at: datetime | None
    acted_at: datetime | None
    acted_action: int | None
    dismissed_at: datetime | None
    verdict: InsightVerdict | None
    rephrased: bool = strawberry.field(description="Wording rephrased by the model (facts, numbers and actions unchanged)")

    @classmethod
    def from_model(cls, m: CareerInsight | DriverRow) -> Insight:  # type: ignore[override]
        actions = [InsightAction.of(index, stored) for index, stored in enumerate(m.actions or [])]
        return from_result(cls, m, actions=actions, state=state_of(m, datetime.now(UTC)))

    @strawberry.field(description="The rule that produced it (null if the rule was removed).")
    async def rule_key(self, info: strawberry.Info) -> str | None:
        rule = await GuidanceRuleByIdLoader.of(info.context).load(self.rule_id) if self.rule_id is not None else None
        return rule.key if rule else None

    @strawberry.field
    async def rule_name(self, info: strawberry.Info) -> str | None:
        rule = await GuidanceRuleByIdLoader.of(info.context).load(self.rule_id) if self.rule_id is not None else None
        return rule.name if rule else None


@strawberry.type
class InsightConnection(Connection[Insight]):
    pass


@strawberry.input
class InsightFilter:
    kinds: list[InsightKind] | None = None
    states: list[InsightState] | None = None
    min_priority: InsightPriority | None = None


@strawberry.type(description="A rule of the companion as the viewer has it: their thresholds, mute and what it learned.")
class GuidanceRule(Mapped):
    key: str = strawberry.field(description='"check_in", "market_nudge", ...')
    name: str
    description: str
    trigger_type: TriggerType
    insight_kind: InsightKind
    priority: InsightPriority = strawberry.field(description="The rule's own")
    effective_priority: InsightPriority = strawberry.field(description="After the viewer's reactions")
    conditions: JSON = strawberry.field(description="The effective thresholds (defaults with the viewer's changes)")
    defaults: JSON = strawberry.field(description="The rule's defaults")
    active: bool = strawberry.field(description="The rule is shipped active")
    muted: bool = strawberry.field(description="The viewer muted it")
    cooldown_days: int = strawberry.field(description="Minimum days between two insights of this rule for the viewer (learned)")
    learning: str | None = strawberry.field(description='"Shown less often: you dismissed 4 of the last 5." / null')


@strawberry.type(description="How much the companion speaks (its quiet hours are the notification preferences').")
class GuidanceSettings(Mapped):
    level: GuidanceLevel
    daily_cap: int
    wellbeing: bool = strawberry.field(description="Opt-in pacing and wellbeing insights")
    timezone: str = strawberry.field(description="The viewer's IANA time zone (also settable here)")
    next_evaluation_at: datetime | None


@strawberry.type
class ChecklistItem(Mapped):
    key: str
    label: str
    done: bool
    href: str


@strawberry.type(description="A new user's first steps: profile, résumé, job, goal, saved search.")
class FirstRunChecklist(Mapped):
    items: list[ChecklistItem]
    complete: bool


# --------------------------------------------------------------------------- inputs and payloads


@strawberry.input
class InsightReadInput:
    ids: list[relay.GlobalID]


@strawberry.input
class InsightActInput:
    id: relay.GlobalID
    action: int = strawberry.field(description="The index of the action among the insight's actions")


@strawberry.input
class InsightDismissInput:
    id: relay.GlobalID


@strawberry.input
class InsightFeedbackInput:
    id: relay.GlobalID
    verdict: InsightVerdict


@strawberry.input
class GuidanceRuleUpdateInput:
    key: str
    muted: bool | None = None
    conditions: JSON | None = strawberry.field(default=None, description="Only the keys to change")
    reset: bool | None = strawberry.field(default=False, description="Back to the rule's defaults (and unmuted) first")


@strawberry.input
class GuidanceSettingsUpdateInput:
    level: GuidanceLevel | None = strawberry.UNSET
    daily_cap: int | None = strawberry.UNSET
    wellbeing: bool | None = strawberry.UNSET
    timezone: str | None = strawberry.UNSET


@strawberry.type
class InsightsPayload:
    insights: list[Insight] = strawberry.field(default_factory=list)
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class InsightPayload:
    insight: Insight | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class InsightActPayload:
    insight: Insight | None = None
    goal: Annotated["Goal", strawberry.lazy("api.goal.types")] | None = strawberry.field(
        default=None, description="The goal the action changed or created"
    )
    document: Annotated["Document", strawberry.lazy("api.document.types")] | None = strawberry.field(
        default=None, description="The drafted email (DRAFT_EMAIL)"
    )
    href: str | None = strawberry.field(default=None, description="Where to go next")
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class GuidanceRulePayload:
    rule: GuidanceRule | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class GuidanceSettingsPayload:
    settings: GuidanceSettings | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class VisitRecordInput:
    timezone: str | None = strawberry.field(
        default=None,
        description="The browser's IANA time zone. It becomes the viewer's only while theirs is still the default UTC, "
        "so guidance and digests run at their local hours from the first visit; an unknown zone is an error.",
    )


@strawberry.type(description="The first visit after days away: how long, and the welcome-back insight.")
class WelcomeBack:
    insight: Insight | None
    away_days: int


@strawberry.type
class VisitPayload:
    welcome_back: WelcomeBack | None = strawberry.field(default=None, description="Null unless a welcome back is due")
    errors: list[FieldError] = strawberry.field(default_factory=list)
