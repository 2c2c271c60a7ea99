"""GraphQL documents and seeding helpers for the insights API tests: insights are written as rows
(what the rule evaluation would have stored), so the API is tested on known histories."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from api.db import read_session, unit_of_work
from api.graphql.relay import encode_id
from api.models import CareerInsight, GuidanceRule, GuidanceRuleOverride, GuidanceSetting, User

ERRORS = "errors { field message code }"
INSIGHT_FIELDS = """
  id kind priority title message evidence { label value }
  actions { index label kind href arguments }
  ruleKey ruleName state createdAt validUntil readAt actedAt actedAction dismissedAt verdict rephrased
"""
INSIGHTS = f"""
query Insights($first: Int, $after: String, $filter: InsightFilter) {{
  viewer {{ insights(first: $first, after: $after, filter: $filter) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {INSIGHT_FIELDS} }} }}
  }} }}
}}
"""
TOP_INSIGHTS = f"query Top($limit: Int!) {{ viewer {{ topInsights(limit: $limit) {{ {INSIGHT_FIELDS} }} }} }}"
INSIGHT_NODE = f"query Node($id: ID!) {{ node(id: $id) {{ id ... on Insight {{ {INSIGHT_FIELDS} }} }} }}"
INSIGHT_READ = f"""
mutation Read($input: InsightReadInput!) {{ insightRead(input: $input) {{ insights {{ {INSIGHT_FIELDS} }} {ERRORS} }} }}
"""
INSIGHT_ACT = f"""
mutation Act($input: InsightActInput!) {{
  insightAct(input: $input) {{
    insight {{ {INSIGHT_FIELDS} }}
    goal {{ id title why targetDate status difficulty progress steps {{ id title position done }} }}
    document {{ id kind status title job {{ id }} }}
    href
    {ERRORS}
  }}
}}
"""
INSIGHT_DISMISS = f"""
mutation Dismiss($input: InsightDismissInput!) {{ insightDismiss(input: $input) {{ insight {{ {INSIGHT_FIELDS} }} {ERRORS} }} }}
"""
INSIGHT_FEEDBACK = f"""
mutation Feedback($input: InsightFeedbackInput!) {{ insightFeedback(input: $input) {{ insight {{ {INSIGHT_FIELDS} }} {ERRORS} }} }}
"""
RULE_FIELDS = "key name description triggerType insightKind priority effectivePriority conditions defaults active muted cooldownDays learning"
GUIDANCE_RULES = f"query Rules {{ viewer {{ guidanceRules {{ {RULE_FIELDS} }} }} }}"
RULE_UPDATE = f"""
mutation RuleUpdate($input: GuidanceRuleUpdateInput!) {{ guidanceRuleUpdate(input: $input) {{ rule {{ {RULE_FIELDS} }} {ERRORS} }} }}
"""
SETTINGS_FIELDS = "level dailyCap wellbeing timezone nextEvaluationAt"
GUIDANCE_SETTINGS = f"query Settings {{ viewer {{ timezone guidanceSettings {{ {SETTINGS_FIELDS} }} }} }}"
SETTINGS_UPDATE = f"""
mutation SettingsUpdate($input: GuidanceSettingsUpdateInput!) {{
  guidanceSettingsUpdate(input: $input) {{ settings {{ {SETTINGS_FIELDS} }} {ERRORS} }}
}}
"""
CHECKLIST = "query Checklist { viewer { firstRunChecklist { complete items { key label done href } } } }"


def insight_id(db_id: int) -> str:
    return encode_id("Insight", db_id)


async def rule_id(key: str) -> int:
    async with read_session() as session:
        return (await session.execute(select(GuidanceRule.id).where(GuidanceRule.key == key))).scalar_one()


def check_in_actions(goal_id: int, step_id: int, target_date: str = "2027-02-15") -> list[dict[str, Any]]:
    """The actions the check-in rule offers: a new target date from the pace, split the step, open the goal."""
    return [
        {
            "label": f"Move the target date to {target_date}",
            "kind": "set_target_date",
            "arguments": {"goal_id": goal_id, "target_date": target_date},
        },
        {"label": "Break the current step down", "kind": "split_step", "arguments": {"goal_id": goal_id, "step_id": step_id}},
        {"label": "Open the goal", "kind": "open", "arguments": {"href": f"/goals/{encode_id('Goal', goal_id)}"}},
    ]


async def seed_insight(
    user_id: int,
    *,
    rule: str | None = "check_in",
    kind: str = "check_in",
    priority: str = "medium",
    title: str = "You've been quiet on Kubernetes",
    message: str = "No progress on Kubernetes for 9 days; you usually log daily. Adjust the timeline or break the current step down?",
    evidence: list[dict[str, str]] | None = None,
    actions: list[dict[str, Any]] | None = None,
    created_at: datetime | None = None,
    valid_until: datetime | None = None,
    **state: Any,
) -> int:
    """One stored insight as the evaluation writes it; `state` sets read_at, acted_at, dismissed_at, verdict…"""
    now = datetime.now(UTC)
    row = CareerInsight(
        user_id=user_id,
        rule_id=await rule_id(rule) if rule else None,
        kind=kind,
        priority=priority,
        title=title,
        message=message,
        evidence=evidence
        if evidence is not None
        else [{"label": "Last progress", "value": "9 days ago"}, {"label": "Your usual gap", "value": "1 day"}],
        actions=actions
        if actions is not None
        else [{"label": "Open your goals", "kind": "open", "arguments": {"href": "/goals"}}],
        dedupe_key=f"test:{uuid.uuid4().hex}",
        created_at=created_at or now,
        valid_until=valid_until if valid_until is not None else now + timedelta(days=7),
        **state,
    )
    async with unit_of_work() as session:
        session.add(row)
        await session.flush()
        return row.id


async def insight_row(db_id: int) -> CareerInsight:
    async with read_session() as session:
        return (await session.execute(select(CareerInsight).where(CareerInsight.id == db_id))).scalar_one()


async def override_row(user_id: int, key: str) -> GuidanceRuleOverride | None:
    async with read_session() as session:
        query = (
            select(GuidanceRuleOverride)
            .join(GuidanceRule)
            .where(GuidanceRuleOverride.user_id == user_id, GuidanceRule.key == key)
        )
        return (await session.execute(query)).scalar_one_or_none()


async def settings_row(user_id: int) -> GuidanceSetting | None:
    async with read_session() as session:
        return (await session.execute(select(GuidanceSetting).where(GuidanceSetting.user_id == user_id))).scalar_one_or_none()


async def user_timezone(user_id: int) -> str:
    async with read_session() as session:
        return (await session.execute(select(User.timezone).where(User.id == user_id))).scalar_one()
