from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.document.types import Document
from api.goal.types import Goal
from api.graphql.inputs import given_fields
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id, encode_id
from api.guidance import service
from api.guidance.types import (
    GuidanceRule,
    GuidanceRulePayload,
    GuidanceRuleUpdateInput,
    GuidanceSettings,
    GuidanceSettingsPayload,
    GuidanceSettingsUpdateInput,
    Insight,
    InsightActInput,
    InsightActPayload,
    InsightDismissInput,
    InsightFeedbackInput,
    InsightPayload,
    InsightReadInput,
    InsightsPayload,
    VisitPayload,
    VisitRecordInput,
    WelcomeBack,
)


@strawberry.type
class GuidanceMutation:
    @mutation(description="Mark insights read; every id must be one of the viewer's insights, else none is marked.")
    async def insight_read(self, session: AsyncSession, user_id: int, input: InsightReadInput) -> InsightsPayload:
        ids = [decode_id(gid, "Insight", "ids") for gid in input.ids]
        return InsightsPayload(insights=[Insight.from_model(row) for row in await service.read(session, user_id, ids)])

    @mutation(description="Run one of an insight's actions (by index) and mark it acted on, together.")
    async def insight_act(self, session: AsyncSession, user_id: int, input: InsightActInput) -> InsightActPayload:
        result = await service.act(session, user_id, decode_id(input.id, "Insight"), input.action)
        href = result.href
        if result.document is not None:
            href = f"/documents/{encode_id('Document', result.document.id)}"
        return InsightActPayload(
            insight=Insight.from_model(result.insight),
            goal=Goal.from_model(result.goal) if result.goal is not None else None,
            document=Document.from_model(result.document) if result.document is not None else None,
            href=href,
        )

    @mutation(description="Dismiss an insight (an expired one too).")
    async def insight_dismiss(self, session: AsyncSession, user_id: int, input: InsightDismissInput) -> InsightPayload:
        return InsightPayload(insight=Insight.from_model(await service.dismiss(session, user_id, decode_id(input.id, "Insight"))))

    @mutation(description="Say whether an insight was useful; the rule learns from it. May be changed.")
    async def insight_feedback(self, session: AsyncSession, user_id: int, input: InsightFeedbackInput) -> InsightPayload:
        insight = await service.feedback(session, user_id, decode_id(input.id, "Insight"), input.verdict.value)
        return InsightPayload(insight=Insight.from_model(insight))

    @mutation(
        description="Mute a rule or change its thresholds for the viewer (only the keys given); reset goes back to the defaults."
    )
    async def guidance_rule_update(
        self, session: AsyncSession, user_id: int, input: GuidanceRuleUpdateInput
    ) -> GuidanceRulePayload:
        rule = await service.update_rule(
            session, user_id, input.key, muted=input.muted, changes=input.conditions, reset=bool(input.reset)
        )
        return GuidanceRulePayload(rule=GuidanceRule.from_result(rule))

    @mutation(description="Change how much and when the companion speaks; only given fields change.")
    async def guidance_settings_update(
        self, session: AsyncSession, user_id: int, input: GuidanceSettingsUpdateInput
    ) -> GuidanceSettingsPayload:
        settings = await service.update_settings(session, user_id, given_fields(input))
        return GuidanceSettingsPayload(settings=GuidanceSettings.from_result(settings))

    @mutation(
        description="Note the viewer's visit (the web app sends it once per load). After days away it raises the "
        "welcome back once and returns it."
    )
    async def visit_record(self, session: AsyncSession, user_id: int, input: VisitRecordInput) -> VisitPayload:
        insight, away_days = await service.record_visit(session, user_id, input.timezone)
        if insight is None:
            return VisitPayload()
        return VisitPayload(welcome_back=WelcomeBack(insight=Insight.from_model(insight), away_days=away_days))
